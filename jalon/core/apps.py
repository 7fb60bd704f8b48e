from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jalon.core"
    verbose_name = "Socle commun"

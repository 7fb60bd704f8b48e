from django.apps import AppConfig


class PathwaysConfig(AppConfig):
    name = "jalon.pathways"
    verbose_name = "Parcours"

from django.apps import AppConfig


class ReceptionConfig(AppConfig):
    name = "jalon.reception"
    verbose_name = "Repérage, accueil et diagnostic"

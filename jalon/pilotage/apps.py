from django.apps import AppConfig


class PilotageConfig(AppConfig):
    name = "jalon.pilotage"
    verbose_name = "Pilotage"

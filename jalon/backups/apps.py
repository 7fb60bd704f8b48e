from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "jalon.backups"
    verbose_name = "Sauvegarde et restauration"

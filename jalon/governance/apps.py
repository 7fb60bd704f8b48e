from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "jalon.governance"
    verbose_name = "Gouvernance de l'accord-cadre Justice"

from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "jalon.reporting"
    verbose_name = "Indicateurs"

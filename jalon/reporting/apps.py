from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "jalon.reporting"
    verbose_name = "Indicateurs"

    def ready(self):
        from jalon.reporting import signals

        signals.connect()

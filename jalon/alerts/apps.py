from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "jalon.alerts"
    verbose_name = "Alertes et liste de travail"

    def ready(self):
        from jalon.alerts import signals

        signals.connect()

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jalon.audit"
    verbose_name = "Journal d'audit"

from django.apps import AppConfig


class ObligationConfig(AppConfig):
    name = "jalon.obligation"
    verbose_name = "Obligation de formation 16-18 ans"

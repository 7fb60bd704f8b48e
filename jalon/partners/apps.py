from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "jalon.partners"
    verbose_name = "Partenaires : suivi partagé, annuaire des correspondants"

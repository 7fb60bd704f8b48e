from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "jalon.network"
    verbose_name = "Réseau et partenaires"

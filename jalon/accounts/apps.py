from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jalon.accounts"
    verbose_name = "Comptes"

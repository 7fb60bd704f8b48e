from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jalon.accounts"
    verbose_name = "Comptes"

    def ready(self):
        from jalon.accounts import signals  # noqa: F401 - connects the receivers

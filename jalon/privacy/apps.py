from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "jalon.privacy"
    verbose_name = "Conservation et droits des personnes"

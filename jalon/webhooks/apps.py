from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "jalon.webhooks"
    verbose_name = "Webhooks (notifications aux partenaires)"

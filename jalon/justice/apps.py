from django.apps import AppConfig


class JusticeConfig(AppConfig):
    name = "jalon.justice"
    verbose_name = "Justice : situation pénale, permanences en détention, TIG"

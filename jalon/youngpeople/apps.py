from django.apps import AppConfig


class YoungpeopleConfig(AppConfig):
    name = "jalon.youngpeople"
    verbose_name = "Jeunes"

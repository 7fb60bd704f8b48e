from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "jalon.scheduling"
    verbose_name = "Agenda et rendez-vous"

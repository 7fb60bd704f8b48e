from django.apps import AppConfig


class ChildWelfareConfig(AppConfig):
    name = "jalon.childwelfare"
    label = "childwelfare"
    verbose_name = "Aide sociale à l'enfance : suivi des jeunes confiés"

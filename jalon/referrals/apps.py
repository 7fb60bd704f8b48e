from django.apps import AppConfig


class ReferralsConfig(AppConfig):
    name = "jalon.referrals"
    verbose_name = "Partenariats : consentements, fiches de liaison"

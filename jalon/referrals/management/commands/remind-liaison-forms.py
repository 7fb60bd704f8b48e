from django.conf import settings
from django.core.management.base import BaseCommand

from jalon.referrals import services


class Command(BaseCommand):
    help = (
        "Relance par courriel la direction et le ou la CJML de la Mission Locale destinataire "
        "des fiches de liaison en attente (envoyées ou reçues) depuis plus de "
        "JALON_LIAISON_REMINDER_DAYS jours, une fois par période. À planifier chaque jour."
    )

    def handle(self, *args, **options):
        sent = services.liaison_forms_remind()
        self.stdout.write(
            f"{sent} relance(s) envoyée(s) (délai : {settings.JALON_LIAISON_REMINDER_DAYS} jours)."
        )

from django.core.management.base import BaseCommand

from jalon.alerts import digest


class Command(BaseCommand):
    help = (
        "Envoie le courriel du matin (nouvelles alertes, prénom et lien seulement) aux "
        "personnes qui l'ont demandé. Le consommateur de tâches le fait chaque jour à 7 h."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"{digest.send_digests()} courriel(s) envoyé(s).")

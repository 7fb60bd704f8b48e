from django.core.management.base import BaseCommand

from jalon.network.geography import load_geography
from jalon.network.models import Commune, Departement, Region


class Command(BaseCommand):
    help = "Met à jour régions, départements et communes depuis les données officielles vendues."

    def handle(self, *args, **options):
        counts = load_geography(Region, Departement, Commune)
        self.stdout.write(
            f"{counts['regions']} régions, {counts['departements']} départements, "
            f"{counts['communes']} communes."
        )

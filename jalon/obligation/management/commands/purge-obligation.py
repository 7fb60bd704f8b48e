from django.core.management.base import BaseCommand
from django.utils import timezone

from jalon.obligation import services


class Command(BaseCommand):
    help = (
        "Supprime les situations d'obligation de formation jamais rattachées à un dossier dont "
        "la durée de conservation est échue, et les listes déposées mais jamais importées. "
        "À planifier chaque jour ; --dry-run compte sans rien supprimer."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Compte sans supprimer.")

    def handle(self, *args, dry_run=False, **options):
        purge = services.purge_expired(today=timezone.localdate(), dry_run=dry_run)
        verb = "à supprimer" if dry_run else "supprimée(s)"
        self.stdout.write(
            f"Obligation de formation : {purge.cases} situation(s) sans dossier et "
            f"{purge.lists} liste(s) non importée(s) {verb}."
        )

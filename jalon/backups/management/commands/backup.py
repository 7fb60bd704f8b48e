from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from jalon.backups.services import BackupError, backup_database


class Command(BaseCommand):
    help = "Sauvegarde la base de données dans un fichier (README, « Sauvegarde et restauration »)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier de sauvegarde à créer")

    def handle(self, *args, **options):
        try:
            backup = backup_database(options["path"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        megabytes = f"{backup.size / 1_000_000:.1f}".replace(".", ",")
        self.stdout.write(
            self.style.SUCCESS(f"Base de données sauvegardée dans {backup.path} ({megabytes} Mo).")
        )
        self.stdout.write(
            "Sauvegardez aussi, à part, les pièces jointes "
            f"({settings.VAR_DIR / 'uploads'}) et les clés de chiffrement des champs "
            "(JALON_FIELD_ENCRYPTION_KEYS) : sans elles, la sauvegarde est incomplète ou illisible."
        )

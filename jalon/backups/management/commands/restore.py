from django.core.management.base import BaseCommand, CommandError

from jalon.audit.services import verify_chain
from jalon.backups.services import BackupError, restore_database


class Command(BaseCommand):
    help = (
        "Restaure la base de données depuis une sauvegarde de `jalon backup`, puis vérifie le "
        "journal d'audit. Refuse de remplacer une base qui contient des données sans --force."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="fichier de sauvegarde à restaurer")
        parser.add_argument(
            "--force",
            action="store_true",
            help="remplacer les données de la base configurée (elles seront perdues)",
        )

    def handle(self, *args, **options):
        try:
            restore_database(options["path"], force=options["force"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(f"Base de données restaurée depuis {options['path']}.")
        )
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Journal d'audit altéré dans la sauvegarde restaurée : l'entrée n°{broken.pk} du "
                f"{broken.at:%d/%m/%Y %H:%M} ne correspond pas à son empreinte ou à celle de "
                f"l'entrée précédente ({checked} entrées vérifiées avant elle)."
            )
        self.stdout.write(self.style.SUCCESS(f"Journal d'audit intègre : {checked} entrées."))

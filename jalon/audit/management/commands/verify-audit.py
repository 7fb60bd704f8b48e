from django.core.management.base import BaseCommand, CommandError

from jalon.audit.services import verify_chain


class Command(BaseCommand):
    help = "Vérifie que le journal d'audit n'a été ni modifié ni amputé (chaîne d'empreintes)."

    def handle(self, *args, **options):
        checked, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Journal d'audit altéré : l'entrée n°{broken.pk} du {broken.at:%d/%m/%Y %H:%M} "
                f"ne correspond pas à son empreinte ou à celle de l'entrée précédente "
                f"({checked} entrées vérifiées avant elle)."
            )
        self.stdout.write(self.style.SUCCESS(f"Journal d'audit intègre : {checked} entrées."))

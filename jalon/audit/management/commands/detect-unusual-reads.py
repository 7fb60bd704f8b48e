from django.core.management.base import BaseCommand

from jalon.audit.alerts import detect_unusual_reads


class Command(BaseCommand):
    help = (
        "Signale les comptes qui ont consulté un nombre inhabituel de dossiers en 24 heures "
        "(à planifier chaque heure ; relancée, elle ne double aucune alerte)."
    )

    def handle(self, *args, **options):
        raised = detect_unusual_reads()
        for alert in raised:
            self.stdout.write(f"Alerte : {alert.user.email} — {alert.reason}.")
        self.stdout.write(self.style.SUCCESS(f"{len(raised)} nouvelle(s) alerte(s)."))

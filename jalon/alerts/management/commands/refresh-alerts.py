from django.core.management.base import BaseCommand, CommandError

from jalon.alerts import services, tasks
from jalon.network.models import Organisation, OrganisationKind


class Command(BaseCommand):
    help = (
        "Recalcule les alertes (toutes les Missions Locales, ou celle de --ml). Le consommateur "
        "de tâches (`jalon run_huey`) le fait chaque nuit ; sans effet la seconde fois."
    )

    def add_arguments(self, parser):
        parser.add_argument("--ml", help="code de la Mission Locale")

    def handle(self, *args, ml=None, **options):
        if ml is None:
            count = tasks.refresh_network()
            self.stdout.write(f"Alertes recalculées pour {count} Mission(s) Locale(s).")
            return
        mission_locale = Organisation.objects.filter(
            code=ml, kind=OrganisationKind.MISSION_LOCALE
        ).first()
        if mission_locale is None:
            raise CommandError(f"Aucune Mission Locale avec le code {ml}.")
        counts = services.refresh(mission_locale_id=mission_locale.pk)
        self.stdout.write(
            f"{mission_locale.name} : {counts['created']} nouvelle(s), "
            f"{counts['updated']} mise(s) à jour, {counts['lifted']} levée(s)."
        )

import datetime
import time

from django.core.management.base import BaseCommand
from django.utils import timezone

from jalon.reporting import periods, snapshots


class Command(BaseCommand):
    help = (
        "Recompte les effectifs stockés de chaque Mission Locale (indicateurs nationaux et "
        "régionaux) pour l'année demandée et la précédente : seulement les Missions Locales "
        "modifiées depuis, ou toutes avec --cold (après un chargement en masse). Le "
        "consommateur de tâches (`jalon run_huey`) le fait toutes les dix minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="année (par défaut : l'année en cours)")
        parser.add_argument("--cold", action="store_true", help="tout recompter")

    def handle(self, *args, year=None, cold=False, **options):
        day = datetime.date(year, 1, 1) if year else timezone.localdate()
        period = periods.containing(periods.PeriodKind.YEAR, day)
        for each in (period, period.previous()):
            started = time.perf_counter()
            count = snapshots.refresh(each, cold=cold)
            self.stdout.write(
                f"{each.label} : {count} Mission(s) Locale(s) recomptée(s) "
                f"en {time.perf_counter() - started:.2f} s."
            )

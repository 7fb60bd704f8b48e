from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from jalon.alerts import tasks as alerts
from jalon.demo import (
    audit,
    childwelfare,
    governance,
    justice,
    loader,
    obligation,
    partners,
    pathways,
    privacy,
    reception,
    referrals,
    scheduling,
    territorial,
    transfers,
)
from jalon.network.models import Organisation
from jalon.youngpeople.models import YoungPerson


class Command(BaseCommand):
    help = "Charge le réseau, les comptes et les dossiers de démonstration (déterministes)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--young-people",
            type=int,
            default=0,
            metavar="N",
            help="Ajoute N dossiers de plus, répartis dans les Missions Locales de démonstration.",
        )
        parser.add_argument(
            "--national",
            action="store_true",
            help="Charge le jeu de données national (PostgreSQL) : 15 régions, 436 Missions "
            "Locales, 15 000 comptes, 1,1 million de jeunes à l'échelle 1 (voir bench/README.md).",
        )
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Avec --national : part du réseau national (0.01 : environ 11 000 jeunes).",
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Avec --national : graine du générateur."
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Avec --national : vide d'abord le réseau, les comptes, les dossiers et tout ce "
            "qui s'y rattache.",
        )

    def handle(self, *args, young_people, national, scale, seed, replace, **options):
        if national:
            from jalon.demo.national import load

            load(scale=scale, seed=seed, replace=replace, write=self.stdout.write)
            return
        if young_people < 0:
            raise CommandError("--young-people attend un nombre positif.")
        if not settings.DEMO_MODE and not Organisation.objects.filter(code="UNML").exists():
            self.stdout.write(
                self.style.WARNING(
                    "Hors mode démonstration (JALON_DEMO=1) : les comptes de démonstration "
                    "ne pourront pas se connecter."
                )
            )
        # One transaction: the alerts are refreshed once, at the end, not after each write.
        with transaction.atomic():
            loader.load_network()
            accounts = loader.load_accounts()
            if not YoungPerson.objects.exists():
                created = loader.load_young_people()
                self.stdout.write(f"{created} dossiers de démonstration créés.")
                today = timezone.localdate()
                for stage in (
                    reception,
                    pathways,
                    scheduling,
                    partners,
                    audit,
                    privacy,
                    transfers,
                    referrals,
                    obligation,
                    justice,
                    childwelfare,
                    territorial,
                    governance,
                ):
                    stage.load(today)
            if young_people:
                created = loader.load_young_people(
                    extra=young_people, seed=loader.SEED + YoungPerson.objects.count()
                )
                self.stdout.write(f"{created} dossiers supplémentaires créés.")
            # The worklists open full: the consumer keeps them fresh afterwards.
            alerts.refresh_network()
        self.stdout.write(
            self.style.SUCCESS(
                f"Démonstration prête : {Organisation.objects.count()} structures, "
                f"{accounts} comptes, {YoungPerson.objects.count()} dossiers."
            )
        )

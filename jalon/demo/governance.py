"""Demo governance of the justice agreement: this year's and last year's committees, ENAP and
ENPJJ sessions, practice exchanges of the Occitanie ARML, tools, and barometer answers (the
demo CJML has not answered yet: sign in as cjml@ to try)."""

import datetime
import random

from jalon.accounts.models import User
from jalon.governance.enums import Evolution, GovernanceKind
from jalon.governance.models import BarometerAnswer, GovernanceRecord
from jalon.network.models import Region

# kind, region code, days before today, title, participants
RECORDS = [
    (GovernanceKind.NATIONAL_COMMITTEE, None, 40, "Bilan de l'année précédente", 24),
    (GovernanceKind.NATIONAL_COMMITTEE, None, 220, "Comité de lancement", 27),
    (GovernanceKind.REGIONAL_COMMITTEE, "76", 75, "Comité régional Occitanie", 16),
    (GovernanceKind.REGIONAL_COMMITTEE, "44", 95, "Comité régional Grand Est", 13),
    (GovernanceKind.ENAP_TRAINING, None, 130, "Prise de fonction des CJML", 21),
    (
        GovernanceKind.ENPJJ_TRAINING,
        "76",
        60,
        "Justice des mineurs : repères pour les conseillers",
        14,
    ),
    (
        GovernanceKind.PRACTICE_EXCHANGE,
        "76",
        25,
        "Préparer la sortie : IPRO 360° et fiche de liaison",
        11,
    ),
    (GovernanceKind.PRACTICE_EXCHANGE, "76", 160, "Permanences en quartier mineurs", 9),
    (GovernanceKind.TOOL, None, 110, "Guide du référent justice en Mission Locale", None),
    (GovernanceKind.TOOL, "76", 50, "Webinaire TIG et parcours d'insertion", None),
]
# Anonymous answers per region code (no participation row: these CJML have no demo account).
BAROMETER_ANSWERS = {"76": 9, "44": 6}


def load(today) -> None:
    regions = {region.code: region for region in Region.objects.filter(code__in=["76", "44"])}
    national = User.objects.filter(role="national_pilot").first()
    regional = User.objects.filter(role="arml_pilot").first()
    GovernanceRecord.objects.bulk_create(
        GovernanceRecord(
            kind=kind,
            region=regions.get(region_code),
            held_on=today - datetime.timedelta(days=days),
            title=title,
            participants=participants,
            recorded_by=regional
            if region_code == "76" and kind != GovernanceKind.ENPJJ_TRAINING
            else national,
        )
        for kind, region_code, days, title, participants in RECORDS
    )
    rng = random.Random(2026)
    BarometerAnswer.objects.bulk_create(
        BarometerAnswer(
            year=today.year,
            region=regions[code],
            communication=rng.choice([2, 3, 3, 4]),
            tools=rng.choice([2, 3, 3, 3, 4]),
            access=rng.choice([1, 2, 2, 3, 4]),
            knows_integration_commissions=rng.random() < 0.6,
            evolution=rng.choice([Evolution.IMPROVED, Evolution.STABLE, Evolution.STABLE]),
        )
        for code, count in BAROMETER_ANSWERS.items()
        for _ in range(count)
    )

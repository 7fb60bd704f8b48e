"""Demo retention and rights: files past their retention that `jalon apply-retention --dry-run`
reports (they are not anonymised here), a former counsellor's account past its retention, and
one open access request for the director of Toulouse."""

import datetime

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from jalon.accounts.models import Role, User
from jalon.demo import network as demo
from jalon.network.models import Organisation
from jalon.pathways.enums import ExitOutcome, ExitReason, PathwayKind
from jalon.pathways.models import Pathway
from jalon.privacy.enums import RightKind
from jalon.privacy.models import RightsRequest
from jalon.youngpeople.enums import FileStatus, Sex
from jalon.youngpeople.models import YoungPerson

# last name, first names, sex, age in years and days today, years since first reception
PAST_RETENTION = [
    ("Garnier", "Théo", Sex.MALE, (29, 40), 12),
    ("Roux", "Manon", Sex.FEMALE, (28, 3), 10),
    ("Bonnet", "Kevin", Sex.MALE, (33, 200), 16),
]


def load(today: datetime.date) -> int:
    ml = Organisation.objects.get(code=demo.ML_TOULOUSE)
    counsellor = User.objects.get(email=f"conseiller@{demo.DEMO_DOMAIN}")
    director = User.objects.get(email=f"directeur@{demo.DEMO_DOMAIN}")
    commune = ml.communes_covered.order_by("code").first()
    created = 0
    for last_name, first_names, sex, (years, days), since in PAST_RETENTION:
        birth_date = today - relativedelta(years=years, days=days)
        first_reception = today - relativedelta(years=since)
        young_person = YoungPerson.objects.create(
            last_name=last_name,
            first_names=first_names,
            sex=sex,
            birth_date=birth_date,
            first_reception_date=first_reception,
            phone="06 00 00 00 00",
            commune=commune,
            postal_code=commune.postal_code_list[0],
            mission_locale=ml,
            referent=counsellor,
            status=FileStatus.INACTIVE,
        )
        start = first_reception + relativedelta(months=2)
        Pathway.objects.create(
            young_person=young_person,
            kind=PathwayKind.PACEA,
            start_date=start,
            planned_end_date=start + relativedelta(months=12),
            end_date=start + relativedelta(months=10),
            exit_reason=ExitReason.AUTONOMY,
            exit_outcome=ExitOutcome.SUSTAINABLE_EMPLOYMENT,
            counsellor=counsellor,
        )
        created += 1
    User.objects.update_or_create(
        email=f"ancien-conseiller@{demo.DEMO_DOMAIN}",
        defaults={
            "first_name": "Paul",
            "last_name": "Vidal",
            "role": Role.COUNSELLOR,
            "organisation": ml,
            "is_active": False,
            "habilitation_ended_at": timezone.now() - relativedelta(months=14),
        },
    )
    lucas = YoungPerson.objects.get(mission_locale=ml, last_name="Dupont", first_names="Lucas")
    RightsRequest.objects.create(
        young_person=lucas,
        kind=RightKind.ACCESS,
        received_on=today - datetime.timedelta(days=5),
        details="Demande remise à l'accueil : copie de tout son dossier.",
        recorded_by=director,
    )
    return created

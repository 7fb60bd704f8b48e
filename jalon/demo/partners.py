"""Demo data of shared follow-up and the correspondents' directory, loaded by `jalon demo-data`
after the young people: the demo CPIP (SPIP31) follows three Toulouse young people who
consented, the demo ASE referent (CD31) two; correspondents in both directions. Direct inserts
without audit entries (loading is not a user action)."""

import datetime

from django.db import transaction
from django.utils import timezone

from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.network.models import Organisation
from jalon.partners.models import Correspondent, FollowUpGroup, FollowUpMember, FollowUpNote
from jalon.referrals.enums import ConsentMethod
from jalon.referrals.models import Consent
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson

# (partner account, partner structure, number of young people, categories, first note)
SHARING = [
    (
        "cpip",
        "SPIP31",
        3,
        ("identity", "pathway", "appointments"),
        "Aménagement de peine accordé : le suivi emploi est une obligation du jugement. "
        "Je reste disponible pour un entretien tripartite.",
    ),
    (
        "ase",
        "CD31",
        2,
        ("identity", "diagnostic", "appointments"),
        "Contrat jeune majeur signé jusqu'à ses 21 ans ; hébergement en foyer jusqu'à l'été.",
    ),
]

# (person, function, phone, e-mail, their structure, counterpart)
CORRESPONDENTS = [
    ("Sophie Lacombe", "CJML", "05 61 00 31 10", "cjml", demo.ML_TOULOUSE, "SPIP31"),
    ("Sophie Lacombe", "CJML", "05 61 00 31 10", "cjml", demo.ML_TOULOUSE, "CP-SEYSSES"),
    (
        "Marc Delmas",
        "Référent justice",
        "05 61 00 31 11",
        "referent-justice",
        demo.ML_TOULOUSE,
        "UEAJ-TOULOUSE",
    ),
    (
        "Julien Roussel",
        "Correspondant ASE",
        "05 61 00 31 12",
        "conseiller",
        demo.ML_TOULOUSE,
        "CD31",
    ),
    (
        "Thomas Garcia",
        "Référent insertion SPIP",
        "05 62 00 31 20",
        "cpip",
        "SPIP31",
        demo.ML_TOULOUSE,
    ),
    (
        "Laura Martinez",
        "Référente insertion PJJ",
        "05 62 00 31 21",
        "pjj",
        "UEAJ-TOULOUSE",
        demo.ML_TOULOUSE,
    ),
    ("Karim Haddad", "Référent ASE 16-21 ans", "05 62 00 31 22", "ase", "CD31", demo.ML_TOULOUSE),
    ("Aurélie Thiriet", "CJML", "03 29 00 55 10", "conseillere-meuse", demo.ML_MEUSE, "SPIP55"),
]


@transaction.atomic
def load(today: datetime.date) -> None:
    organisations = {o.code: o for o in Organisation.objects.all()}
    users = {
        u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=demo.DEMO_DOMAIN)
    }
    director = users["directeur"]
    candidates = list(
        YoungPerson.objects.filter(
            mission_locale__code=demo.ML_TOULOUSE,
            status=FileStatus.ACTIVE,
            referent__isnull=False,
        ).order_by("last_name", "first_names", "pk")
    )
    now = timezone.now()
    start = today - datetime.timedelta(days=30)
    for (account, structure, count, categories, note), young_people in zip(
        SHARING, (candidates[:3], candidates[3:5]), strict=True
    ):
        partner = users[account]
        for young_person in young_people[:count]:
            Consent.objects.create(
                young_person=young_person,
                organisation=organisations[structure],
                method=ConsentMethod.SIGNED_FORM,
                given_on=start,
                recorded_by=young_person.referent,
                **{f"shares_{category}": True for category in categories},
            )
            group, _ = FollowUpGroup.objects.get_or_create(
                young_person=young_person, defaults={"created_by": director}
            )
            FollowUpMember.objects.create(
                group=group, user=young_person.referent, start_date=start, added_by=director
            )
            FollowUpMember.objects.create(
                group=group, user=partner, start_date=start, added_by=young_person.referent
            )
            FollowUpNote.objects.create(
                group=group, author=partner, text=note, created_at=now - datetime.timedelta(days=7)
            )
    for person, function, phone, local, structure, counterpart in CORRESPONDENTS:
        Correspondent.objects.create(
            organisation=organisations[structure],
            counterpart=organisations[counterpart],
            person_name=person,
            function=function,
            phone=phone,
            email=f"{local}@{demo.DEMO_DOMAIN}",
            start_date=today - datetime.timedelta(days=365),
            recorded_by=director,
        )

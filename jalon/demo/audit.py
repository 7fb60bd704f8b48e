"""Demo data of the audit app, loaded by `jalon demo-data` after the young people.

So that the director of Toulouse finds something to control: an expired emergency access of a
Montpellier counsellor to a Toulouse file, an emergency access of a Toulouse counsellor to a
Montpellier file (active for the hours that follow the loading), and an unreviewed alert about a
Toulouse counsellor who read an unusual number of files yesterday. The journal entries behind
them are written too (the grants, the reads under them, the 94 reads of the alert), dated in the
past, so that "voir les consultations" shows what a director would find.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jalon.accounts.models import User
from jalon.audit import services as audit
from jalon.audit.models import AuditAction, AuditAlert, EmergencyAccess
from jalon.demo import network as demo
from jalon.youngpeople.models import YoungPerson


def _account(local: str) -> User:
    return User.objects.get(email=f"{local}@{demo.DEMO_DOMAIN}")


def _grant(user, young_person, reason_category, reason, granted_at) -> EmergencyAccess:
    grant = EmergencyAccess.objects.create(
        user=user,
        requester_mission_locale_id=user.organisation_id,
        young_person=young_person,
        file_mission_locale_id=young_person.mission_locale_id,
        reason_category=reason_category,
        reason=reason,
        granted_at=granted_at,
        expires_at=granted_at + settings.JALON_EMERGENCY_ACCESS_DURATION,
    )
    audit.record(
        actor=user,
        action=AuditAction.EMERGENCY,
        obj=grant,
        young_person=young_person,
        at=granted_at,
        changes={
            "motif": [None, grant.get_reason_category_display()],
            "motif détaillé": [None, reason],
            "expire le": [None, f"{timezone.localtime(grant.expires_at):%d/%m/%Y %H:%M}"],
        },
    )
    for minutes, what in ((1, "dossier"), (2, "chronologie"), (4, "parcours")):
        _read(user, young_person, granted_at + datetime.timedelta(minutes=minutes), what, grant)
    return grant


def _read(user, young_person, at, what, grant=None) -> None:
    changes = {"vue": [None, what]}
    if grant is not None:
        changes["accès d'urgence"] = [None, str(grant.uid)]
    audit.record(
        actor=user,
        action=AuditAction.READ,
        obj=young_person,
        young_person=young_person,
        at=at,
        changes=changes,
    )


def _unusual_reads(user, day: datetime.date, count: int) -> None:
    """The reads that raised the alert: one per file, through the working day."""
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    files = YoungPerson.objects.filter(mission_locale_id=user.organisation_id).order_by("pk")
    for index, young_person in enumerate(files[:count]):
        _read(user, young_person, start + datetime.timedelta(minutes=5 * index), "dossier")


@transaction.atomic
def load(today: datetime.date) -> None:
    now = timezone.now()
    lea = YoungPerson.objects.get(last_name="Dupont", first_names="Léa")
    chloe = YoungPerson.objects.get(last_name="Martin", first_names="Chloé")
    _grant(
        _account("conseiller2"),
        lea,
        "present",
        "Présente à Montpellier pendant un séjour familial : point sur son CEJ en cours.",
        now - datetime.timedelta(days=2, hours=3),
    )
    _grant(
        _account("conseiller"),
        chloe,
        "safety",
        "Arrivée à Toulouse sans hébergement ; vérifier les démarches de logement en cours.",
        now - datetime.timedelta(minutes=20),
    )
    reader = _account("conseiller-toulouse-3")
    _unusual_reads(reader, today - datetime.timedelta(days=1), 94)
    AuditAlert.objects.create(
        user=reader,
        mission_locale=_account("directeur").organisation,
        day=today - datetime.timedelta(days=1),
        distinct_files=94,
        usual_median=12,
        reason="94 dossiers distincts en 24 heures (seuil : 80)",
        created_at=now - datetime.timedelta(hours=20),
        notified_at=now - datetime.timedelta(hours=20),
    )

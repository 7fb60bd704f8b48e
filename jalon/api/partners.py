"""API of partners' systems (SPIP, PJJ, Conseils départementaux): the limited view of the files
they follow, mounted under /api/v1/partner/ by jalon/api/api.py.

The same selector as the partner pages builds the answer (jalon/partners/selectors.py): an
explicit whitelist per consent category, never the Mission Locale's free text.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from jalon import policy
from jalon.api.schemas import ErrorOut
from jalon.audit import services as audit
from jalon.partners import selectors

router = Router(tags=["partenaires"])


class PartnerContactOut(Schema):
    name: str
    organisation: str
    phone: str
    email: str


class PartnerIdentityOut(Schema):
    last_name: str
    first_names: str
    birth_date: datetime.date
    phone: str
    email: str
    commune: str


class PartnerNextAppointmentOut(Schema):
    starts_at: datetime.datetime
    mode_label: str
    counsellor: str


class PartnerPathwayOut(Schema):
    kind: str
    kind_label: str
    start_date: datetime.date
    planned_end_date: datetime.date


class PartnerSituationOut(Schema):
    label: str
    start_date: datetime.date
    end_date: datetime.date | None


class PartnerDiagnosticOut(Schema):
    completed_on: datetime.date
    recommended_next_step_label: str


class PartnerFileOut(Schema):
    id: uuid.UUID
    shared_categories: list[str]
    mission_locale: PartnerContactOut
    referent: PartnerContactOut | None
    identity: PartnerIdentityOut | None
    next_appointment: PartnerNextAppointmentOut | None
    pathway: PartnerPathwayOut | None
    situation: PartnerSituationOut | None
    diagnostic: PartnerDiagnosticOut | None


def _out(shared: selectors.PartnerFile) -> dict:
    return {
        "id": shared.uid,
        "shared_categories": sorted(shared.categories),
        "mission_locale": shared.mission_locale,
        "referent": shared.referent,
        "identity": shared.identity,
        "next_appointment": shared.next_appointment,
        "pathway": shared.pathway,
        "situation": shared.situation,
        "diagnostic": shared.diagnostic,
    }


@router.get(
    "/partner/young-people",
    summary="Lister les jeunes suivis par le partenaire",
    response={200: list[PartnerFileOut], 401: ErrorOut, 403: ErrorOut},
)
def list_partner_young_people(request):
    """Les jeunes dont vous êtes membre du suivi partagé et qui ont consenti au partage avec
    votre structure, chacun dans la limite des catégories consenties. Réservé aux comptes
    partenaires (CPIP, éducateur·rice PJJ, référent·e ASE)."""
    if not policy.can_use_partner_portal(request.auth):
        raise PermissionDenied("Réservé aux comptes des structures partenaires.")
    answer = []
    for young_person, shared in selectors.partner_files(request.auth):
        audit.record_read(
            actor=request.auth, young_person=young_person, channel="api", what="vue partenaire"
        )
        answer.append(_out(shared))
    return Status(200, answer)


@router.get(
    "/partner/young-people/{uuid:uid}",
    summary="Lire la vue partenaire d'un jeune suivi",
    response={200: PartnerFileOut, 401: ErrorOut, 404: ErrorOut},
)
def get_partner_young_person(request, uid: uuid.UUID):
    """La vue limitée d'un dossier : 404 sans suivi partagé actif et consentement actif (le
    retrait du consentement ou la fin du suivi prend effet à la requête suivante)."""
    young_person, shared = selectors.partner_file_for(request.auth, uid)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="vue partenaire"
    )
    return Status(200, _out(shared))

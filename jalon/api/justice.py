"""API operations on the penal situation, mounted under /api/v1/ by jalon/api/api.py.

For partners' systems (SPIP, PJJ) and the Mission Locale's own tools: read the measures of a
file and update the foreseeable release date. Only justice-habilitated callers get anything
(the CJML, the justice referent and the director of the file's Mission Locale; the CPIP or PJJ
educator of the follow-up group as the young person's consent allows); everyone else gets 404,
so that the penal side of a file is not even revealed. Free text never leaves through the API.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from jalon import policy
from jalon.api.schemas import ErrorOut, one_of
from jalon.audit import services as audit
from jalon.justice import selectors, services
from jalon.justice.enums import AdjustmentKind, LeavePurpose, Measure, ReleaseSituation

router = Router(tags=["justice"])


class OrganisationRef(Schema):
    code: str
    name: str


class ReleaseDateChangeOut(Schema):
    previous_date: datetime.date | None
    new_date: datetime.date | None
    changed_at: datetime.datetime


class AdjustmentOut(Schema):
    kind: one_of(AdjustmentKind)
    decided_on: datetime.date


class LeaveOut(Schema):
    starts_on: datetime.date
    ends_on: datetime.date
    purpose: one_of(LeavePurpose)


class PenalSituationOut(Schema):
    id: uuid.UUID
    version: int
    young_person: uuid.UUID
    measure: one_of(Measure)
    measure_label: str
    establishment: OrganisationRef
    referring_service: OrganisationRef | None
    entry_date: datetime.date
    foreseeable_release_date: datetime.date | None
    released_on: datetime.date | None
    release_situation: one_of(ReleaseSituation, blank=True)
    release_date_history: list[ReleaseDateChangeOut]
    adjustments: list[AdjustmentOut]
    leaves: list[LeaveOut]


class ReleaseDateIn(Schema):
    foreseeable_release_date: datetime.date | None
    reason: str = ""
    version: int


def _organisation(organisation):
    return {"code": organisation.code, "name": organisation.name} if organisation else None


def _out(situation) -> dict:
    return {
        "id": situation.uid,
        "version": situation.version,
        "young_person": situation.young_person.uid,
        "measure": situation.measure,
        "measure_label": situation.get_measure_display(),
        "establishment": _organisation(situation.establishment),
        "referring_service": _organisation(situation.referring_service),
        "entry_date": situation.entry_date,
        "foreseeable_release_date": situation.foreseeable_release_date,
        "released_on": situation.released_on,
        "release_situation": situation.release_situation,
        "release_date_history": [
            {"previous_date": c.previous_date, "new_date": c.new_date, "changed_at": c.changed_at}
            for c in situation.release_date_changes.all()
        ],
        "adjustments": [
            {"kind": a.kind, "decided_on": a.decided_on} for a in situation.adjustments.all()
        ],
        "leaves": [
            {"starts_on": leave.starts_on, "ends_on": leave.ends_on, "purpose": leave.purpose}
            for leave in situation.leaves.all()
        ],
    }


@router.get(
    "/young-people/{uuid:uid}/penal-situations",
    summary="Lire la situation pénale d'un ou d'une jeune",
    response={200: list[PenalSituationOut], 401: ErrorOut, 404: ErrorOut},
)
def list_penal_situations(request, uid: uuid.UUID):
    """Les mesures du ou de la jeune, la plus récente d'abord (404 sans habilitation justice)."""
    young_person = policy.get_justice_file_or_404(request.auth, uid)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="situation pénale"
    )
    situations = selectors.penal_situations(request.auth, young_person)
    for situation in situations:
        situation.young_person = young_person
    return Status(200, [_out(s) for s in situations])


def _situation(user, uid):
    situation = policy.get_penal_situation_or_404(user, uid)
    return next(
        s for s in selectors.penal_situations(user, situation.young_person) if s.pk == situation.pk
    )


@router.get(
    "/penal-situations/{uuid:uid}",
    summary="Lire une mesure",
    response={200: PenalSituationOut, 401: ErrorOut, 404: ErrorOut},
)
def get_penal_situation(request, uid: uuid.UUID):
    situation = _situation(request.auth, uid)
    audit.record_read(
        actor=request.auth,
        young_person=situation.young_person,
        channel="api",
        what="situation pénale",
    )
    return Status(200, _out(situation))


@router.post(
    "/penal-situations/{uuid:uid}/release-date",
    summary="Modifier la date prévisible de sortie",
    response={
        200: PenalSituationOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def update_release_date(request, uid: uuid.UUID, payload: ReleaseDateIn):
    """Déplace la date prévisible de sortie (l'ancienne reste dans l'historique) ; `version`
    (lue par GET) est obligatoire : 409 si la mesure a été modifiée depuis."""
    situation = policy.get_penal_situation_or_404(request.auth, uid)
    if not policy.can_update_release_date(request.auth, situation.young_person):
        raise PermissionDenied
    services.release_date_update(
        actor=request.auth,
        situation=situation,
        new_date=payload.foreseeable_release_date,
        reason=payload.reason,
        expected_version=payload.version,
        channel="api",
    )
    return Status(200, _out(_situation(request.auth, uid)))

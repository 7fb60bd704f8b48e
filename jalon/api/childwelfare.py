"""API of the ASE follow-up, for the Départements' child-welfare systems and the Missions
Locales' tools, mounted under /api/v1/ by jalon/api/api.py.

Same policy, rules and audit as the pages: a Département's ASE referent reaches the follow-ups
of the young people who consented to share their pathway with the Département and whose
follow-up group they belong to. The Mission Locale's internal comment is never returned.
"""

import datetime
import uuid
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from jalon import policy
from jalon.accounts.models import User
from jalon.api.schemas import ErrorOut, one_of
from jalon.audit import services as audit
from jalon.childwelfare import selectors, services
from jalon.childwelfare.enums import ASE_STATUSES, AutonomyArea, CejDecision, InterviewStage
from jalon.childwelfare.models import AgeSeventeenInterview, AseFollowUp
from jalon.referrals.enums import ConsentCategory

router = Router(tags=["aide sociale à l'enfance"])


# The ASE situations are the ASE priority public's details (jalon/childwelfare/models.py).
AseStatusCode = Literal[tuple(status.value for status in ASE_STATUSES)]


class AseStatusIn(Schema):
    model_config = ConfigDict(extra="forbid")

    status: AseStatusCode = Field(
        description="ase_placed (placé·e), ase_at_home (suivi·e à domicile) ou ase_young_adult "
        "(contrat jeune majeur, 18-21 ans)"
    )
    start_date: datetime.date


class AseStatusOut(Schema):
    status: str
    status_label: str
    start_date: datetime.date
    end_date: datetime.date | None


class AseInterviewIn(Schema):
    model_config = ConfigDict(extra="forbid")

    planned_on: datetime.date | None = None
    held_on: datetime.date | None = None
    held_jointly: bool = False
    ml_participant_email: str | None = Field(
        None, description="Courriel du ou de la conseiller·ère de la Mission Locale présent·e"
    )
    departement_participant: str = Field("", max_length=150)
    trusted_person_present: bool = False


class AseInterviewPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    planned_on: datetime.date | None = None
    held_on: datetime.date | None = None
    held_jointly: bool | None = None
    ml_participant_email: str | None = None
    departement_participant: str | None = Field(None, max_length=150)
    trusted_person_present: bool | None = None
    version: int = Field(ge=1, description="La version lue : 409 si l'entretien a changé depuis")


class AseInterviewOut(Schema):
    id: uuid.UUID
    planned_on: datetime.date | None
    held_on: datetime.date | None
    held_jointly: bool
    ml_participant: str | None
    departement_participant: str
    trusted_person_present: bool
    version: int


class AseAreaIn(Schema):
    model_config = ConfigDict(extra="forbid")

    area: one_of(AutonomyArea)
    objectives: str = ""
    actions: str = ""


class AseAreaOut(Schema):
    area: str
    area_label: str
    objectives: str
    actions: str


class AseAutonomyProjectIn(Schema):
    model_config = ConfigDict(extra="forbid")

    drawn_up_on: datetime.date
    built_jointly: bool = False
    ml_participant_email: str | None = None
    departement_participant: str = Field("", max_length=150)
    areas: list[AseAreaIn] = []


class AseAutonomyProjectOut(Schema):
    id: uuid.UUID
    drawn_up_on: datetime.date
    built_jointly: bool
    ml_participant: str | None
    departement_participant: str
    areas: list[AseAreaOut]
    version: int


class AseCejProposalOut(Schema):
    id: uuid.UUID
    proposed_on: datetime.date
    decision: one_of(CejDecision)
    decision_label: str
    decided_on: datetime.date | None


class AseReferentOut(Schema):
    name: str
    phone: str
    email: str


class AseFollowUpListItem(Schema):
    id: uuid.UUID
    young_person_id: uuid.UUID
    departement_code: str
    status: AseStatusOut | None
    interview_due_by: datetime.date
    interview_stage: one_of(InterviewStage)
    cej_proposal_due: bool


class AseFollowUpOut(AseFollowUpListItem):
    departement_name: str
    taken_into_care_on: datetime.date
    referent: AseReferentOut | None
    requested_by_departement_on: datetime.date | None
    first_contact_on: datetime.date | None
    registration_proposed_on: datetime.date | None
    registered_on: datetime.date | None
    bilan_diagnostic_completed_on: datetime.date | None = Field(
        description="Diagnostic d'orientation au bilan de parcours (pour un partenaire : avec "
        "le consentement au partage du diagnostic)"
    )
    statuses: list[AseStatusOut]
    interviews: list[AseInterviewOut]
    autonomy_projects: list[AseAutonomyProjectOut]
    cej_proposals: list[AseCejProposalOut]
    version: int


def _status_out(period) -> dict | None:
    if period is None:
        return None
    return {
        "status": period.detail,
        "status_label": period.get_detail_display(),
        "start_date": period.start_date,
        "end_date": period.end_date,
    }


def _name(user) -> str | None:
    return user.get_full_name() if user is not None else None


def _interview_out(interview) -> dict:
    return {
        "id": interview.uid,
        "planned_on": interview.planned_on,
        "held_on": interview.held_on,
        "held_jointly": interview.held_jointly,
        "ml_participant": _name(interview.ml_participant),
        "departement_participant": interview.departement_participant,
        "trusted_person_present": interview.trusted_person_present,
        "version": interview.version,
    }


def _project_out(project) -> dict:
    return {
        "id": project.uid,
        "drawn_up_on": project.drawn_up_on,
        "built_jointly": project.built_jointly,
        "ml_participant": _name(project.ml_participant),
        "departement_participant": project.departement_participant,
        "areas": [
            {
                "area": row.area,
                "area_label": row.get_area_display(),
                "objectives": row.objectives,
                "actions": row.actions,
            }
            for row in project.areas.all()
        ],
        "version": project.version,
    }


def _list_item(follow_up, state) -> dict:
    return {
        "id": follow_up.uid,
        "young_person_id": follow_up.young_person.uid,
        "departement_code": follow_up.departement.code,
        "status": _status_out(state.status),
        "interview_due_by": state.interview_due_by,
        "interview_stage": state.interview_stage,
        "cej_proposal_due": state.cej_due,
    }


def _follow_up_out(user, follow_up) -> dict:
    records = selectors.page_records(follow_up)
    young_person = follow_up.young_person
    diagnostic_shared = not policy.is_ase_referent(user) or (
        ConsentCategory.DIAGNOSTIC in policy.partner_categories(user, young_person)
    )
    diagnostic = follow_up.bilan_diagnostic if diagnostic_shared else None
    referent = None
    if follow_up.departement_referent_id or follow_up.referent_name:
        account = follow_up.departement_referent
        referent = {
            "name": follow_up.referent_label,
            "phone": account.phone if account else follow_up.referent_phone,
            "email": account.email if account else follow_up.referent_email,
        }
    return {
        **_list_item(follow_up, selectors.state_of(follow_up)),
        "departement_name": follow_up.departement.name,
        "taken_into_care_on": follow_up.taken_into_care_on,
        "referent": referent,
        "requested_by_departement_on": follow_up.requested_by_departement_on,
        "first_contact_on": follow_up.first_contact_on,
        "registration_proposed_on": follow_up.registration_proposed_on,
        "registered_on": follow_up.registered_on,
        "bilan_diagnostic_completed_on": diagnostic.completed_on if diagnostic else None,
        "statuses": [_status_out(period) for period in records["statuses"]],
        "interviews": [_interview_out(interview) for interview in records["interviews"]],
        "autonomy_projects": [_project_out(project) for project in records["projects"]],
        "cej_proposals": [
            {
                "id": proposal.uid,
                "proposed_on": proposal.proposed_on,
                "decision": proposal.decision,
                "decision_label": proposal.get_decision_display(),
                "decided_on": proposal.decided_on,
            }
            for proposal in records["cej_proposals"]
        ],
        "version": follow_up.version,
    }


def _follow_up(user, uid) -> AseFollowUp:
    found = policy.get_ase_follow_up_or_404(user, uid)
    return selectors.follow_up_of(found.young_person)


def _ml_participant(young_person, email: str | None):
    """The Mission Locale counsellor named by their e-mail, or a French refusal."""
    if not email:
        return None
    user = User.objects.filter(
        email__iexact=email.strip(), organisation_id=young_person.mission_locale_id
    ).first()
    if user is None:
        message = "Aucun·e conseiller·ère de la Mission Locale du jeune avec ce courriel."
        raise ValidationError({"ml_participant_email": message})
    return user


@router.get(
    "/ase/follow-ups",
    summary="Lister les suivis ASE",
    response={200: list[AseFollowUpListItem], 401: ErrorOut, 403: ErrorOut},
)
def list_ase_follow_ups(request):
    """Les jeunes de l'aide sociale à l'enfance que vous suivez, avec ce qui est à faire :
    entretien des 17 ans (échéance, étape), proposition de CEJ due. Identifiants et dates
    seulement : l'identité se lit dans la vue partenaire, avec le consentement."""
    user = request.auth
    if not policy.can_use_ase_worklist(user):
        raise PermissionDenied("Réservé aux Missions Locales et aux référent·es ASE.")
    rows = selectors.worklist(user)
    if policy.is_ase_referent(user):  # a partner's reading of each file, as on their portal
        for follow_up, _ in rows:
            audit.record_read(
                actor=user, young_person=follow_up.young_person, channel="api", what="liste ASE"
            )
    return Status(200, [_list_item(f, state) for f, state in rows])


@router.get(
    "/ase/follow-ups/{uuid:uid}",
    summary="Lire un suivi ASE",
    response={200: AseFollowUpOut, 401: ErrorOut, 404: ErrorOut},
)
def get_ase_follow_up(request, uid: uuid.UUID):
    """Situation à l'ASE (historique), référent·e, étapes avec la Mission Locale, entretiens
    des 17 ans, projets d'accès à l'autonomie et propositions de CEJ. Jamais le commentaire
    interne de la Mission Locale."""
    follow_up = _follow_up(request.auth, uid)
    audit.record_read(
        actor=request.auth, young_person=follow_up.young_person, channel="api", what="suivi ASE"
    )
    return Status(200, _follow_up_out(request.auth, follow_up))


@router.post(
    "/ase/follow-ups/{uuid:uid}/statuses",
    summary="Enregistrer une nouvelle situation à l'ASE",
    response={201: AseStatusOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_ase_status(request, uid: uuid.UUID, payload: AseStatusIn):
    """La nouvelle situation court à partir de `start_date` : celle en cours prend fin la
    veille (l'historique est gardé)."""
    follow_up = _follow_up(request.auth, uid)
    period = services.ase_status_change(
        actor=request.auth,
        follow_up=follow_up,
        status=payload.status,
        start_date=payload.start_date,
        channel="api",
    )
    return Status(201, _status_out(period))


@router.post(
    "/ase/follow-ups/{uuid:uid}/interviews",
    summary="Enregistrer un entretien des 17 ans",
    response={201: AseInterviewOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_ase_interview(request, uid: uuid.UUID, payload: AseInterviewIn):
    """Prévu (`planned_on`) ou réalisé (`held_on`) ; en binôme Département / Mission Locale
    avec le courriel du ou de la conseiller·ère présent·e."""
    follow_up = _follow_up(request.auth, uid)
    data = payload.dict(exclude={"ml_participant_email"})
    data["ml_participant"] = _ml_participant(follow_up.young_person, payload.ml_participant_email)
    interview = services.interview_record(
        actor=request.auth, follow_up=follow_up, data=data, channel="api"
    )
    return Status(201, _interview_out(interview))


@router.patch(
    "/ase/interviews/{uuid:uid}",
    summary="Modifier un entretien des 17 ans",
    response={
        200: AseInterviewOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
)
def update_ase_interview(request, uid: uuid.UUID, payload: AseInterviewPatch):
    """Typiquement : l'entretien prévu a eu lieu. Seuls les champs envoyés changent ; `version`
    est celle lue (409 si quelqu'un l'a modifié entre-temps)."""
    interview = policy.get_ase_record_or_404(request.auth, AgeSeventeenInterview.objects.all(), uid)
    sent = payload.dict(exclude_unset=True, exclude={"version", "ml_participant_email"})
    # null clears a date or a name; a yes/no keeps its value unless sent.
    data = {
        name: value
        for name, value in sent.items()
        if value is not None or name not in ("held_jointly", "trusted_person_present")
    }
    if "ml_participant_email" in payload.model_fields_set:
        data["ml_participant"] = _ml_participant(
            interview.follow_up.young_person, payload.ml_participant_email
        )
    services.interview_update(
        actor=request.auth,
        interview=interview,
        data=data,
        expected_version=payload.version,
        channel="api",
    )
    interview.refresh_from_db()
    return Status(200, _interview_out(interview))


@router.post(
    "/ase/follow-ups/{uuid:uid}/autonomy-projects",
    summary="Enregistrer un projet d'accès à l'autonomie",
    response={
        201: AseAutonomyProjectOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
    },
)
def create_ase_autonomy_project(request, uid: uuid.UUID, payload: AseAutonomyProjectIn):
    """Par domaine (resources, housing, employment_training, care, administrative,
    socio_educational) : objectifs et actions ; `built_jointly` avec la Mission Locale, dont
    le ou la conseiller·ère est nommé·e par son courriel."""
    follow_up = _follow_up(request.auth, uid)
    areas = {}
    for row in payload.areas:
        if row.area in areas:
            raise ValidationError({"areas": "Chaque domaine ne peut figurer qu'une fois."})
        areas[row.area] = (row.objectives, row.actions)
    data = payload.dict(exclude={"ml_participant_email", "areas"})
    data["ml_participant"] = _ml_participant(follow_up.young_person, payload.ml_participant_email)
    project = services.autonomy_project_record(
        actor=request.auth, follow_up=follow_up, data=data, areas=areas, channel="api"
    )
    return Status(201, _project_out(project))

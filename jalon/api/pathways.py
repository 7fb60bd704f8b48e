"""API operations of the pathway: contracted pathways, immersions, proposals, situations."""

import datetime
import uuid
from decimal import Decimal

from django.utils import timezone
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from jalon import policy
from jalon.api.schemas import ErrorOut, one_of
from jalon.audit import services as audit
from jalon.pathways import services
from jalon.pathways.enums import (
    AllowanceCategory,
    ContractType,
    ExitOutcome,
    ExitReason,
    PathwayKind,
    ProposalKind,
    SituationKind,
    TrainingType,
)
from jalon.pathways.models import Pathway

router = Router(tags=["parcours"])


class PathwayIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: one_of(PathwayKind)
    start_date: datetime.date
    planned_end_date: datetime.date
    allowance_category: one_of(AllowanceCategory, blank=True) = Field(
        "", description="CEJ : situation fiscale du foyer"
    )
    exception_reason: str = ""


class PathwayExitIn(Schema):
    model_config = ConfigDict(extra="forbid")

    end_date: datetime.date | None = None
    exit_reason: one_of(ExitReason, blank=True) = ""
    exit_outcome: one_of(ExitOutcome, blank=True) = ""
    version: int = Field(
        description="Version du parcours lue (GET) ; 409 s'il a été modifié depuis, sans rien "
        "enregistrer."
    )


class PathwayOut(Schema):
    id: uuid.UUID
    version: int
    kind: str
    kind_label: str
    start_date: datetime.date
    planned_end_date: datetime.date
    end_date: datetime.date | None
    exit_reason: str
    exit_outcome: str
    allowance_category: str


class SituationIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: one_of(SituationKind)
    contract_type: one_of(ContractType, blank=True) = ""
    training_type: one_of(TrainingType, blank=True) = ""
    start_date: datetime.date
    end_date: datetime.date | None = None
    organisation_name: str = Field("", max_length=200)
    rome_code: str = Field("", max_length=5)
    formacode: str = Field("", max_length=5)


class SituationOut(Schema):
    id: uuid.UUID
    kind: str
    label: str
    start_date: datetime.date
    end_date: datetime.date | None
    status: str
    organisation_name: str


class PmsmpIn(Schema):
    model_config = ConfigDict(extra="forbid")

    employer_name: str = Field(max_length=200)
    employer_siret: str
    start_date: datetime.date
    end_date: datetime.date
    weekly_hours: Decimal = Decimal("35")
    goal: str
    rome_code: str = Field("", max_length=5)


class ProposalIn(Schema):
    model_config = ConfigDict(extra="forbid")

    kind: one_of(ProposalKind)
    proposed_on: datetime.date
    description: str = Field(max_length=250)
    cej_hours: Decimal = Decimal("0")


class EventOut(Schema):
    id: uuid.UUID
    type: str
    label: str
    start_date: datetime.date
    end_date: datetime.date | None = None
    status: str = ""


def _pathway_out(pathway: Pathway) -> dict:
    return {
        "id": pathway.uid,
        "version": pathway.version,
        "kind_label": pathway.get_kind_display(),
        **{
            name: getattr(pathway, name)
            for name in (
                "kind",
                "start_date",
                "planned_end_date",
                "end_date",
                "exit_reason",
                "exit_outcome",
                "allowance_category",
            )
        },
    }


def _situation_out(situation) -> dict:
    return {
        "id": situation.uid,
        "kind": situation.kind,
        "label": situation.label,
        "start_date": situation.start_date,
        "end_date": situation.end_date,
        "status": situation.status_on(timezone.localdate()),
        "organisation_name": situation.organisation_name,
    }


@router.get(
    "/young-people/{uuid:uid}/pathways",
    response={200: list[PathwayOut], 401: ErrorOut, 404: ErrorOut},
    summary="Lister les parcours d'un jeune",
)
def list_pathways(request, uid: uuid.UUID):
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    audit.record_read(actor=request.auth, young_person=young_person, channel="api", what="parcours")
    return [_pathway_out(p) for p in young_person.pathways.all()]


@router.post(
    "/young-people/{uuid:uid}/pathways",
    response={201: PathwayOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Ouvrir un parcours contractualisé",
)
def open_pathway(request, uid: uuid.UUID, payload: PathwayIn):
    young_person = policy.get_young_person_or_404(request.auth, uid)
    pathway = services.pathway_open(
        actor=request.auth, young_person=young_person, channel="api", **payload.dict()
    )
    return Status(201, _pathway_out(pathway))


@router.post(
    "/pathways/{uuid:uid}/exit",
    response={
        200: PathwayOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
    },
    summary="Enregistrer la sortie d'un parcours",
)
def exit_pathway(request, uid: uuid.UUID, payload: PathwayExitIn):
    """Clôt le parcours ; `version` (lue par GET) est obligatoire : 409 s'il a changé depuis."""
    pathway = policy.get_record_or_404(request.auth, Pathway.objects.all(), uid)
    pathway = services.pathway_exit(
        actor=request.auth,
        pathway=pathway,
        channel="api",
        expected_version=payload.version,
        **payload.dict(exclude={"version"}),
    )
    return Status(200, _pathway_out(pathway))


@router.get(
    "/young-people/{uuid:uid}/situations",
    response={200: list[SituationOut], 401: ErrorOut, 404: ErrorOut},
    summary="Lister les situations d'un jeune",
)
def list_situations(request, uid: uuid.UUID):
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="situations"
    )
    return [_situation_out(s) for s in young_person.situations.all()]


@router.post(
    "/young-people/{uuid:uid}/situations",
    response={201: SituationOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Enregistrer une situation",
)
def create_situation(request, uid: uuid.UUID, payload: SituationIn):
    young_person = policy.get_young_person_or_404(request.auth, uid)
    situation = services.situation_record(
        actor=request.auth, young_person=young_person, data=payload.dict(), channel="api"
    )
    return Status(201, _situation_out(situation))


def _pmsmp_out(pmsmp) -> dict:
    return {
        "id": pmsmp.uid,
        "type": "pmsmp",
        "label": str(pmsmp),
        "start_date": pmsmp.start_date,
        "end_date": pmsmp.end_date,
    }


def _proposal_out(proposal) -> dict:
    return {
        "id": proposal.uid,
        "type": "proposal",
        "label": str(proposal),
        "start_date": proposal.proposed_on,
        "status": proposal.status,
    }


@router.get(
    "/young-people/{uuid:uid}/events",
    response={200: list[EventOut], 401: ErrorOut, 404: ErrorOut},
    summary="Lister les immersions et propositions d'un jeune",
)
def list_events(request, uid: uuid.UUID):
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    audit.record_read(
        actor=request.auth,
        young_person=young_person,
        channel="api",
        what="immersions et propositions",
    )
    events = [_pmsmp_out(p) for p in young_person.pmsmps.all()]
    events += [_proposal_out(p) for p in young_person.proposals.all()]
    return sorted(events, key=lambda event: event["start_date"])


@router.post(
    "/young-people/{uuid:uid}/pmsmps",
    response={201: EventOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Enregistrer une immersion (PMSMP)",
)
def create_pmsmp(request, uid: uuid.UUID, payload: PmsmpIn):
    young_person = policy.get_young_person_or_404(request.auth, uid)
    pmsmp = services.pmsmp_record(
        actor=request.auth, young_person=young_person, data=payload.dict(), channel="api"
    )
    return Status(201, _pmsmp_out(pmsmp))


@router.post(
    "/young-people/{uuid:uid}/proposals",
    response={201: EventOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Enregistrer une proposition",
)
def create_proposal(request, uid: uuid.UUID, payload: ProposalIn):
    young_person = policy.get_young_person_or_404(request.auth, uid)
    proposal = services.proposal_record(
        actor=request.auth, young_person=young_person, data=payload.dict(), channel="api"
    )
    return Status(201, _proposal_out(proposal))

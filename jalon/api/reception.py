"""API operations of the reception app, mounted under /api/v1/ by jalon/api/api.py.

First receptions and diagnostics of a file; same policy, rules and audit as the pages.
Internal notes are accepted but never returned (they go to no recipient).
"""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from pydantic import ConfigDict, Field

from jalon import policy
from jalon.api.schemas import ErrorOut, OrganisationRef, one_of
from jalon.audit import services as audit
from jalon.network.models import Organisation, Site
from jalon.reception import services
from jalon.reception.enums import (
    Area,
    InterviewMode,
    NextStep,
    OneOffTopic,
    ReceptionMode,
    ReceptionOutcome,
)
from jalon.reception.models import Diagnostic, FirstReception

router = Router(tags=["accueil et diagnostic"])
TAGS = ["accueil et diagnostic"]


class ReceptionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    received_on: datetime.date
    mode: one_of(ReceptionMode) = Field(
        description="walk_in (sans rendez-vous) ou appointment (sur rendez-vous)"
    )
    outcome: one_of(ReceptionOutcome) = Field(
        description="one_off_answer, external_orientation ou counsellor_orientation"
    )
    topic: one_of(OneOffTopic, blank=True) = Field(
        "",
        description="Réponse ponctuelle : health, mobility, housing, resources, "
        "administrative ou other",
    )
    oriented_to_code: str | None = Field(
        None, description="Orientation externe : code d'une structure de l'annuaire"
    )
    oriented_to_text: str = Field("", max_length=200)
    site_id: int | None = None
    notes: str = ""


class ReceptionOut(Schema):
    id: uuid.UUID
    received_on: datetime.date
    mode: str
    mode_label: str
    outcome: str
    outcome_label: str
    topic: str
    oriented_to: OrganisationRef | None
    oriented_to_text: str
    site_id: int | None
    received_by: str


class AreaIn(Schema):
    model_config = ConfigDict(extra="forbid")

    area: one_of(Area)
    situation: str = ""
    barriers: str = ""


class AreaOut(Schema):
    area: str
    area_label: str
    situation: str
    barriers: str


class InterviewOut(Schema):
    held_on: datetime.date
    mode: str


class DiagnosticIn(Schema):
    model_config = ConfigDict(extra="forbid")

    started_on: datetime.date
    interview_mode: one_of(InterviewMode) = "in_person"
    areas: list[AreaIn] = []
    conclusions: str = ""
    recommended_next_step: one_of(NextStep, blank=True) = ""
    completed_on: datetime.date | None = Field(
        None, description="Avec les conclusions : le diagnostic est alors conclu"
    )


class DiagnosticOut(Schema):
    id: uuid.UUID
    started_on: datetime.date
    completed_on: datetime.date | None
    counsellor: str
    interviews: list[InterviewOut]
    areas: list[AreaOut]
    conclusions: str
    recommended_next_step: str
    recommended_next_step_label: str


def _reception_out(reception: FirstReception) -> dict:
    organisation = reception.oriented_to
    return {
        "id": reception.uid,
        "received_on": reception.received_on,
        "mode": reception.mode,
        "mode_label": reception.get_mode_display(),
        "outcome": reception.outcome,
        "outcome_label": reception.get_outcome_display(),
        "topic": reception.topic,
        "oriented_to": {"code": organisation.code, "name": organisation.name}
        if organisation
        else None,
        "oriented_to_text": reception.oriented_to_text,
        "site_id": reception.site_id,
        "received_by": reception.received_by.get_full_name(),
    }


def _diagnostic_out(diagnostic: Diagnostic) -> dict:
    return {
        "id": diagnostic.uid,
        "started_on": diagnostic.started_on,
        "completed_on": diagnostic.completed_on,
        "counsellor": diagnostic.counsellor.get_full_name(),
        "interviews": [{"held_on": i.held_on, "mode": i.mode} for i in diagnostic.interviews.all()],
        "areas": [
            {
                "area": a.area,
                "area_label": a.get_area_display(),
                "situation": a.situation,
                "barriers": a.barriers,
            }
            for a in sorted(diagnostic.areas.all(), key=lambda a: a.order)
        ],
        "conclusions": diagnostic.conclusions,
        "recommended_next_step": diagnostic.recommended_next_step,
        "recommended_next_step_label": diagnostic.get_recommended_next_step_display(),
    }


def _diagnostics():
    return Diagnostic.objects.select_related("counsellor").prefetch_related("areas", "interviews")


@router.get(
    "/young-people/{uuid:uid}/receptions",
    summary="Lister les accueils d'un jeune",
    response={200: list[ReceptionOut], 401: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def list_receptions(request, uid: uuid.UUID):
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    audit.record_read(actor=request.auth, young_person=young_person, channel="api", what="accueils")
    receptions = young_person.receptions.select_related("oriented_to", "received_by")
    return Status(200, [_reception_out(r) for r in receptions])


@router.post(
    "/young-people/{uuid:uid}/receptions",
    summary="Enregistrer un premier accueil",
    response={201: ReceptionOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def create_reception(request, uid: uuid.UUID, payload: ReceptionIn):
    """Premier niveau de service : réponse ponctuelle, orientation externe ou vers un·e
    conseiller·ère. L'accueil est attribué à l'auteur de la requête."""
    young_person = policy.get_young_person_or_404(request.auth, uid)
    data = payload.dict(exclude={"oriented_to_code", "site_id"})
    problems = {}
    if payload.oriented_to_code:
        data["oriented_to"] = Organisation.objects.filter(code=payload.oriented_to_code).first()
        if data["oriented_to"] is None:
            problems["oriented_to_code"] = ["Structure inconnue de l'annuaire."]
    if payload.site_id:
        data["site"] = Site.objects.filter(pk=payload.site_id).first()
        if data["site"] is None:
            problems["site_id"] = ["Lieu d'accueil inconnu."]
    if problems:
        raise ValidationError(problems)
    reception = services.reception_create(
        actor=request.auth, young_person=young_person, data=data, channel="api"
    )
    return Status(201, _reception_out(reception))


@router.get(
    "/young-people/{uuid:uid}/diagnostics",
    summary="Lister les diagnostics d'un jeune",
    response={200: list[DiagnosticOut], 401: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def list_diagnostics(request, uid: uuid.UUID):
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="diagnostics"
    )
    return Status(
        200, [_diagnostic_out(d) for d in _diagnostics().filter(young_person=young_person)]
    )


@router.post(
    "/young-people/{uuid:uid}/diagnostics",
    summary="Enregistrer un diagnostic",
    response={201: DiagnosticOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def create_diagnostic(request, uid: uuid.UUID, payload: DiagnosticIn):
    """Crée un diagnostic mené par l'auteur de la requête, avec ses domaines ; avec
    `conclusions`, `recommended_next_step` et `completed_on`, il est aussi conclu."""
    young_person = policy.get_young_person_or_404(request.auth, uid)
    areas = {}
    for area in payload.areas:
        if area.area in areas:
            raise ValidationError({"areas": ["Chaque domaine ne peut figurer qu'une fois."]})
        areas[area.area] = {"situation": area.situation, "barriers": area.barriers}
    diagnostic = services.diagnostic_record(
        actor=request.auth,
        young_person=young_person,
        started_on=payload.started_on,
        interview_mode=payload.interview_mode,
        areas=areas,
        conclusions=payload.conclusions,
        recommended_next_step=payload.recommended_next_step,
        completed_on=payload.completed_on,
        channel="api",
    )
    return Status(201, _diagnostic_out(_diagnostics().get(pk=diagnostic.pk)))


@router.get(
    "/young-people/{uuid:uid}/diagnostics/{uuid:diagnostic_uid}",
    summary="Lire un diagnostic",
    response={200: DiagnosticOut, 401: ErrorOut, 404: ErrorOut},
    tags=TAGS,
)
def get_diagnostic(request, uid: uuid.UUID, diagnostic_uid: uuid.UUID):
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    diagnostic = get_object_or_404(_diagnostics(), young_person=young_person, uid=diagnostic_uid)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="diagnostic"
    )
    return Status(200, _diagnostic_out(diagnostic))

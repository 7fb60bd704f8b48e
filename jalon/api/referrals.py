"""API operations of the liaison forms, mounted under /api/v1/ by jalon/api/api.py.

A partner's system sends forms and follows their status; it reads of the matched file only
what the young person's consent allows (the appointment date with "appointments"), and never
the Mission Locale's internal comment, which no answer of this API contains.
"""

import datetime
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import PageNumberPagination, paginate

from jalon import policy
from jalon.api.schemas import ErrorOut, one_of
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.network.models import Commune, Organisation
from jalon.referrals import services
from jalon.referrals.enums import (
    ConsentMethod,
    LiaisonNeed,
    LiaisonSituation,
    LiaisonStatus,
    LiaisonUrgency,
)
from jalon.referrals.models import LiaisonAttachment, LiaisonForm
from jalon.youngpeople import documents

router = Router(tags=["fiches de liaison"])

_ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class LiaisonFormIn(Schema):
    recipient_code: str
    last_name: str
    first_names: str
    birth_date: datetime.date
    phone: str = ""
    email: str = ""
    commune_code: str | None = None
    situation: one_of(LiaisonSituation) = "other"
    establishment_code: str | None = None
    expected_release_date: datetime.date | None = None
    situation_details: str = ""
    reason: str
    needs: list[one_of(LiaisonNeed)] = []
    needs_details: str = ""
    urgency: one_of(LiaisonUrgency) = "normal"
    urgency_reason: str = ""
    consent_given: bool
    consent_method: one_of(ConsentMethod)
    consent_date: datetime.date
    young_person: uuid.UUID | None = None


class ReasonIn(Schema):
    reason: str


class TransitionOut(Schema):
    at: datetime.datetime
    from_status: str
    to_status: str
    to_status_label: str
    reason: str


class AttachmentOut(Schema):
    id: uuid.UUID
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime


class LiaisonFormListItem(Schema):
    id: uuid.UUID
    direction: str
    sender_code: str
    recipient_code: str
    last_name: str
    first_names: str
    urgency: str
    status: str
    status_label: str
    sent_at: datetime.datetime


class LiaisonFormOut(LiaisonFormListItem):
    birth_date: datetime.date
    phone: str
    email: str
    commune_code: str | None
    situation: str
    establishment_code: str | None
    expected_release_date: datetime.date | None
    situation_details: str
    reason: str
    needs: list[str]
    needs_details: str
    urgency_reason: str
    consent_method: str
    consent_date: datetime.date
    diagnostic_conclusions: str
    matched: bool
    appointment_starts_at: datetime.datetime | None
    attachments: list[AttachmentOut]
    history: list[TransitionOut]


class LiaisonFilters(Schema):
    status: one_of(LiaisonStatus, blank=True) = ""


def _code(organisation) -> str | None:
    return organisation.code if organisation is not None else None


def _item(form: LiaisonForm) -> dict:
    return {
        "id": form.uid,
        "direction": form.direction,
        "sender_code": form.sender_organisation.code,
        "recipient_code": form.recipient_organisation.code,
        "last_name": form.last_name,
        "first_names": form.first_names,
        "urgency": form.urgency,
        "status": form.status,
        "status_label": form.get_status_display(),
        "sent_at": form.sent_at,
    }


def _out(user, form: LiaisonForm) -> dict:
    """The form as its two parties wrote it, its history, and of the file what consent allows."""
    show_appointment = policy.can_handle_liaison_form(user, form) or (
        "appointments" in policy.liaison_file_categories(user, form)
    )
    return {
        **_item(form),
        "birth_date": form.birth_date,
        "phone": form.phone,
        "email": form.email,
        "commune_code": form.commune.code if form.commune_id else None,
        "situation": form.situation,
        "establishment_code": _code(form.establishment),
        "expected_release_date": form.expected_release_date,
        "situation_details": form.situation_details,
        "reason": form.reason,
        "needs": form.needs,
        "needs_details": form.needs_details,
        "urgency_reason": form.urgency_reason,
        "consent_method": form.consent_method,
        "consent_date": form.consent_date,
        "diagnostic_conclusions": form.diagnostic_conclusions,
        "matched": form.young_person_id is not None,
        "appointment_starts_at": form.appointment.starts_at
        if show_appointment and form.appointment_id
        else None,
        "attachments": [_attachment_out(attachment) for attachment in form.attachments.all()],
        "history": [
            {
                "at": transition.at,
                "from_status": transition.from_status,
                "to_status": transition.to_status,
                "to_status_label": transition.get_to_status_display(),
                "reason": transition.reason,
            }
            for transition in form.transitions.all()
        ],
    }


def _attachment_out(attachment: LiaisonAttachment) -> dict:
    return {
        "id": attachment.uid,
        "name": attachment.original_name,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "uploaded_at": attachment.uploaded_at,
    }


_QUERYSET = LiaisonForm.objects.select_related(
    "sender_organisation",
    "recipient_organisation",
    "commune",
    "establishment",
    "appointment",
    "young_person",
)


def _get(request, uid, what="fiche de liaison"):
    form = policy.get_liaison_form_or_404(request.auth, uid, _QUERYSET)
    audit.record(
        actor=request.auth,
        action=AuditAction.READ,
        obj=form,
        young_person=form.young_person if policy.can_read_named_files(request.auth) else None,
        mission_locale=services._mission_locale_of(form),
        changes={"vue": [None, what]},
        channel="api",
    )
    return form


def _organisation(code: str | None, field: str, **filters):
    if not code:
        return None
    organisation = Organisation.objects.filter(code=code, **filters).first()
    if organisation is None:
        raise ValidationError({field: "Aucune structure avec ce code."})
    return organisation


@router.post(
    "/liaison-forms",
    summary="Envoyer une fiche de liaison",
    response={201: LiaisonFormOut, 400: ErrorOut, **_ERRORS},
)
def create_liaison_form(request, payload: LiaisonFormIn):
    """Un partenaire oriente un jeune vers une Mission Locale (`recipient_code` : son code) ;
    une Mission Locale oriente l'un de ses jeunes (`young_person`) vers un partenaire. Le
    consentement du jeune est obligatoire (`consent_given`). Les pièces jointes s'ajoutent
    ensuite, une par une (`POST /liaison-forms/{id}/attachments`). 403 : votre rôle n'envoie
    pas de fiches ; 404 : `young_person` n'est pas un dossier de votre Mission Locale."""
    if not policy.can_send_liaison_form(request.auth):
        raise PermissionDenied
    young_person = None
    if not request.auth.is_partner:
        young_person = policy.get_young_person_or_404(request.auth, payload.young_person)
    data = payload.dict(
        exclude={"recipient_code", "commune_code", "establishment_code", "young_person"}
    )
    data["recipient_organisation"] = _organisation(payload.recipient_code, "recipient_code")
    data["establishment"] = _organisation(payload.establishment_code, "establishment_code")
    if payload.commune_code:
        data["commune"] = Commune.objects.filter(code=payload.commune_code).first()
        if data["commune"] is None:
            raise ValidationError({"commune_code": "Code INSEE de commune inconnu."})
    form = services.liaison_form_send(
        actor=request.auth, data=data, young_person=young_person, channel="api"
    )
    return Status(201, _out(request.auth, _QUERYSET.get(pk=form.pk)))


@router.get(
    "/liaison-forms",
    summary="Lister les fiches de liaison de votre structure",
    response={200: list[LiaisonFormListItem], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
)
@paginate(PageNumberPagination, page_size=50)
def list_liaison_forms(request, filters: Query[LiaisonFilters]):
    """Les fiches envoyées ou reçues par votre structure, les plus récentes d'abord ; `status`
    filtre par statut. 403 : votre rôle n'utilise pas les fiches de liaison."""
    if not policy.can_use_liaison_forms(request.auth):
        raise PermissionDenied
    forms = LiaisonForm.objects.visible_to(request.auth).select_related(
        "sender_organisation", "recipient_organisation"
    )
    if filters.status:
        forms = forms.filter(status=filters.status)
    return [_item(form) for form in forms]


@router.get(
    "/liaison-forms/{uuid:uid}",
    summary="Lire une fiche de liaison et son historique",
    response={200: LiaisonFormOut, **_ERRORS},
)
def get_liaison_form(request, uid: uuid.UUID):
    """La fiche, l'historique de ses statuts (avec les motifs de refus ou d'annulation) et,
    une fois la fiche rapprochée d'un dossier, la date du rendez-vous si le jeune a consenti au
    partage de ses rendez-vous. Jamais les commentaires internes de la Mission Locale.
    404 : la fiche n'a été ni envoyée ni reçue par votre structure."""
    return Status(200, _out(request.auth, _get(request, uid)))


@router.post(
    "/liaison-forms/{uuid:uid}/cancel",
    summary="Annuler une fiche de liaison",
    response={200: LiaisonFormOut, 400: ErrorOut, **_ERRORS},
)
def cancel_liaison_form(request, uid: uuid.UUID, payload: ReasonIn):
    """La structure émettrice annule sa fiche, avec un motif (`reason`), tant que
    l'accompagnement n'a pas commencé. 403 : votre structure n'a pas envoyé cette fiche ;
    400 : motif absent ou fiche déjà close."""
    form = _get(request, uid)
    services.liaison_form_cancel(
        actor=request.auth, form=form, reason=payload.reason, channel="api"
    )
    return Status(200, _out(request.auth, _QUERYSET.get(pk=form.pk)))


_BINARY = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "/liaison-forms/{uuid:uid}/attachments",
    summary="Joindre un document à une fiche de liaison",
    response={201: AttachmentOut, 400: ErrorOut, **_ERRORS},
)
def add_liaison_attachment(request, uid: uuid.UUID, file: File[UploadedFile]):
    """La structure émettrice joint un document (`file`, en `multipart/form-data`) à sa fiche
    tant qu'elle est ouverte : PDF, JPEG ou PNG reconnus d'après leur contenu, taille et nombre
    limités, analysés par l'antivirus quand il est configuré. 400 : fichier refusé (le motif est
    donné) ou fiche close ; 403 : votre structure n'a pas envoyé cette fiche."""
    form = _get(request, uid)
    attachment = services.liaison_form_attach(
        actor=request.auth, form=form, uploaded=file, channel="api"
    )
    return Status(201, _attachment_out(attachment))


@router.get(
    "/liaison-forms/{uuid:uid}/attachments/{uuid:attachment_uid}",
    summary="Télécharger une pièce jointe d'une fiche de liaison",
    response={200: None, **_ERRORS},
    openapi_extra={
        "responses": {
            200: {
                "description": "Le document (PDF, JPEG ou PNG), en pièce jointe.",
                "content": {
                    "application/pdf": _BINARY,
                    "image/jpeg": _BINARY,
                    "image/png": _BINARY,
                },
            }
        }
    },
)
def download_liaison_attachment(request, uid: uuid.UUID, attachment_uid: uuid.UUID):
    """Le contenu d'une pièce jointe, pour les deux structures de la fiche ; chaque
    téléchargement est inscrit au journal d'audit. 404 : fiche ou pièce inconnue de votre
    structure."""
    form = _get(request, uid, what="pièce jointe")
    attachment = form.attachments.filter(uid=attachment_uid).first()
    if attachment is None:
        raise Http404("Pièce jointe introuvable.")
    try:
        content = documents.storage().open(attachment.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404("Le contenu de cette pièce jointe est introuvable.") from exc
    response = FileResponse(
        content,
        as_attachment=True,
        filename=documents.download_name(attachment),
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

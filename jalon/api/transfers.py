"""API operations of the transfers between Missions Locales (same policy, services and audit)."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from jalon import policy
from jalon.accounts.models import User
from jalon.api.schemas import ErrorOut, one_of
from jalon.audit import services as audit
from jalon.network.models import Commune, Organisation, Site
from jalon.pathways import selectors as pathway_selectors
from jalon.youngpeople import transfers
from jalon.youngpeople.enums import TransferReason
from jalon.youngpeople.models import FileTransfer

router = Router(tags=["transferts"])

_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


class TransferIn(Schema):
    reason_kind: one_of(TransferReason)
    reason: str = ""
    to_mission_locale_code: str | None = None
    new_address: str = ""
    new_postal_code: str = ""
    new_commune_code: str | None = None


class AcceptIn(Schema):
    referent_email: str | None = None
    site_id: int | None = None


class RefuseIn(Schema):
    reason: str


class PathwayPreview(Schema):
    kind: str
    kind_label: str
    start_date: datetime.date
    planned_end_date: datetime.date | None


class TransferOut(Schema):
    """A preview: identity, origin, reason and current pathway; never the file's notes."""

    id: uuid.UUID
    status: str
    status_label: str
    young_person_id: uuid.UUID
    last_name: str
    first_names: str
    birth_date: datetime.date
    from_mission_locale: str
    to_mission_locale: str
    reason_kind: str
    reason_label: str
    reason: str
    requested_at: datetime.datetime
    decided_at: datetime.datetime | None
    refusal_reason: str
    current_pathway: PathwayPreview | None


def _out(transfer: FileTransfer) -> dict:
    file = transfer.young_person
    pathway = pathway_selectors.active_pathway(file)
    return {
        "id": transfer.uid,
        "status": transfer.status,
        "status_label": transfer.get_status_display(),
        "young_person_id": file.uid,
        "last_name": file.last_name,
        "first_names": file.first_names,
        "birth_date": file.birth_date,
        "from_mission_locale": transfer.from_mission_locale.name,
        "to_mission_locale": transfer.to_mission_locale.name,
        "reason_kind": transfer.reason_kind,
        "reason_label": transfer.get_reason_kind_display(),
        "reason": transfer.reason,
        "requested_at": transfer.requested_at,
        "decided_at": transfer.decided_at,
        "refusal_reason": transfer.refusal_reason,
        "current_pathway": {
            "kind": pathway.kind,
            "kind_label": pathway.get_kind_display(),
            "start_date": pathway.start_date,
            "planned_end_date": pathway.planned_end_date,
        }
        if pathway
        else None,
    }


_QUERYSET = FileTransfer.objects.select_related(
    "young_person", "from_mission_locale", "to_mission_locale", "requested_by"
)


def _conflict(error: transfers.TransferConflict):
    return Status(409, {"message": error.message, "errors": {"__all__": [error.message]}})


@router.post(
    "/young-people/{uuid:uid}/transfers",
    summary="Demander le transfert d'un dossier à une autre Mission Locale",
    response={201: TransferOut, **_ERRORS},
)
def request_transfer(request, uid: uuid.UUID, payload: TransferIn):
    """Sans `to_mission_locale_code`, la Mission Locale dont le territoire couvre
    `new_commune_code` (code INSEE) est sollicitée. 409 si un transfert est déjà en attente."""
    young_person = policy.get_young_person_or_404(request.auth, uid)
    errors = {}
    to_mission_locale = new_commune = None
    if payload.to_mission_locale_code:
        to_mission_locale = (
            Organisation.objects.missions_locales().filter(code=payload.to_mission_locale_code)
        ).first()
        if to_mission_locale is None:
            errors["to_mission_locale_code"] = ["Aucune Mission Locale n'a ce code."]
    if payload.new_commune_code:
        new_commune = Commune.objects.filter(code=payload.new_commune_code).first()
        if new_commune is None:
            errors["new_commune_code"] = ["Aucune commune n'a ce code INSEE."]
    if errors:
        raise ValidationError(errors)
    try:
        transfer = transfers.transfer_request(
            actor=request.auth,
            young_person=young_person,
            reason_kind=payload.reason_kind,
            reason=payload.reason,
            to_mission_locale=to_mission_locale,
            new_address=payload.new_address,
            new_postal_code=payload.new_postal_code,
            new_commune=new_commune,
            channel="api",
        )
    except transfers.TransferConflict as error:
        return _conflict(error)
    return Status(201, _out(_QUERYSET.get(pk=transfer.pk)))


@router.get(
    "/transfers/incoming",
    summary="Lister les transferts en attente vers votre Mission Locale",
    response={200: list[TransferOut], 401: ErrorOut, 403: ErrorOut},
)
def list_incoming_transfers(request):
    """Un aperçu de chaque dossier ; le dossier complet s'ouvre après acceptation."""
    if not policy.can_handle_transfers(request.auth):
        return Status(
            403, {"message": "Vous ne recevez pas de transferts de dossiers.", "errors": {}}
        )
    pending = _QUERYSET.incoming_for(request.auth).pending()
    result = []
    for transfer in pending:
        audit.record_read(
            actor=request.auth,
            young_person=transfer.young_person,
            channel="api",
            what="aperçu de transfert",
        )
        result.append(_out(transfer))
    return Status(200, result)


@router.post(
    "/transfers/{uuid:uid}/accept",
    summary="Accepter un transfert de dossier",
    response={200: TransferOut, **_ERRORS},
)
def accept_transfer(request, uid: uuid.UUID, payload: AcceptIn):
    """Le dossier et tout son historique passent à votre Mission Locale ; la Mission Locale
    d'origine n'y a plus accès. 409 si le transfert n'est plus en attente."""
    transfer = policy.get_transfer_or_404(request.auth, uid)
    referent = site = None
    if payload.referent_email:
        referent = User.objects.filter(email__iexact=payload.referent_email).first()
        if referent is None:
            raise ValidationError({"referent_email": "Aucun compte avec cette adresse."})
    if payload.site_id is not None:
        site = Site.objects.filter(pk=payload.site_id).first()
        if site is None:
            raise ValidationError({"site_id": "Site inconnu."})
    try:
        transfers.transfer_accept(
            actor=request.auth, transfer=transfer, referent=referent, site=site, channel="api"
        )
    except transfers.TransferConflict as error:
        return _conflict(error)
    return Status(200, _out(_QUERYSET.get(pk=transfer.pk)))


@router.post(
    "/transfers/{uuid:uid}/refuse",
    summary="Refuser un transfert de dossier",
    response={200: TransferOut, **_ERRORS},
)
def refuse_transfer(request, uid: uuid.UUID, payload: RefuseIn):
    """Le motif est obligatoire ; le dossier reste à la Mission Locale d'origine."""
    transfer = policy.get_transfer_or_404(request.auth, uid)
    try:
        transfers.transfer_refuse(
            actor=request.auth, transfer=transfer, reason=payload.reason, channel="api"
        )
    except transfers.TransferConflict as error:
        return _conflict(error)
    return Status(200, _out(_QUERYSET.get(pk=transfer.pk)))

"""API operations of the scheduling app, mounted under /api/v1/ by jalon/api/api.py."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from ninja import Router, Schema, Status

from jalon import policy
from jalon.accounts.models import User
from jalon.api.schemas import ErrorOut, one_of
from jalon.audit import services as audit
from jalon.scheduling import services
from jalon.scheduling.enums import AppointmentMode, AppointmentStatus
from jalon.scheduling.models import Appointment

router = Router(tags=["agenda"])


class CounsellorRef(Schema):
    name: str
    email: str


class AppointmentOut(Schema):
    id: uuid.UUID
    starts_at: datetime.datetime
    duration_minutes: int
    mode: str
    mode_label: str
    place: str
    subject: str
    status: str
    status_label: str
    is_interview: bool
    counsellor: CounsellorRef
    postponed_to: uuid.UUID | None


class AppointmentIn(Schema):
    starts_at: datetime.datetime
    duration_minutes: int = 45
    mode: one_of(AppointmentMode) = "in_person"
    place: str = ""
    subject: str = ""
    notes: str = ""
    counsellor_email: str | None = None


class StatusIn(Schema):
    status: one_of(AppointmentStatus)
    reason: str = ""
    new_starts_at: datetime.datetime | None = None


def _out(appointment: Appointment) -> dict:
    """Never the internal notes: they stay in the Mission Locale's pages."""
    return {
        "id": appointment.uid,
        "starts_at": appointment.starts_at,
        "duration_minutes": appointment.duration_minutes,
        "mode": appointment.mode,
        "mode_label": appointment.get_mode_display(),
        "place": appointment.place,
        "subject": appointment.subject,
        "status": appointment.status,
        "status_label": appointment.get_status_display(),
        "is_interview": appointment.is_interview,
        "counsellor": {
            "name": appointment.counsellor.get_full_name(),
            "email": appointment.counsellor.email,
        },
        "postponed_to": appointment.postponed_to.uid if appointment.postponed_to_id else None,
    }


_QUERYSET = Appointment.objects.select_related("counsellor", "postponed_to")


@router.get(
    "/young-people/{uuid:uid}/appointments",
    summary="Lister les rendez-vous d'un jeune",
    response={200: list[AppointmentOut], 401: ErrorOut, 404: ErrorOut},
)
def list_appointments(request, uid: uuid.UUID):
    """Les rendez-vous du jeune, du plus ancien au plus récent (sans les notes internes)."""
    young_person = policy.get_young_person_or_404(request.auth, uid, include_emergency=True)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="rendez-vous"
    )
    appointments = _QUERYSET.filter(young_person=young_person)
    return Status(200, [_out(a) for a in appointments.order_by("starts_at")])


@router.post(
    "/young-people/{uuid:uid}/appointments",
    summary="Planifier un rendez-vous",
    response={201: AppointmentOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def create_appointment(request, uid: uuid.UUID, payload: AppointmentIn):
    """Planifie un rendez-vous ; le conseiller est vous-même sauf `counsellor_email`."""
    young_person = policy.get_young_person_or_404(request.auth, uid)
    data = payload.dict(exclude={"counsellor_email"})
    if payload.counsellor_email:
        counsellor = User.objects.filter(email__iexact=payload.counsellor_email).first()
        if counsellor is None:
            raise ValidationError({"counsellor_email": "Aucun compte avec cette adresse."})
        data["counsellor"] = counsellor
    appointment = services.appointment_create(
        actor=request.auth, young_person=young_person, data=data, channel="api"
    )
    return Status(201, _out(_QUERYSET.get(pk=appointment.pk)))


@router.post(
    "/appointments/{uuid:uid}/status",
    summary="Changer le statut d'un rendez-vous",
    response={200: AppointmentOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def set_appointment_status(request, uid: uuid.UUID, payload: StatusIn):
    """Présent, absent, annulé ou reporté (avec `new_starts_at`) : ces statuts sont définitifs."""
    appointment = policy.get_appointment_or_404(request.auth, uid)
    appointment = services.appointment_set_status(
        actor=request.auth,
        appointment=appointment,
        status=payload.status,
        reason=payload.reason,
        new_starts_at=payload.new_starts_at,
        channel="api",
    )
    return Status(200, _out(_QUERYSET.get(pk=appointment.pk)))

"""Every change to appointments, sessions and feeds goes through these functions."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.scheduling import rules
from jalon.scheduling.enums import (
    AppointmentMode,
    AppointmentStatus,
    ParticipationStatus,
    SessionKind,
)
from jalon.scheduling.models import (
    Appointment,
    AppointmentStatusChange,
    CalendarFeed,
    CollectiveSession,
    Participation,
    hash_feed_token,
)
from jalon.youngpeople.rules import check_no_nul_characters

_ALL_BUT_TEXTS = [
    field.name
    for field in Appointment._meta.fields
    if field.name not in ("place", "subject", "notes")
]
APPOINTMENT_FIELDS = (
    "counsellor",
    "starts_at",
    "duration_minutes",
    "mode",
    "place",
    "subject",
    "notes",
)
SESSION_FIELDS = (
    "kind",
    "title",
    "theme",
    "starts_at",
    "duration_minutes",
    "place",
    "facilitator",
    "capacity",
)


class _Errors:
    """Gathers the messages of several rules into one ValidationError keyed by field."""

    def __init__(self):
        self.errors: dict[str, list] = {}

    def collect(self, check, *args, **kwargs):
        try:
            check(*args, **kwargs)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.errors.setdefault(field, []).extend(messages)

    def add(self, field, message):
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self):
        if self.errors:
            raise ValidationError(self.errors)


def _check_choices(errors: _Errors, *, mode=None, kind=None):
    if mode is not None and mode not in AppointmentMode.values:
        errors.add(
            "mode", "Modalité inconnue : présentiel, téléphone, visioconférence ou détention."
        )
    if kind is not None and kind not in SessionKind.values:
        errors.add("kind", "Type de séance inconnu.")


def _aware(moment, field: str):
    """Naive date-times (API input) are read in the Mission Locale's time zone.

    Kept in UTC: PostgreSQL refuses the offsets beyond ±15:59 that an ISO date-time may carry.
    """
    if moment is None:
        return None
    rules.check_calendar_year(moment, field)
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(datetime.UTC)


def _appointment_changes(appointment: Appointment) -> dict:
    """What the journal keeps of an appointment (never the internal notes' content)."""
    return {
        "starts_at": [None, timezone.localtime(appointment.starts_at).isoformat()],
        "duration_minutes": [None, appointment.duration_minutes],
        "mode": [None, appointment.mode],
        "counsellor": [None, appointment.counsellor_id],
        "status": [None, appointment.status],
    }


@transaction.atomic
def appointment_create(*, actor, young_person, data: dict, channel: str = "web") -> Appointment:
    """Plan an appointment with a young person; the counsellor defaults to the actor."""
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas planifier de rendez-vous pour ce jeune.")
    values = {name: data[name] for name in APPOINTMENT_FIELDS if data.get(name) is not None}
    values.setdefault("counsellor", actor)
    if "starts_at" in values:
        values["starts_at"] = _aware(values["starts_at"], "starts_at")
    appointment = Appointment(
        young_person=young_person,
        created_by=actor,
        status=AppointmentStatus.PLANNED,
        **values,
    )
    errors = _Errors()
    errors.collect(
        check_no_nul_characters, {name: values.get(name) for name in ("place", "subject", "notes")}
    )
    # Lengths of the texts (the database refuses longer ones).
    errors.collect(appointment.clean_fields, exclude=_ALL_BUT_TEXTS)
    if appointment.starts_at is None:
        errors.add("starts_at", "Indiquez la date et l'heure du rendez-vous.")
    errors.collect(rules.check_duration, appointment.duration_minutes)
    errors.collect(rules.check_counsellor, appointment.counsellor, young_person)
    _check_choices(errors, mode=appointment.mode)
    errors.raise_if_any()
    appointment.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=appointment,
        young_person=young_person,
        changes=_appointment_changes(appointment),
        channel=channel,
    )
    return appointment


@transaction.atomic
def appointment_set_status(
    *,
    actor,
    appointment: Appointment,
    status: str,
    reason: str = "",
    new_starts_at: datetime.datetime | None = None,
    channel: str = "web",
) -> Appointment:
    """Record what became of an appointment; the change is logged with its reason.

    Postponing plans the new appointment (same counsellor, mode, place and subject), linked
    from the old one by `postponed_to`.
    """
    appointment = (
        Appointment.objects.select_for_update()
        .select_related("young_person", "counsellor")
        .get(pk=appointment.pk)
    )
    if not policy.can_manage_appointment(actor, appointment):
        raise PermissionDenied("Vous ne pouvez pas modifier ce rendez-vous.")
    new_starts_at = _aware(new_starts_at, "new_starts_at")
    errors = _Errors()
    errors.collect(check_no_nul_characters, {"reason": reason})
    errors.collect(rules.check_transition, appointment.status, status)
    if not errors.errors:
        errors.collect(
            rules.check_attendance_after_start, status, appointment.starts_at, timezone.now()
        )
        errors.collect(rules.check_postponement, status, new_starts_at)
    errors.raise_if_any()
    previous = appointment.status
    changes = {"status": [previous, status]}
    if status == AppointmentStatus.POSTPONED:
        replacement = Appointment.objects.create(
            young_person=appointment.young_person,
            counsellor=appointment.counsellor,
            starts_at=new_starts_at,
            duration_minutes=appointment.duration_minutes,
            mode=appointment.mode,
            place=appointment.place,
            subject=appointment.subject,
            notes=appointment.notes,
            created_by=actor,
        )
        appointment.postponed_to = replacement
        changes["reporte_au"] = [None, timezone.localtime(new_starts_at).isoformat()]
    appointment.status = status
    appointment.save(update_fields=["status", "postponed_to"])
    AppointmentStatusChange.objects.create(
        appointment=appointment,
        changed_by=actor,
        from_status=previous,
        to_status=status,
        reason=reason.strip(),
    )
    if reason.strip():
        changes["motif"] = [None, reason.strip()]
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=appointment,
        young_person=appointment.young_person,
        changes=changes,
        channel=channel,
    )
    if status == AppointmentStatus.PRESENT:
        from jalon.referrals.services import liaison_forms_started_by_interview

        liaison_forms_started_by_interview(actor=actor, appointment=appointment)
    return appointment


# --- Collective sessions -------------------------------------------------------------------


@transaction.atomic
def session_create(*, actor, data: dict, channel: str = "web") -> CollectiveSession:
    """Plan a workshop, information session or job event in the actor's Mission Locale."""
    if not policy.can_use_agenda(actor):
        raise PermissionDenied("Vous ne pouvez pas planifier de séance collective.")
    values = {name: data[name] for name in SESSION_FIELDS if data.get(name) is not None}
    session = CollectiveSession(mission_locale_id=actor.organisation_id, **values)
    errors = _Errors()
    if not session.title.strip():
        errors.add("title", "Indiquez l'intitulé de la séance.")
    if session.starts_at is None:
        errors.add("starts_at", "Indiquez la date et l'heure de la séance.")
    errors.collect(rules.check_duration, session.duration_minutes)
    _check_choices(errors, kind=session.kind)
    facilitator = session.facilitator
    if facilitator is not None and (
        facilitator.organisation_id != actor.organisation_id
        or not facilitator.is_mission_locale_staff
    ):
        errors.add(
            "facilitator", "L'animateur ou l'animatrice doit travailler dans la Mission Locale."
        )
    if session.capacity is not None and session.capacity < 1:
        errors.add("capacity", "Le nombre de places doit être d'au moins 1.")
    errors.raise_if_any()
    session.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=session,
        mission_locale=session.mission_locale,
        changes={
            "kind": [None, session.kind],
            "title": [None, session.title],
            "starts_at": [None, timezone.localtime(session.starts_at).isoformat()],
        },
        channel=channel,
    )
    return session


@transaction.atomic
def participation_register(
    *, actor, session: CollectiveSession, young_person, channel: str = "web"
) -> Participation:
    """Add a young person of the session's Mission Locale to its attendance list."""
    session = CollectiveSession.objects.select_for_update().get(pk=session.pk)
    if not policy.can_manage_session(actor, session) or not policy.can_edit_young_person(
        actor, young_person
    ):
        raise PermissionDenied("Vous ne pouvez pas inscrire ce jeune à cette séance.")
    participations = session.participations.all()
    if participations.filter(young_person=young_person).exists():
        raise ValidationError({"young_person": "Ce jeune est déjà inscrit à cette séance."})
    rules.check_capacity(session.capacity, participations.count())
    participation = Participation.objects.create(session=session, young_person=young_person)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=participation,
        object_id=str(session.uid),
        young_person=young_person,
        changes={"seance": [None, session.title], "presence": [None, participation.status]},
        channel=channel,
    )
    return participation


@transaction.atomic
def participations_mark(
    *, actor, session: CollectiveSession, statuses: dict[int, str], channel: str = "web"
) -> int:
    """Record the attendance of the whole list at once; returns how many lines changed.

    `statuses` maps participation ids (of this session) to a participation status.
    """
    if not policy.can_manage_session(actor, session):
        raise PermissionDenied("Vous ne pouvez pas modifier cette séance.")
    wanted = {int(pk): status for pk, status in statuses.items()}
    unknown = {s for s in wanted.values() if s not in ParticipationStatus.values}
    if unknown:
        raise ValidationError({"status": "Statut de présence inconnu."})
    attendance = {ParticipationStatus.PRESENT, ParticipationStatus.ABSENT}
    if session.starts_at > timezone.now() and attendance & set(wanted.values()):
        raise ValidationError(
            {
                "status": (
                    "La séance n'a pas encore commencé : la présence ou l'absence se note à "
                    "partir de son heure de début."
                )
            }
        )
    lines = list(
        session.participations.select_for_update()
        .select_related("young_person__mission_locale")
        .filter(pk__in=wanted)
    )
    changed = []
    for participation in lines:
        new = wanted[participation.pk]
        if participation.status != new:
            audit.record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=participation,
                object_id=str(session.uid),
                young_person=participation.young_person,
                changes={"seance": [None, session.title], "presence": [participation.status, new]},
                channel=channel,
            )
            participation.status = new
            changed.append(participation)
    Participation.objects.bulk_update(changed, ["status"])
    return len(changed)


# --- Calendar feed -------------------------------------------------------------------------


@transaction.atomic
def calendar_feed_regenerate(*, actor) -> str:
    """Give the actor a new secret feed address (the old one stops working); returns the token.

    Only the token's hash is kept: the address is shown once, when it is created.
    """
    if not policy.can_use_agenda(actor):
        raise PermissionDenied("Vous n'avez pas d'agenda.")
    raw = CalendarFeed.new_token()
    CalendarFeed.objects.update_or_create(
        user=actor, defaults={"token_hash": hash_feed_token(raw), "created_at": timezone.now()}
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        object_type="scheduling.calendarfeed",
        object_id=str(actor.pk),
        mission_locale=actor.organisation,
        changes={"abonnement_agenda": [None, "nouvelle adresse"]},
    )
    return raw

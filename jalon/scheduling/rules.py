"""Rules of appointments and collective sessions, plain functions raising French messages.

Pages and API call them through the services, so that both give the same answers.
"""

import datetime

from django.core.exceptions import ValidationError

from jalon.scheduling.enums import (
    ATTENDANCE_STATUSES,
    FINAL_STATUSES,
    MAX_DURATION_MINUTES,
    MIN_DURATION_MINUTES,
    AppointmentStatus,
)


def check_duration(minutes) -> None:
    """An appointment or a session lasts from 5 minutes to a working day (8 hours)."""
    if minutes is None or not MIN_DURATION_MINUTES <= minutes <= MAX_DURATION_MINUTES:
        raise ValidationError(
            {
                "duration_minutes": (
                    f"La durée doit être comprise entre {MIN_DURATION_MINUTES} et "
                    f"{MAX_DURATION_MINUTES} minutes (8 heures)."
                )
            }
        )


def check_counsellor(counsellor, young_person) -> None:
    """The appointment is held by someone of the young person's Mission Locale."""
    if (
        counsellor is None
        or not counsellor.is_active
        or not counsellor.is_mission_locale_staff
        or counsellor.organisation_id != young_person.mission_locale_id
    ):
        raise ValidationError(
            {
                "counsellor": (
                    "Le conseiller ou la conseillère doit travailler dans la Mission Locale "
                    "du jeune."
                )
            }
        )


def check_transition(current: str, new: str) -> None:
    """Present, absent, cancelled and postponed are final: the history is not rewritten."""
    if new not in AppointmentStatus.values:
        raise ValidationError({"status": "Statut inconnu."})
    if current in FINAL_STATUSES:
        label = AppointmentStatus(current).label.lower()
        raise ValidationError(
            {"status": f"Ce rendez-vous est déjà « {label} » : son statut ne peut plus changer."}
        )
    if new == current:
        raise ValidationError({"status": "Le rendez-vous a déjà ce statut."})


def check_attendance_after_start(
    status: str, starts_at: datetime.datetime, now: datetime.datetime
) -> None:
    """Whether the young person came is recorded once the appointment has started."""
    if status in ATTENDANCE_STATUSES and starts_at > now:
        raise ValidationError(
            {
                "status": (
                    "Le rendez-vous n'a pas encore commencé : la présence ou l'absence se "
                    "note à partir de son heure de début."
                )
            }
        )


def check_postponement(status: str, new_starts_at: datetime.datetime | None) -> None:
    """Postponing means giving the new date: the new appointment is planned at once."""
    if status == AppointmentStatus.POSTPONED and new_starts_at is None:
        raise ValidationError(
            {"new_starts_at": "Indiquez la nouvelle date et l'heure du rendez-vous reporté."}
        )


def check_capacity(capacity: int | None, registered: int) -> None:
    """A session with a number of places takes no more registrations once full."""
    if capacity is not None and registered >= capacity:
        raise ValidationError({"young_person": f"La séance est complète ({capacity} places)."})


EARLIEST_YEAR, LATEST_YEAR = 1900, 2100


def check_calendar_year(moment: datetime.datetime, field: str) -> None:
    """A date on a calendar people read: far years are typing slips (and overflow time zones)."""
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ValidationError(
            {field: f"Année invalide : indiquez une date entre {EARLIEST_YEAR} et {LATEST_YEAR}."}
        )

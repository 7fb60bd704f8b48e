import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalon.audit.models import AuditEntry
from jalon.scheduling import services
from jalon.scheduling.models import Appointment, AppointmentStatusChange
from tests.scheduling.factories import (
    AppointmentFactory,
    CollectiveSessionFactory,
    ParticipationFactory,
    at,
)


def test_creating_an_appointment_defaults_to_the_actor_and_is_journaled(
    counsellor_a, young_person_a
):
    appointment = services.appointment_create(
        actor=counsellor_a,
        young_person=young_person_a,
        data={"starts_at": at(1), "duration_minutes": 30, "mode": "phone", "notes": "secret"},
    )
    assert appointment.counsellor == counsellor_a
    assert appointment.status == "planned"
    entry = AuditEntry.objects.get(action="create", young_person=young_person_a)
    assert entry.object_id == str(appointment.uid)
    assert "secret" not in str(entry.changes)


def test_creating_gathers_every_error_by_field(counsellor_a, counsellor_b, young_person_a):
    with pytest.raises(ValidationError) as error:
        services.appointment_create(
            actor=counsellor_a,
            young_person=young_person_a,
            data={"duration_minutes": 600, "counsellor": counsellor_b, "mode": "fax"},
        )
    assert set(error.value.message_dict) == {"starts_at", "duration_minutes", "counsellor", "mode"}
    assert not Appointment.objects.exists()


def test_other_mission_locales_cannot_book(counsellor_b, young_person_a):
    with pytest.raises(PermissionDenied):
        services.appointment_create(
            actor=counsellor_b, young_person=young_person_a, data={"starts_at": at(1)}
        )


def test_status_change_is_logged_with_its_reason(counsellor_a, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a)
    services.appointment_set_status(
        actor=counsellor_a, appointment=appointment, status="cancelled", reason="Malade"
    )
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    change = AppointmentStatusChange.objects.get()
    assert (change.changed_by, change.from_status, change.to_status, change.reason) == (
        counsellor_a,
        "planned",
        "cancelled",
        "Malade",
    )
    assert AuditEntry.objects.filter(action="update", young_person=young_person_a).exists()
    with pytest.raises(ValidationError):
        services.appointment_set_status(
            actor=counsellor_a, appointment=appointment, status="planned"
        )


def test_presence_is_recorded_once_started_and_makes_an_interview(counsellor_a, young_person_a):
    future = AppointmentFactory(young_person=young_person_a, starts_at=at(1))
    with pytest.raises(ValidationError):
        services.appointment_set_status(actor=counsellor_a, appointment=future, status="present")
    past = AppointmentFactory(young_person=young_person_a, starts_at=at(-1))
    services.appointment_set_status(actor=counsellor_a, appointment=past, status="present")
    past.refresh_from_db()
    assert past.is_interview


def test_postponing_plans_the_new_appointment(counsellor_a, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a, mode="video")
    with pytest.raises(ValidationError) as error:
        services.appointment_set_status(
            actor=counsellor_a, appointment=appointment, status="postponed"
        )
    assert "new_starts_at" in error.value.message_dict
    new_date = at(8, 9, 30)
    result = services.appointment_set_status(
        actor=counsellor_a, appointment=appointment, status="postponed", new_starts_at=new_date
    )
    assert result.status == "postponed"
    replacement = result.postponed_to
    assert (replacement.starts_at, replacement.status, replacement.mode) == (
        new_date,
        "planned",
        "video",
    )
    assert replacement.postponed_from.get() == result


def test_status_of_another_mission_locale_is_refused(counsellor_b, young_person_a):
    appointment = AppointmentFactory(young_person=young_person_a)
    with pytest.raises(PermissionDenied):
        services.appointment_set_status(
            actor=counsellor_b, appointment=appointment, status="cancelled"
        )


def test_registering_and_marking_attendance(counsellor_a, ml_a, young_person_a):
    session = CollectiveSessionFactory(mission_locale=ml_a, starts_at=at(-1), capacity=1)
    participation = services.participation_register(
        actor=counsellor_a, session=session, young_person=young_person_a
    )
    with pytest.raises(ValidationError):
        services.participation_register(
            actor=counsellor_a, session=session, young_person=young_person_a
        )
    changed = services.participations_mark(
        actor=counsellor_a, session=session, statuses={participation.pk: "present"}
    )
    participation.refresh_from_db()
    assert (changed, participation.status) == (1, "present")
    assert AuditEntry.objects.filter(young_person=young_person_a, action="update").count() == 1


def test_attendance_of_a_future_session_waits_for_its_start(counsellor_a, ml_a, young_person_a):
    session = CollectiveSessionFactory(mission_locale=ml_a, starts_at=at(3))
    line = ParticipationFactory(session=session, young_person=young_person_a)
    with pytest.raises(ValidationError):
        services.participations_mark(
            actor=counsellor_a, session=session, statuses={line.pk: "present"}
        )
    services.participations_mark(actor=counsellor_a, session=session, statuses={line.pk: "excused"})


def test_session_rules(counsellor_a, counsellor_b):
    with pytest.raises(ValidationError) as error:
        services.session_create(
            actor=counsellor_a,
            data={
                "kind": "workshop",
                "title": "",
                "duration_minutes": 2,
                "facilitator": counsellor_b,
            },
        )
    assert set(error.value.message_dict) == {
        "title",
        "starts_at",
        "duration_minutes",
        "facilitator",
    }
    session = services.session_create(
        actor=counsellor_a,
        data={
            "kind": "information_session",
            "title": "Information collective CEJ",
            "starts_at": at(2) + datetime.timedelta(hours=4),
            "duration_minutes": 90,
        },
    )
    assert session.mission_locale_id == counsellor_a.organisation_id


def test_rule_interview_notes_are_stored_encrypted(counsellor_a, young_person_a):
    from django.db import connection

    appointment = AppointmentFactory(
        young_person=young_person_a, counsellor=counsellor_a, notes="Suivi psychologique en cours"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM scheduling_appointment WHERE id = %s", [appointment.pk])
        stored = cursor.fetchone()[0]
    assert "psychologique" not in stored
    appointment.refresh_from_db()
    assert appointment.notes == "Suivi psychologique en cours"

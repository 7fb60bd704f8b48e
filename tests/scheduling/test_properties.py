"""Appointments take any input without breaking: a planned meeting or a French refusal."""

import datetime
import zoneinfo

from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jalon.scheduling import rules, services
from jalon.scheduling.enums import FINAL_STATUSES, AppointmentStatus
from jalon.scheduling.models import Appointment
from jalon.scheduling.selectors import activity_hours
from tests.scheduling.factories import AppointmentFactory
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_text,
    assert_french_validation_error,
    rolled_back,
)

statuses = st.one_of(st.sampled_from(AppointmentStatus.values), any_text)
# Any offset an ISO date-time can carry, beyond the real time zones (and PostgreSQL's ±15:59).
offsets = st.timedeltas(
    min_value=datetime.timedelta(hours=-23, minutes=-59),
    max_value=datetime.timedelta(hours=23, minutes=59),
).map(
    lambda delta: datetime.timezone(
        datetime.timedelta(minutes=delta // datetime.timedelta(minutes=1))
    )
)
moments = st.one_of(
    st.datetimes(timezones=st.sampled_from([datetime.UTC, zoneinfo.ZoneInfo("Europe/Paris")])),
    st.datetimes(timezones=offsets),
    st.datetimes(),  # naive, as the API may receive them
)
MONDAY_10AM = datetime.datetime(2025, 1, 6, 10, tzinfo=datetime.UTC)


@given(st.one_of(st.none(), st.integers(-(10**9), 10**9)))
def test_rule_an_appointment_lasts_5_minutes_to_8_hours(minutes):
    try:
        rules.check_duration(minutes)
    except ValidationError as error:
        assert list(error.message_dict) == ["duration_minutes"]
        assert minutes is None or not 5 <= minutes <= 480
        return
    assert 5 <= minutes <= 480


@given(current=st.sampled_from(AppointmentStatus.values), new=statuses)
def test_rule_final_statuses_never_change(current, new):
    try:
        rules.check_transition(current, new)
    except ValidationError as error:
        assert list(error.message_dict) == ["status"]
        assert_french_validation_error(error)
        return
    assert current not in FINAL_STATUSES
    assert new in AppointmentStatus.values and new != current


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    data=st.fixed_dictionaries(
        {"starts_at": st.one_of(st.none(), moments)},
        optional={
            "duration_minutes": st.one_of(st.none(), st.integers(-(10**6), 10**6)),
            "mode": st.one_of(st.sampled_from(["in_person", "phone", "video"]), any_text),
            "place": any_text,
            "subject": any_text,
            "notes": any_text,
        },
    )
)
@example(data={"starts_at": MONDAY_10AM, "place": "Bureau\x00"})
@example(data={"starts_at": MONDAY_10AM, "subject": "x" * 151})
@example(data={"starts_at": datetime.datetime.max})
@example(
    data={
        "starts_at": datetime.datetime(
            2025, 3, 3, 13, tzinfo=datetime.timezone(datetime.timedelta(hours=23, minutes=53))
        )
    }
)
def test_planning_an_appointment_with_any_input_succeeds_or_refuses_in_french(
    counsellor_a, young_person_a, data
):
    with rolled_back():
        try:
            appointment = services.appointment_create(
                actor=counsellor_a, young_person=young_person_a, data=data
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            return
        appointment.refresh_from_db()
        assert 5 <= appointment.duration_minutes <= 480
        assert appointment.status == AppointmentStatus.PLANNED


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(status=statuses, reason=any_text, new_starts_at=st.one_of(st.none(), moments))
@example(status="cancelled", reason="\x00", new_starts_at=None)
@example(status="postponed", reason="", new_starts_at=datetime.datetime.max)
def test_changing_a_status_with_any_input_succeeds_or_refuses_in_french(
    counsellor_a, young_person_a, status, reason, new_starts_at
):
    with rolled_back():
        appointment = AppointmentFactory(
            young_person=young_person_a,
            counsellor=counsellor_a,
            starts_at=MONDAY_10AM,
        )
        try:
            services.appointment_set_status(
                actor=counsellor_a,
                appointment=appointment,
                status=status,
                reason=reason,
                new_starts_at=new_starts_at,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert Appointment.objects.get(pk=appointment.pk).status == AppointmentStatus.PLANNED
            return
        assert Appointment.objects.get(pk=appointment.pk).status == status


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    appointments=st.lists(
        st.tuples(
            st.integers(0, 30), st.integers(5, 480), st.sampled_from(AppointmentStatus.values)
        ),
        max_size=6,
    )
)
def test_activity_hours_count_held_interviews_only_and_add_up(
    counsellor_a, young_person_a, appointments
):
    start = datetime.date(2025, 3, 3)
    with rolled_back():
        for day, minutes, status in appointments:
            AppointmentFactory(
                young_person=young_person_a,
                counsellor=counsellor_a,
                starts_at=datetime.datetime.combine(
                    start + datetime.timedelta(days=day),
                    datetime.time(10),
                    tzinfo=zoneinfo.ZoneInfo("Europe/Paris"),
                ),
                duration_minutes=minutes,
                status=status,
            )
        items = activity_hours(young_person_a, start, start + datetime.timedelta(days=30))
        assert all(hours > 0 for _, _, hours in items)
        held = [m for _, m, status in appointments if status == AppointmentStatus.PRESENT]
        assert len(items) == len(held)
        assert abs(sum(h for _, _, h in items) * 60 - sum(held)) <= len(held)

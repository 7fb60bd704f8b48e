import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from jalon.accounts.models import Role
from jalon.scheduling import rules
from tests.factories import UserFactory


def messages_of(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


@pytest.mark.parametrize("minutes", [5, 45, 480])
def test_rule_duration_from_5_to_480_minutes_is_accepted(minutes):
    rules.check_duration(minutes)


@pytest.mark.parametrize("minutes", [0, 4, 481, None])
def test_rule_duration_outside_5_to_480_minutes_is_refused(minutes):
    with pytest.raises(ValidationError) as error:
        rules.check_duration(minutes)
    assert "entre 5 et 480 minutes" in messages_of(error.value, "duration_minutes")


def test_rule_presence_cannot_be_recorded_before_the_start():
    now = timezone.now()
    for status in ("present", "absent"):
        with pytest.raises(ValidationError) as error:
            rules.check_attendance_after_start(status, now + datetime.timedelta(hours=1), now)
        assert "pas encore commencé" in messages_of(error.value, "status")
    rules.check_attendance_after_start("present", now, now)
    rules.check_attendance_after_start("cancelled", now + datetime.timedelta(hours=1), now)


def test_rule_postponing_requires_the_new_date():
    with pytest.raises(ValidationError) as error:
        rules.check_postponement("postponed", None)
    assert "nouvelle date" in messages_of(error.value, "new_starts_at")
    rules.check_postponement("postponed", timezone.now())
    rules.check_postponement("cancelled", None)


@pytest.mark.parametrize("final", ["present", "absent", "cancelled", "postponed"])
def test_rule_recorded_statuses_are_final(final):
    with pytest.raises(ValidationError) as error:
        rules.check_transition(final, "planned")
    assert "ne peut plus changer" in messages_of(error.value, "status")


def test_rule_status_must_be_known_and_different():
    with pytest.raises(ValidationError):
        rules.check_transition("planned", "excused")
    with pytest.raises(ValidationError):
        rules.check_transition("planned", "planned")
    rules.check_transition("planned", "cancelled")


def test_rule_counsellor_works_in_the_young_persons_mission_locale(
    young_person_a, counsellor_a, counsellor_b, personas
):
    rules.check_counsellor(counsellor_a, young_person_a)
    for other in (counsellor_b, personas["cpip"], None):
        with pytest.raises(ValidationError) as error:
            rules.check_counsellor(other, young_person_a)
        assert "Mission Locale du jeune" in messages_of(error.value, "counsellor")
    gone = UserFactory(role=Role.COUNSELLOR, organisation=young_person_a.mission_locale)
    gone.is_active = False
    with pytest.raises(ValidationError):
        rules.check_counsellor(gone, young_person_a)


def test_rule_a_full_session_takes_no_more_registrations():
    rules.check_capacity(None, 100)
    rules.check_capacity(3, 2)
    with pytest.raises(ValidationError) as error:
        rules.check_capacity(3, 3)
    assert "complète" in messages_of(error.value, "young_person")

"""The ASE follow-up takes any input without breaking: a record or a French refusal, and its
invariants hold (one ASE status in force, the history without overlap)."""

import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.childwelfare import rules, services
from jalon.childwelfare.enums import AutonomyArea
from jalon.youngpeople.enums import PriorityPublic, PublicDetail
from jalon.youngpeople.models import PriorityPublicPeriod
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_date,
    any_text,
    assert_french_validation_error,
    recent_date,
    rolled_back,
)

dates = st.one_of(st.none(), recent_date, any_date)
statuses = st.one_of(st.sampled_from([status.value for status in PublicDetail]), any_text)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "taken_into_care_on": dates,
            "referent_name": any_text,
            "referent_phone": any_text,
            "requested_by_departement_on": dates,
            "first_contact_on": dates,
            "registration_proposed_on": dates,
            "registered_on": dates,
            "internal_comment": any_text,
        },
    )
)
def test_follow_up_update_saves_or_refuses_in_french(data, minor_in_care, counsellor_a):
    with rolled_back():
        try:
            services.ase_follow_up_update(
                actor=counsellor_a,
                follow_up=minor_in_care,
                data=data,
                expected_version=minor_in_care.version,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
        finally:
            minor_in_care.refresh_from_db()


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(changes=st.lists(st.tuples(statuses, dates), min_size=1, max_size=4))
def test_status_history_never_overlaps(changes, ml_a, counsellor_a, departement):
    from tests.childwelfare.factories import open_follow_up, young_person_aged

    with rolled_back():
        young_person = young_person_aged(ml_a, 19, days=10)
        follow_up = open_follow_up(counsellor_a, young_person, departement)
        for status, start_date in changes:
            try:
                services.ase_status_change(
                    actor=counsellor_a, follow_up=follow_up, status=status, start_date=start_date
                )
            except ValidationError as error:
                assert_french_validation_error(error)
        periods = list(
            PriorityPublicPeriod.objects.filter(
                young_person=young_person, public=PriorityPublic.ASE
            ).order_by("start_date")
        )
        assert sum(period.end_date is None for period in periods) == 1
        for before, after in itertools.pairwise(periods):
            assert before.end_date is not None and before.end_date < after.start_date


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    data=st.fixed_dictionaries(
        {},
        optional={
            "planned_on": dates,
            "held_on": dates,
            "held_jointly": st.booleans(),
            "departement_participant": any_text,
            "trusted_person_present": st.booleans(),
        },
    )
)
def test_interview_recorded_or_refused_in_french(data, shared_follow_up, ase_referent):
    with rolled_back():
        try:
            services.interview_record(
                actor=ase_referent, follow_up=shared_follow_up["follow_up"], data=data
            )
        except ValidationError as error:
            assert_french_validation_error(error)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    drawn_up_on=dates,
    built_jointly=st.booleans(),
    areas=st.dictionaries(
        st.one_of(st.sampled_from(AutonomyArea.values), any_text),
        st.tuples(any_text, any_text),
        max_size=7,
    ),
)
def test_autonomy_project_recorded_or_refused_in_french(
    drawn_up_on, built_jointly, areas, shared_follow_up, ase_referent
):
    with rolled_back():
        try:
            project = services.autonomy_project_record(
                actor=ase_referent,
                follow_up=shared_follow_up["follow_up"],
                data={"drawn_up_on": drawn_up_on, "built_jointly": built_jointly},
                areas=areas,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
        else:
            assert project.areas.exists()
            assert all(row.objectives or row.actions for row in project.areas.all())


@given(
    birth_date=st.dates(min_value=datetime.date(1950, 1, 1), max_value=datetime.date(2090, 1, 1)),
    care_offset=st.integers(min_value=0, max_value=21 * 366),
)
def test_the_interview_is_due_by_17_or_soon_after_a_late_taking_into_care(birth_date, care_offset):
    taken_into_care_on = birth_date + datetime.timedelta(days=care_offset)
    due = rules.interview_due_by(birth_date, taken_into_care_on)
    seventeenth = rules.birthday(birth_date, 17)
    assert due >= seventeenth or taken_into_care_on < seventeenth
    assert due == seventeenth or due > taken_into_care_on


@pytest.mark.parametrize("status", [PublicDetail.ASE_PLACED, PublicDetail.ASE_AT_HOME])
def test_rule_a_minor_may_be_placed_or_followed_at_home(status):
    rules.check_ase_status(
        status=status,
        start_date=datetime.date(2025, 1, 1),
        birth_date=datetime.date(2010, 1, 1),
        current_start=None,
        today=datetime.date(2025, 6, 1),
    )

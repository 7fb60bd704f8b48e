"""Receptions and diagnostics take any input without breaking: a record or a French refusal."""

import datetime

from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jalon.reception import services
from jalon.reception.enums import Area
from jalon.reception.models import Diagnostic, FirstReception
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_date,
    any_text,
    assert_french_validation_error,
    recent_date,
    rolled_back,
)

dates = st.one_of(st.none(), recent_date, any_date)


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    data=st.fixed_dictionaries(
        {
            "received_on": dates,
            "mode": st.one_of(st.sampled_from(["walk_in", "appointment"]), any_text),
            "outcome": st.one_of(
                st.sampled_from(
                    ["one_off_answer", "external_orientation", "counsellor_orientation"]
                ),
                any_text,
            ),
        },
        optional={
            "topic": st.one_of(st.sampled_from(["health", "housing"]), any_text),
            "oriented_to_text": any_text,
            "notes": any_text,
        },
    )
)
@example(
    data={
        "received_on": datetime.date(2025, 1, 6),
        "mode": "walk_in",
        "outcome": "counsellor_orientation",
        "notes": "\x00",
    }
)
def test_recording_a_reception_with_any_input_succeeds_or_refuses_in_french(
    counsellor_a, young_person_a, data
):
    with rolled_back():
        try:
            reception = services.reception_create(
                actor=counsellor_a, young_person=young_person_a, data=data
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert not FirstReception.objects.filter(young_person=young_person_a).exists()
            return
        reception.refresh_from_db()
        assert reception.received_on >= young_person_a.birth_date


@settings(max_examples=settings().max_examples // 2, **DATABASE_EXAMPLES)
@given(
    started_on=dates,
    interview_mode=st.one_of(st.just("in_person"), any_text),
    areas=st.dictionaries(
        st.one_of(st.sampled_from(Area.values), any_text),
        st.fixed_dictionaries({"situation": any_text, "barriers": any_text}),
        max_size=3,
    ),
    conclusions=any_text,
    recommended_next_step=any_text,
    completed_on=dates,
)
@example(
    started_on=datetime.date(2025, 1, 6),
    interview_mode="in_person",
    areas={"health": {"situation": "\x00", "barriers": ""}},
    conclusions="",
    recommended_next_step="",
    completed_on=None,
)
@example(
    started_on=datetime.date(2025, 1, 6),
    interview_mode="in_person",
    areas={"health": {"situation": "Suivi", "barriers": ""}},
    conclusions="Bilan\x00",
    recommended_next_step="cej",
    completed_on=datetime.date(2025, 1, 7),
)
def test_recording_a_diagnostic_with_any_input_is_all_or_nothing(
    counsellor_a,
    young_person_a,
    started_on,
    interview_mode,
    areas,
    conclusions,
    recommended_next_step,
    completed_on,
):
    with rolled_back():
        try:
            services.diagnostic_record(
                actor=counsellor_a,
                young_person=young_person_a,
                started_on=started_on,
                interview_mode=interview_mode,
                areas=areas,
                conclusions=conclusions,
                recommended_next_step=recommended_next_step,
                completed_on=completed_on,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert not Diagnostic.objects.filter(young_person=young_person_a).exists()

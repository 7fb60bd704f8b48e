"""Whatever a page or a partner's system sends, the justice services either record it or
refuse it with a French message; a release date never precedes the entry."""

from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.justice import services
from jalon.justice.enums import Measure
from jalon.justice.models import PenalSituation
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_date,
    any_text,
    assert_french_validation_error,
    rolled_back,
)


@settings(**DATABASE_EXAMPLES)
@given(
    measure=st.one_of(st.sampled_from(Measure.values), any_text),
    entry_date=st.one_of(st.none(), any_date),
    release_date=st.one_of(st.none(), any_date),
    details=any_text,
)
def test_penal_situation_create_records_or_refuses_in_french(
    cjml_a, young_person_a, seysses, measure, entry_date, release_date, details
):
    with rolled_back():
        try:
            situation = services.penal_situation_create(
                actor=cjml_a,
                young_person=young_person_a,
                data={
                    "measure": measure,
                    "establishment": seysses,
                    "entry_date": entry_date,
                    "foreseeable_release_date": release_date,
                    "details": details,
                },
            )
        except ValidationError as error:
            assert_french_validation_error(error)
        else:
            assert young_person_a.birth_date <= situation.entry_date
            if situation.foreseeable_release_date:
                assert situation.foreseeable_release_date >= situation.entry_date


@settings(**DATABASE_EXAMPLES)
@given(new_date=st.one_of(st.none(), any_date), reason=any_text)
def test_release_date_update_keeps_the_history_or_refuses_in_french(
    cjml_a, situation_a, new_date, reason
):
    with rolled_back():
        situation = PenalSituation.objects.get(pk=situation_a.pk)
        before = situation.release_date_changes.count()
        try:
            services.release_date_update(
                actor=cjml_a,
                situation=situation,
                new_date=new_date,
                reason=reason,
                expected_version=situation.version,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert situation.release_date_changes.count() == before
        else:
            assert situation.release_date_changes.count() == before + 1
            assert new_date is None or new_date >= situation.entry_date

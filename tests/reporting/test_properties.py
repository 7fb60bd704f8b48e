"""Whatever period or scope is asked for, the answer is a period or a French message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.reporting import periods
from jalon.reporting.forms import ReportForm
from tests.strategies import DATABASE_EXAMPLES, any_date, any_text

kinds = st.sampled_from([*periods.PeriodKind.values, "semaine", ""])
maybe_date = st.one_of(st.none(), any_date)


@given(kinds, maybe_date, maybe_date, maybe_date)
def test_properties_any_period_is_built_or_refused_in_french(kind, day, start, end):
    try:
        period = periods.build(kind, day=day, start=start, end=end)
    except ValidationError as error:
        assert all(messages for messages in error.message_dict.values())
        return
    assert period.start <= period.end
    previous = period.previous()
    assert previous.end == period.start - datetime.timedelta(days=1)
    assert previous.kind == period.kind
    if kind == periods.PeriodKind.CUSTOM:
        assert (previous.end - previous.start) == (period.end - period.start)
    else:
        assert (period.start.day, previous.start.day) == (1, 1)


def test_rule_periods_are_calendar_months_quarters_and_years():
    day = datetime.date(2025, 11, 25)
    assert periods.build("mois", day=day).label == "novembre 2025"
    quarter = periods.build("trimestre", day=day)
    assert (quarter.start, quarter.end) == (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))
    assert quarter.previous().start == datetime.date(2025, 7, 1)
    year = periods.build("annee", day=day)
    assert year.previous().label == "année 2024"
    custom = periods.build("libre", start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 10))
    assert (custom.previous().start, custom.previous().end) == (
        datetime.date(2025, 2, 19),
        datetime.date(2025, 2, 28),
    )


@pytest.mark.django_db
@settings(**DATABASE_EXAMPLES)
@given(
    st.dictionaries(
        st.sampled_from(["perimetre", "periode", "date", "du", "au", "vue"]), any_text, max_size=6
    )
)
def test_properties_the_report_form_answers_any_input(director, data):
    form = ReportForm(data, user=director)
    if form.is_valid():
        assert form.cleaned_data["period"].start <= form.cleaned_data["period"].end
        assert form.cleaned_data["scope"].key.startswith("ml:")
    else:
        assert form.errors


@pytest.fixture
def director(personas):
    return personas["director_a"]

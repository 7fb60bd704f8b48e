"""The rules of the obligation de formation 16-18 (L114-1, R114-1 ff. of the Code de
l'éducation; seed 002: the report to the Département is the one obligation)."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from jalon.obligation import rules
from jalon.obligation.enums import Stage

CONVOKED = datetime.date(2026, 9, 15)
BORN = datetime.date(2009, 6, 1)  # 17 in autumn 2026


def _due(today, convoked_on=CONVOKED, **kwargs):
    return rules.is_report_due(
        convoked_on=convoked_on,
        has_solution=kwargs.get("has_solution", False),
        birth_date=kwargs.get("birth_date", BORN),
        today=today,
    )


def test_rule_report_is_due_two_months_after_the_convocation():
    assert rules.report_due_on(CONVOKED) == datetime.date(2026, 11, 15)
    assert not _due(datetime.date(2026, 11, 14))  # the day before
    assert _due(datetime.date(2026, 11, 15))  # the day of
    assert _due(datetime.date(2026, 11, 16))  # the day after


def test_rule_report_delay_is_a_setting_with_the_legal_default(settings):
    assert settings.JALON_OBLIGATION_REPORT_MONTHS == 2
    settings.JALON_OBLIGATION_REPORT_MONTHS = 3
    assert not _due(datetime.date(2026, 11, 15))
    assert not _due(datetime.date(2026, 12, 14))
    assert _due(datetime.date(2026, 12, 15))


def test_rule_report_from_a_convocation_at_a_month_end_falls_on_the_last_day():
    assert rules.report_due_on(datetime.date(2026, 12, 31)) == datetime.date(2027, 2, 28)
    assert rules.latest_convocation_due(datetime.date(2027, 2, 28)) == datetime.date(2026, 12, 31)
    assert rules.latest_convocation_due(datetime.date(2027, 2, 27)) == datetime.date(2026, 12, 27)


def test_rule_no_report_without_convocation_or_with_a_solution():
    assert not _due(datetime.date(2027, 1, 1), convoked_on=None)
    assert not _due(datetime.date(2027, 1, 1), has_solution=True)


def test_rule_a_young_person_who_turns_18_leaves_the_obligation_and_is_not_reported():
    born = datetime.date(2008, 11, 20)
    assert _due(datetime.date(2026, 11, 19), birth_date=born)  # the day before 18
    assert not _due(datetime.date(2026, 11, 20), birth_date=born)  # 18th birthday
    assert not _due(datetime.date(2026, 11, 21), birth_date=born)


def test_rule_only_16_and_17_year_olds_are_concerned():
    born = datetime.date(2010, 3, 10)
    assert not rules.is_subject_to_obligation(born, datetime.date(2026, 3, 9))
    assert rules.is_subject_to_obligation(born, datetime.date(2026, 3, 10))
    assert rules.is_subject_to_obligation(born, datetime.date(2028, 3, 9))
    assert not rules.is_subject_to_obligation(born, datetime.date(2028, 3, 10))


def test_rule_born_on_29_february_leaves_the_obligation_on_1_march():
    born = datetime.date(2008, 2, 29)
    assert rules.obligation_ends_on(born) == datetime.date(2026, 3, 1)
    assert rules.is_subject_to_obligation(born, datetime.date(2026, 2, 28))
    assert not rules.is_subject_to_obligation(born, datetime.date(2026, 3, 1))
    assert rules.obligation_ends_on(datetime.date(2009, 6, 1)) == datetime.date(2027, 6, 1)


def _stage(today, **facts):
    base = {
        "birth_date": BORN,
        "has_contact_attempt": False,
        "convoked_on": None,
        "has_solution": False,
        "reported": False,
    }
    return rules.case_stage(today=today, **{**base, **facts})


def test_rule_stages_follow_the_case():
    today = datetime.date(2026, 11, 20)
    assert _stage(today) == Stage.TO_CONTACT
    assert _stage(today, has_contact_attempt=True) == Stage.CONTACTING
    assert _stage(today, convoked_on=datetime.date(2026, 10, 1)) == Stage.CONVOKED
    assert _stage(today, convoked_on=CONVOKED) == Stage.REPORT_DUE
    assert _stage(today, convoked_on=CONVOKED, reported=True) == Stage.REPORTED
    assert _stage(today, convoked_on=CONVOKED, has_solution=True) == Stage.SOLVED
    assert _stage(datetime.date(2027, 6, 1), convoked_on=CONVOKED) == Stage.OUT_OF_AGE


@given(
    today=st.dates(datetime.date(1950, 1, 1), datetime.date(2100, 12, 31)),
    convoked_on=st.dates(datetime.date(1950, 1, 1), datetime.date(2100, 12, 31)),
    months=st.integers(min_value=1, max_value=12),
)
def test_rule_database_threshold_is_the_inverse_of_the_due_day(today, convoked_on, months):
    """The lists filter on `convoked_on <= latest_convocation_due(today)`: the same cases as
    `report_due_on(convoked_on) <= today`, month ends included."""
    assert (convoked_on <= rules.latest_convocation_due(today, months)) == (
        rules.report_due_on(convoked_on, months) <= today
    )


@given(
    birth_date=st.dates(datetime.date(1950, 1, 1), datetime.date(2080, 12, 31)),
    today=st.dates(datetime.date(1960, 1, 1), datetime.date(2100, 12, 31)),
)
def test_rule_database_age_filter_agrees_with_the_age(birth_date, today):
    adult = birth_date <= rules.born_on_or_before_for_age(today, 18)
    assert adult == (rules.age_on(birth_date, today) >= 18)
    assert (today >= rules.obligation_ends_on(birth_date)) == adult

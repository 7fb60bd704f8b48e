"""The retention and rights rules at their boundaries (no database)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jalon.privacy import rules
from jalon.privacy.rules import Deadline, RetentionPeriods

D = datetime.date
DECREE = RetentionPeriods()


def deadline(birth_date, *programmes):
    return rules.file_deadline(birth_date=birth_date, programmes=programmes, periods=DECREE)


def test_rule_25_revolus_lasts_until_the_eve_of_26_then_two_more_years():
    # Born 10/03/2000: 25 révolus until 09/03/2026, kept until 09/03/2028.
    assert deadline(D(2000, 3, 10)) == Deadline(D(2028, 3, 10), rules.RULE_AGE)
    assert not deadline(D(2000, 3, 10)).is_due(D(2028, 3, 9))
    assert deadline(D(2000, 3, 10)).is_due(D(2028, 3, 10))
    assert deadline(D(2000, 3, 10)).is_due(D(2028, 3, 11))


def test_rule_born_on_29_february_turns_a_year_older_on_1_march():
    assert deadline(D(2004, 2, 29)).day == D(2032, 2, 29)  # 2032 is a leap year
    assert deadline(D(2000, 2, 29)).day == D(2028, 2, 29)
    assert deadline(D(2001, 2, 28)).day == D(2029, 2, 28)
    assert rules.anniversary(D(2000, 2, 29), 27) == D(2027, 3, 1)


def test_rule_a_programme_ending_after_the_age_limit_keeps_the_file_until_its_end():
    result = deadline(D(2000, 3, 10), ("pacea", D(2028, 6, 30)))
    assert result == Deadline(D(2028, 7, 1), rules.RULE_PROGRAMME)


def test_rule_a_programme_ended_before_the_age_limit_changes_nothing():
    assert deadline(D(2000, 3, 10), ("pacea", D(2025, 6, 30))).rule == rules.RULE_AGE


def test_rule_a_programme_still_open_keeps_the_file_whatever_the_age():
    result = deadline(D(1990, 1, 1), ("pacea", D(2015, 1, 1)), ("orientation_sequence", None))
    assert result == Deadline(None, rules.RULE_PROGRAMME_OPEN)
    assert not result.is_due(D(2100, 1, 1))


def test_rule_a_file_still_followed_is_kept_like_a_programme_in_progress():
    result = rules.file_deadline(
        birth_date=D(1990, 1, 1), programmes=[], periods=DECREE, followed=True
    )
    assert result == Deadline(None, rules.RULE_PROGRAMME_OPEN)


def test_rule_cej_beneficiaries_are_kept_ten_years_after_the_end_of_the_contract():
    result = deadline(D(2000, 3, 10), ("cej", D(2025, 9, 30)))
    assert result == Deadline(D(2035, 9, 30), rules.RULE_CEJ)
    assert not result.is_due(D(2035, 9, 29))
    assert result.is_due(D(2035, 9, 30))


def test_rule_accounts_are_kept_one_year_after_the_end_of_habilitation():
    ended = D(2025, 3, 15)
    assert rules.account_deadline(habilitation_ended_on=ended, periods=DECREE) == D(2026, 3, 15)
    assert rules.account_deadline(habilitation_ended_on=None, periods=DECREE) is None


def test_rule_retention_durations_come_from_settings(settings):
    settings.JALON_RETENTION_YEARS_AFTER_AGE = 3
    settings.JALON_RETENTION_CEJ_YEARS = 5
    periods = RetentionPeriods.from_settings()
    assert rules.file_deadline(birth_date=D(2000, 3, 10), programmes=[], periods=periods).day == D(
        2029, 3, 10
    )
    assert periods.rule_labels()[rules.RULE_CEJ] == "fin du CEJ + 5 ans"


@pytest.mark.parametrize(
    ("birth", "reception", "kept"),
    [
        (D(2000, 5, 20), D(2018, 7, 1), D(2000, 5, 1)),  # other month: the 1st
        (D(2000, 5, 20), D(2018, 5, 25), D(2000, 5, 1)),  # after the birthday: the 1st
        (D(2000, 5, 20), D(2018, 5, 20), D(2000, 5, 1)),  # on the birthday: the 1st
        (D(2000, 5, 20), D(2018, 5, 10), D(2000, 5, 31)),  # before it: the last day
        (D(2000, 2, 20), D(2018, 2, 10), D(2000, 2, 29)),
    ],
)
def test_rule_anonymised_birth_date_keeps_the_month_and_the_age_at_first_reception(
    birth, reception, kept
):
    generalised = rules.generalised_birth_date(birth, reception)
    assert generalised == kept

    def age(born, day):
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    assert age(generalised, reception) == age(birth, reception)


def test_rule_answer_within_one_month_extendable_by_two():
    assert rules.answer_deadline(D(2026, 1, 15), extended=False) == D(2026, 2, 15)
    assert rules.answer_deadline(D(2026, 1, 31), extended=False) == D(2026, 2, 28)
    assert rules.answer_deadline(D(2026, 1, 15), extended=True) == D(2026, 4, 15)


def test_rule_extension_is_notified_within_the_first_month_with_its_reason():
    rules.check_extension(
        received_on=D(2026, 1, 15), today=D(2026, 2, 15), reason="x", already=False
    )
    with pytest.raises(ValidationError, match="dans le mois"):
        rules.check_extension(
            received_on=D(2026, 1, 15), today=D(2026, 2, 16), reason="x", already=False
        )
    with pytest.raises(ValidationError, match="motif"):
        rules.check_extension(
            received_on=D(2026, 1, 15), today=D(2026, 1, 20), reason=" ", already=False
        )
    with pytest.raises(ValidationError, match="déjà"):
        rules.check_extension(
            received_on=D(2026, 1, 15), today=D(2026, 1, 20), reason="x", already=True
        )


def test_rule_whole_file_erasure_only_without_legal_retention_obligation():
    assert rules.whole_file_erasure_obstacles([]) == []
    assert rules.whole_file_erasure_obstacles([("pacea", D(2025, 1, 1), False)]) == []
    assert len(rules.whole_file_erasure_obstacles([("pacea", None, False)])) == 1
    assert "CEJ" in rules.whole_file_erasure_obstacles([("cej", D(2025, 1, 1), False)])[0]
    assert "allocation" in rules.whole_file_erasure_obstacles([("pacea", D(2025, 1, 1), True)])[0]

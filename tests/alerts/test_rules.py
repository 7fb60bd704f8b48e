"""Each deadline rule at its boundaries: the day before, the day of, the day after."""

import datetime

import pytest

from jalon.alerts import rules
from jalon.alerts.enums import AlertLevel, AlertRule

D = datetime.date
DAY = datetime.timedelta(days=1)
T = {
    "youth_guarantee_months": 4,
    "youth_guarantee_warn_months": 3,
    "pathway_limit_warn_days": 30,
    "cej_end_warn_days": 30,
    "cej_breach_review_days": 7,
    "no_contact_days": 30,
    "age_limit_warn_days": 90,
    "liaison_form_wait_days": 7,
    "transfer_wait_days": 5,
    "release_plan_days": 60,
    "release_first_appointment_days": 7,
    "release_follow_days": 90,
    "obligation_contact_days": 15,
    "ase_interview_warn_days": 90,
    "ase_autonomy_warn_days": 90,
}


def level(finding):
    return finding.level if finding else None


def _guarantee(today, first_offer=None, neet=True):
    return rules.youth_guarantee(
        young_person_id=1,
        neet_on_arrival=neet,
        first_reception=D(2026, 1, 15),
        first_offer=first_offer,
        today=today,
        thresholds=T,
    )


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 4, 14), None),
        (D(2026, 4, 15), AlertLevel.SOON),  # 3 months: warned
        (D(2026, 4, 16), AlertLevel.SOON),
        (D(2026, 5, 14), AlertLevel.SOON),
        (D(2026, 5, 15), AlertLevel.NOW),  # 4 months: the guarantee is due
        (D(2026, 5, 16), AlertLevel.NOW),
    ],
)
def test_rule_youth_guarantee_offer_within_4_months_of_first_reception(today, expected):
    assert level(_guarantee(today)) == expected


def test_rule_youth_guarantee_is_met_by_an_offer_started_and_ignores_non_neet():
    assert _guarantee(D(2026, 6, 1), first_offer=D(2026, 5, 20)) is None
    assert level(_guarantee(D(2026, 6, 1), first_offer=D(2026, 6, 10))) == AlertLevel.NOW
    assert _guarantee(D(2026, 6, 1), neet=False) is None


@pytest.mark.parametrize(
    ("rule", "months", "due"),
    [
        (AlertRule.ORIENTATION_SEQUENCE_LIMIT, 4, D(2026, 5, 10)),
        (AlertRule.PACEA_LIMIT, 24, D(2028, 1, 10)),
    ],
)
def test_rule_orientation_sequence_and_pacea_reach_their_maximum(rule, months, due):
    def at(today):
        return level(
            rules.programme_limit(
                pathway_id=7,
                rule=rule,
                start=D(2026, 1, 10),
                max_months=months,
                today=today,
                thresholds=T,
            )
        )

    warn_from = due - 30 * DAY
    assert at(warn_from - DAY) is None
    assert at(warn_from) == AlertLevel.SOON
    assert at(due - DAY) == AlertLevel.SOON
    assert at(due) == AlertLevel.NOW
    assert at(due + DAY) == AlertLevel.NOW


def test_rule_cej_ending_within_30_days_renew_or_exit():
    end = D(2026, 12, 31)

    def at(today):
        return level(rules.cej_ending(pathway_id=3, planned_end=end, today=today, thresholds=T))

    assert at(D(2026, 11, 30)) is None
    assert at(D(2026, 12, 1)) == AlertLevel.SOON
    assert at(D(2026, 12, 30)) == AlertLevel.SOON
    assert at(end) == AlertLevel.NOW
    assert at(end + DAY) == AlertLevel.NOW


FIRST_MONDAY = D(2026, 11, 2)


def _weeks(*hours):
    return [(FIRST_MONDAY + 7 * i * DAY, h) for i, h in enumerate(hours)]


def test_rule_cej_two_consecutive_weeks_under_15_hours():
    weeks = _weeks(16, 12, 10)  # weeks of 2, 9 and 16 November 2026
    finding = rules.cej_low_activity(
        pathway_id=3, weekly_hours=weeks, minimum=15, today=D(2026, 11, 22)
    )
    assert finding is None  # the second low week (16 Nov) is not over yet
    finding = rules.cej_low_activity(
        pathway_id=3, weekly_hours=weeks, minimum=15, today=D(2026, 11, 23)
    )
    assert finding.params["weeks"] == ["2026-11-09", "2026-11-16"]
    assert finding.key == "3:2026-11-16"
    one_low = rules.cej_low_activity(
        pathway_id=3, weekly_hours=_weeks(12, 15, 10), minimum=15, today=D(2026, 11, 30)
    )
    assert one_low is None  # 15 h is the minimum, not under it


def test_rule_cej_absence_to_review_unless_a_later_sanction_covers_it():
    def at(today, sanctioned=None):
        return level(
            rules.cej_breach_to_review(
                appointment_id=9,
                absent_on=D(2026, 11, 10),
                last_sanctioned_breach=sanctioned,
                today=today,
                thresholds=T,
            )
        )

    assert at(D(2026, 11, 16)) == AlertLevel.SOON
    assert at(D(2026, 11, 17)) == AlertLevel.NOW
    assert at(D(2026, 11, 18)) == AlertLevel.NOW
    assert at(D(2026, 11, 18), sanctioned=D(2026, 11, 10)) is None
    assert at(D(2026, 11, 18), sanctioned=D(2026, 11, 9)) == AlertLevel.NOW


def test_rule_no_contact_for_more_than_30_days_in_a_contracted_pathway():
    def at(today):
        return rules.no_contact(young_person_id=4, since=D(2026, 10, 1), today=today, thresholds=T)

    assert at(D(2026, 10, 30)) is None
    assert at(D(2026, 10, 31)) is None  # 30 days exactly
    assert at(D(2026, 11, 1)).level == AlertLevel.NOW
    assert at(D(2026, 11, 1)).key == "4:2026-10-01"


def test_rule_turning_26_or_30_with_rqth_during_a_pathway():
    def at(today, age=26, end=None):
        return level(
            rules.age_limit(
                pathway_id=5,
                birth_date=D(2001, 3, 15),
                limit_age=age,
                planned_end=end or D(2027, 6, 30),
                today=today,
                thresholds=T,
            )
        )

    birthday = D(2027, 3, 15)
    assert at(birthday - 91 * DAY) is None
    assert at(birthday - 90 * DAY) == AlertLevel.SOON
    assert at(birthday - DAY) == AlertLevel.SOON
    assert at(birthday) == AlertLevel.NOW
    assert at(birthday + DAY) == AlertLevel.NOW
    assert at(birthday, end=D(2027, 3, 14)) is None  # the pathway ends before
    assert at(birthday, age=30) is None  # RQTH in a CEJ: until 30


def test_rule_a_liaison_form_waiting_more_than_7_days():
    def at(today):
        return level(
            rules.liaison_form_waiting(
                form_id=2, waiting_since=D(2026, 11, 1), today=today, thresholds=T
            )
        )

    assert at(D(2026, 11, 7)) is None
    assert at(D(2026, 11, 8)) is None  # 7 days
    assert at(D(2026, 11, 9)) == AlertLevel.NOW


def test_rule_a_transfer_waiting_for_acceptance():
    def at(today):
        return level(
            rules.transfer_waiting(
                transfer_id=2, requested_on=D(2026, 11, 1), today=today, thresholds=T
            )
        )

    assert at(D(2026, 11, 1)) == AlertLevel.SOON
    assert at(D(2026, 11, 5)) == AlertLevel.SOON
    assert at(D(2026, 11, 6)) == AlertLevel.NOW
    assert at(D(2026, 11, 7)) == AlertLevel.NOW


def test_rule_foreseeable_release_within_60_days_without_a_release_plan():
    release = D(2027, 1, 31)

    def at(today, has_plan=False):
        return level(
            rules.release_without_plan(
                situation_id=8,
                foreseeable_release=release,
                has_plan=has_plan,
                today=today,
                thresholds=T,
            )
        )

    warn_from = release - 60 * DAY
    assert at(warn_from - DAY) is None
    assert at(warn_from) == AlertLevel.SOON
    assert at(warn_from + DAY) == AlertLevel.SOON
    assert at(release - DAY) == AlertLevel.SOON
    assert at(release) == AlertLevel.NOW
    assert at(release, has_plan=True) is None


def test_rule_release_passed_without_a_first_appointment_held():
    released = D(2026, 11, 10)

    def at(today, first_held=None):
        return level(
            rules.release_without_first_appointment(
                situation_id=8,
                released_on=released,
                first_held=first_held,
                today=today,
                thresholds=T,
            )
        )

    assert at(released) is None
    assert at(released + DAY) == AlertLevel.SOON
    assert at(released + 6 * DAY) == AlertLevel.SOON
    assert at(released + 7 * DAY) == AlertLevel.NOW
    assert at(released + 8 * DAY) == AlertLevel.NOW
    assert at(released + 8 * DAY, first_held=released + 2 * DAY) is None
    assert at(released + 8 * DAY, first_held=released - DAY) == AlertLevel.NOW  # before: inside


def test_rule_obligation_de_formation_cases_left_without_contact():
    imported = [D(2026, 11, 1)]

    def at(today, waiting=imported):
        return rules.obligation_without_solution(
            mission_locale_id=3, waiting=waiting, today=today, thresholds=T
        )

    assert at(D(2026, 11, 15)) is None
    assert at(D(2026, 11, 16)) is None  # 15 days
    finding = at(D(2026, 11, 17))
    assert finding.level == AlertLevel.NOW and finding.params["count"] == 1
    assert at(D(2026, 11, 17), waiting=[]) is None
    # Recalled once a week while it lasts: a new occurrence each ISO week.
    assert at(D(2026, 11, 23)).key != finding.key


def test_rule_obligation_de_formation_report_due_two_months_after_convocation():
    due = D(2026, 11, 20)

    def at(today):
        return rules.obligation_report_due(mission_locale_id=3, due_dates=[due], today=today)

    assert at(due - DAY) is None
    assert at(due).level == AlertLevel.NOW
    assert at(due + DAY).params == {"count": 1, "due": "2026-11-20"}


def test_rule_ase_17th_birthday_within_3_months_and_no_interview_planned():
    birthday = D(2027, 3, 15)

    def at(today, planned=False, held=False):
        return level(
            rules.ase_interview_at_17(
                young_person_id=6,
                due_by=birthday,
                majority=D(2028, 3, 15),
                planned=planned,
                held=held,
                today=today,
                thresholds=T,
            )
        )

    assert at(birthday - 91 * DAY) is None
    assert at(birthday - 90 * DAY) == AlertLevel.SOON
    assert at(birthday - DAY) == AlertLevel.SOON
    assert at(birthday - DAY, planned=True) is None
    assert at(birthday) == AlertLevel.NOW
    assert at(birthday + DAY) == AlertLevel.NOW
    assert at(birthday + DAY, planned=True) == AlertLevel.NOW  # planned, but not held in time
    assert at(birthday + DAY, held=True) is None
    assert at(D(2028, 3, 15)) is None  # 18: too late for the interview at 17


def test_rule_ase_turning_18_without_autonomy_project():
    majority = D(2027, 6, 1)

    def at(today, has_project=False):
        return level(
            rules.ase_autonomy_project(
                young_person_id=6,
                majority=majority,
                has_project=has_project,
                today=today,
                thresholds=T,
            )
        )

    assert at(majority - 91 * DAY) is None
    assert at(majority - 90 * DAY) == AlertLevel.SOON
    assert at(majority - DAY) == AlertLevel.SOON
    assert at(majority) == AlertLevel.NOW
    assert at(majority + DAY) == AlertLevel.NOW
    assert at(majority + DAY, has_project=True) is None
    assert at(D(2028, 6, 1)) is None


def test_rule_cej_proposed_systematically_to_young_adults_formerly_placed():
    finding = rules.cej_for_formerly_placed(
        young_person_id=6, majority=D(2026, 12, 1), proposal_due=True, ase_follow_up=False
    )
    assert finding.level == AlertLevel.NOW and finding.due_date == D(2026, 12, 1)
    assert (
        rules.cej_for_formerly_placed(
            young_person_id=6, majority=D(2026, 12, 1), proposal_due=False, ase_follow_up=True
        )
        is None
    )


def _one_finding_per_rule():
    today = D(2026, 11, 25)
    return [
        rules.youth_guarantee(
            young_person_id=1,
            neet_on_arrival=True,
            first_reception=D(2026, 6, 1),
            first_offer=None,
            today=today,
            thresholds=T,
        ),
        rules.programme_limit(
            pathway_id=1,
            rule=AlertRule.ORIENTATION_SEQUENCE_LIMIT,
            start=D(2026, 8, 1),
            max_months=4,
            today=today,
            thresholds=T,
        ),
        rules.programme_limit(
            pathway_id=1,
            rule=AlertRule.PACEA_LIMIT,
            start=D(2024, 12, 1),
            max_months=24,
            today=today,
            thresholds=T,
        ),
        rules.cej_ending(pathway_id=1, planned_end=D(2026, 12, 1), today=today, thresholds=T),
        rules.cej_low_activity(pathway_id=1, weekly_hours=_weeks(3, 4.5), minimum=15, today=today),
        rules.cej_breach_to_review(
            appointment_id=1,
            absent_on=D(2026, 11, 20),
            last_sanctioned_breach=None,
            today=today,
            thresholds=T,
        ),
        rules.no_contact(young_person_id=1, since=D(2026, 9, 1), today=today, thresholds=T),
        rules.age_limit(
            pathway_id=1,
            birth_date=D(2001, 1, 10),
            limit_age=26,
            planned_end=D(2027, 6, 1),
            today=today,
            thresholds=T,
        ),
        rules.liaison_form_waiting(
            form_id=1, waiting_since=D(2026, 11, 1), today=today, thresholds=T
        ),
        rules.transfer_waiting(
            transfer_id=1, requested_on=D(2026, 11, 20), today=today, thresholds=T
        ),
        rules.release_without_plan(
            situation_id=1,
            foreseeable_release=D(2026, 12, 20),
            has_plan=False,
            today=today,
            thresholds=T,
        ),
        rules.release_without_first_appointment(
            situation_id=1, released_on=D(2026, 11, 10), first_held=None, today=today, thresholds=T
        ),
        rules.obligation_without_solution(
            mission_locale_id=1, waiting=[D(2026, 10, 1)], today=today, thresholds=T
        ),
        rules.obligation_report_due(mission_locale_id=1, due_dates=[D(2026, 11, 1)], today=today),
        rules.ase_interview_at_17(
            young_person_id=1,
            due_by=D(2026, 12, 10),
            majority=D(2027, 12, 10),
            planned=False,
            held=False,
            today=today,
            thresholds=T,
        ),
        rules.ase_autonomy_project(
            young_person_id=1, majority=D(2027, 1, 10), has_project=False, today=today, thresholds=T
        ),
        rules.cej_for_formerly_placed(
            young_person_id=1, majority=D(2026, 1, 10), proposal_due=True, ase_follow_up=True
        ),
    ]


def test_every_rule_explains_its_alert_in_french_with_its_dates():
    from types import SimpleNamespace

    from jalon.alerts import presentation

    findings = _one_finding_per_rule()
    assert all(findings)
    assert {finding.rule for finding in findings} == set(AlertRule)
    for finding in findings:
        alert = SimpleNamespace(rule=finding.rule, params=finding.params)
        sentence = presentation.explanation(alert)
        assert sentence.endswith(".") and "None" not in sentence, finding.rule
        assert presentation.RULES[finding.rule].why and presentation.RULES[finding.rule].action

"""The rules of the convention UNML / Départements de France (seed 002) and CASF L222-5-1."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jalon.childwelfare import rules
from jalon.childwelfare.enums import CejDecision, InterviewStage
from jalon.childwelfare.models import AgeSeventeenInterview, CejProposal
from jalon.youngpeople.enums import PriorityPublic, PublicDetail
from jalon.youngpeople.models import PriorityPublicPeriod

TODAY = datetime.date(2026, 11, 25)
BORN = datetime.date(2009, 6, 10)  # 17 on 10 June 2026, 18 on 10 June 2027


def _period(detail, public=PriorityPublic.ASE, start=datetime.date(2024, 1, 1), end=None):
    return PriorityPublicPeriod(public=public, detail=detail, start_date=start, end_date=end)


def test_rule_interview_at_17_at_the_latest_one_year_before_majority():
    assert rules.interview_due_by(BORN, datetime.date(2020, 3, 1)) == datetime.date(2026, 6, 10)
    # The day before the 17th birthday, still "before 17": due on the birthday.
    assert rules.interview_due_by(BORN, datetime.date(2026, 6, 9)) == datetime.date(2026, 6, 10)


def test_rule_interview_as_soon_as_possible_when_taken_into_care_after_17(settings):
    settings.JALON_ASE_LATE_CARE_INTERVIEW_DAYS = 30
    assert rules.interview_due_by(BORN, datetime.date(2026, 9, 1)) == datetime.date(2026, 10, 1)
    settings.JALON_ASE_LATE_CARE_INTERVIEW_DAYS = 15
    assert rules.interview_due_by(BORN, datetime.date(2026, 6, 10)) == datetime.date(2026, 6, 25)


def test_rule_interview_stage_is_late_once_the_due_date_passed_without_interview():
    due = datetime.date(2026, 6, 10)
    planned = AgeSeventeenInterview(planned_on=datetime.date(2026, 6, 1))
    held = AgeSeventeenInterview(planned_on=due, held_on=datetime.date(2026, 7, 1))
    assert rules.interview_stage([], due_by=due, today=due) == InterviewStage.TO_PLAN
    assert rules.interview_stage([planned], due_by=due, today=due) == InterviewStage.PLANNED
    assert rules.interview_stage([planned], due_by=due, today=TODAY) == InterviewStage.LATE
    assert rules.interview_stage([planned, held], due_by=due, today=TODAY) == InterviewStage.HELD


def test_birthday_of_someone_born_on_29_february_matches_how_ages_are_counted():
    born = datetime.date(2008, 2, 29)
    assert rules.birthday(born, 17) == datetime.date(2025, 3, 1)
    assert rules.birthday(born, 16) == datetime.date(2024, 2, 29)


def _interview(**overrides):
    values = {
        "planned_on": None,
        "held_on": datetime.date(2026, 5, 1),
        "held_jointly": False,
        "ml_participant": None,
        "mission_locale_id": 1,
        "birth_date": BORN,
        "today": TODAY,
    }
    values.update(overrides)
    rules.check_interview(**values)


def test_rule_joint_interview_names_the_mission_locale_counsellor():
    with pytest.raises(ValidationError) as error:
        _interview(held_jointly=True)
    assert "ml_participant" in error.value.message_dict


def test_rule_interview_has_a_planned_or_held_date_never_in_the_future_when_held():
    with pytest.raises(ValidationError) as error:
        _interview(held_on=None)
    assert "planned_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        _interview(held_on=TODAY + datetime.timedelta(days=1))
    assert "held_on" in error.value.message_dict
    _interview(held_on=None, planned_on=TODAY + datetime.timedelta(days=30))


def test_rule_interview_between_16_and_21():
    with pytest.raises(ValidationError) as error:
        _interview(held_on=datetime.date(2025, 6, 9))  # the day before 16
    assert "16 ans" in error.value.message_dict["held_on"][0]
    _interview(held_on=datetime.date(2025, 6, 10))


def _status(status, start, current_start=None):
    rules.check_ase_status(
        status=status, start_date=start, birth_date=BORN, current_start=current_start, today=TODAY
    )


def test_rule_young_adult_contract_from_18():
    born = datetime.date(2008, 1, 10)  # 18 on 10 January 2026
    with pytest.raises(ValidationError) as error:
        rules.check_ase_status(
            status=PublicDetail.ASE_YOUNG_ADULT,
            start_date=datetime.date(2026, 1, 9),
            birth_date=born,
            current_start=None,
            today=TODAY,
        )
    assert "18 ans" in error.value.message_dict["start_date"][0]
    rules.check_ase_status(
        status=PublicDetail.ASE_YOUNG_ADULT,
        start_date=datetime.date(2026, 1, 10),
        birth_date=born,
        current_start=None,
        today=TODAY,
    )


def test_rule_ase_ends_at_21():
    born = datetime.date(2005, 3, 1)  # 21 on 1 March 2026
    with pytest.raises(ValidationError) as error:
        rules.check_ase_status(
            status=PublicDetail.ASE_YOUNG_ADULT,
            start_date=datetime.date(2026, 3, 1),
            birth_date=born,
            current_start=None,
            today=TODAY,
        )
    assert "21 ans" in error.value.message_dict["start_date"][0]


def test_rule_a_new_status_starts_after_the_current_one():
    with pytest.raises(ValidationError) as error:
        _status(PublicDetail.ASE_AT_HOME, datetime.date(2025, 1, 1), datetime.date(2025, 1, 1))
    assert "01/01/2025" in error.value.message_dict["start_date"][0]
    _status(PublicDetail.ASE_AT_HOME, datetime.date(2025, 1, 2), datetime.date(2025, 1, 1))


def test_rule_only_ase_statuses():
    with pytest.raises(ValidationError) as error:
        _status(PublicDetail.JUSTICE_DETENTION, datetime.date(2025, 7, 1))
    assert "status" in error.value.message_dict


def test_rule_first_contact_with_the_mission_locale_from_16():
    values = {
        "birth_date": BORN,
        "departement": None,
        "taken_into_care_on": datetime.date(2020, 1, 1),
        "departement_referent": None,
        "referent_name": "",
        "requested_by_departement_on": None,
        "first_contact_on": datetime.date(2025, 6, 9),
        "registration_proposed_on": None,
        "registered_on": None,
        "bilan_diagnostic": None,
        "young_person_id": 1,
        "today": TODAY,
    }
    with pytest.raises(ValidationError) as error:
        rules.check_follow_up(**values)
    assert "16 ans" in error.value.message_dict["first_contact_on"][0]
    assert "departement" in error.value.message_dict


def test_rule_cej_proposed_systematically_to_young_adults_formerly_placed():
    adult = datetime.date(2008, 1, 10)  # 18 since 10 January 2026
    placed = [_period(PublicDetail.ASE_PLACED, end=datetime.date(2026, 1, 9))]
    due = {"birth_date": adult, "public_periods": placed, "has_cej": False, "today": TODAY}
    assert rules.cej_proposal_due(proposals=[], **due)
    # Proposed since majority (whatever the answer): done; a CEJ under way: nothing to propose.
    proposal = CejProposal(proposed_on=datetime.date(2026, 2, 1), decision=CejDecision.REFUSED)
    assert not rules.cej_proposal_due(proposals=[proposal], **due)
    assert not rules.cej_proposal_due(proposals=[], **{**due, "has_cej": True})
    # Proposed before majority only: due again at 18.
    early = CejProposal(proposed_on=datetime.date(2025, 12, 1))
    assert rules.cej_proposal_due(proposals=[early], **due)


def test_rule_cej_proposal_concerns_the_formerly_placed_ase_or_pjj():
    adult = datetime.date(2008, 1, 10)
    at_home = [_period(PublicDetail.ASE_AT_HOME)]
    pjj = [_period(PublicDetail.JUSTICE_PJJ_PLACEMENT, public=PriorityPublic.JUSTICE)]
    common = {"birth_date": adult, "proposals": [], "has_cej": False, "today": TODAY}
    assert not rules.cej_proposal_due(public_periods=at_home, **common)
    assert rules.cej_proposal_due(public_periods=pjj, **common)
    # Minors and those over 21 are outside the rule.
    assert not rules.cej_proposal_due(public_periods=pjj, **{**common, "birth_date": BORN})
    assert not rules.cej_proposal_due(
        public_periods=pjj, **{**common, "birth_date": datetime.date(2005, 1, 1)}
    )


def test_rule_cej_for_16_to_25_on_the_day_it_is_proposed():
    with pytest.raises(ValidationError) as error:
        rules.check_cej_proposal(
            proposed_on=datetime.date(2025, 6, 9), birth_date=BORN, public_periods=[], today=TODAY
        )
    assert "15 ans" in error.value.message_dict["proposed_on"][0]


def test_rule_cej_answer_after_the_proposal_and_only_once():
    proposal = CejProposal(proposed_on=datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError) as error:
        rules.check_cej_decision(
            proposal=proposal,
            decision=CejDecision.ACCEPTED,
            decided_on=datetime.date(2026, 4, 30),
            today=TODAY,
        )
    assert "decided_on" in error.value.message_dict
    proposal.decision = CejDecision.REFUSED
    with pytest.raises(ValidationError) as error:
        rules.check_cej_decision(
            proposal=proposal,
            decision=CejDecision.ACCEPTED,
            decided_on=datetime.date(2026, 5, 2),
            today=TODAY,
        )
    assert "refusée" in error.value.message_dict["decision"][0]


def test_rule_joint_autonomy_project_names_the_counsellor_and_fills_an_area():
    values = {
        "drawn_up_on": datetime.date(2026, 7, 1),
        "built_jointly": True,
        "ml_participant": None,
        "areas": {"housing": ("  ", "")},
        "mission_locale_id": 1,
        "birth_date": BORN,
        "today": TODAY,
    }
    with pytest.raises(ValidationError) as error:
        rules.check_autonomy_project(**values)
    assert set(error.value.message_dict) == {"ml_participant", "areas"}
    rules.check_autonomy_project(
        **{**values, "built_jointly": False, "areas": {"housing": ("FJT à Toulouse", "")}}
    )

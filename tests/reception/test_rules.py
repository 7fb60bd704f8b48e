"""Every rule of outreach, first reception and diagnostic (seed 003 §1.1.1, §1.1.2 a)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from jalon.reception import rules

TODAY = datetime.date(2025, 6, 15)


def messages(error: ValidationError) -> dict:
    return error.value.message_dict


def test_rule_a_date_cannot_be_in_the_future():
    with pytest.raises(ValidationError) as error:
        rules.check_not_in_future(TODAY + datetime.timedelta(days=1), "received_on", TODAY)
    assert messages(error) == {"received_on": ["Cette date ne peut pas être dans le futur."]}
    rules.check_not_in_future(TODAY, "received_on", TODAY)


def test_rule_a_reception_cannot_precede_the_birth():
    with pytest.raises(ValidationError) as error:
        rules.check_not_before_birth(datetime.date(2000, 1, 1), "received_on", TODAY)
    assert "naissance" in messages(error)["received_on"][0]
    rules.check_not_before_birth(TODAY, "received_on", TODAY)


def test_rule_a_one_off_answer_names_its_topic():
    with pytest.raises(ValidationError) as error:
        rules.check_reception_outcome(
            outcome="one_off_answer", topic="", oriented_to=None, oriented_to_text=""
        )
    assert "réponse ponctuelle" in messages(error)["topic"][0]
    rules.check_reception_outcome(
        outcome="one_off_answer", topic="housing", oriented_to=None, oriented_to_text=""
    )


def test_rule_an_external_orientation_names_the_other_actor():
    with pytest.raises(ValidationError) as error:
        rules.check_reception_outcome(
            outcome="external_orientation", topic="", oriented_to=None, oriented_to_text="  "
        )
    assert "vers quel acteur" in messages(error)["oriented_to"][0]
    rules.check_reception_outcome(
        outcome="external_orientation",
        topic="",
        oriented_to=None,
        oriented_to_text="Point accueil écoute jeunes",
    )


def test_rule_a_counsellor_orientation_needs_no_detail():
    rules.check_reception_outcome(
        outcome="counsellor_orientation", topic="", oriented_to=None, oriented_to_text=""
    )


def test_rule_an_outreach_contact_is_made_by_the_team_or_a_partner():
    with pytest.raises(ValidationError) as error:
        rules.check_outreach_author(made_by=None, partner=None)
    assert "qui a fait le contact" in messages(error)["made_by"][0]
    rules.check_outreach_author(made_by=object(), partner=None)
    rules.check_outreach_author(made_by=None, partner=object())


def test_rule_an_approximate_age_is_believable():
    with pytest.raises(ValidationError) as error:
        rules.check_approximate_age(8)
    assert "approximate_age" in messages(error)
    rules.check_approximate_age(None)
    rules.check_approximate_age(19)


def test_rule_a_concluded_diagnostic_is_not_rewritten():
    class Concluded:
        completed_on = TODAY

    with pytest.raises(ValidationError) as error:
        rules.check_not_completed(Concluded())
    assert "conclu" in error.value.messages[0]


def test_rule_an_interview_is_not_before_the_diagnostic_nor_in_the_future():
    with pytest.raises(ValidationError) as error:
        rules.check_interview_date(
            held_on=datetime.date(2025, 6, 1), started_on=datetime.date(2025, 6, 2), today=TODAY
        )
    assert "précéder le début" in messages(error)["held_on"][0]
    with pytest.raises(ValidationError):
        rules.check_interview_date(
            held_on=TODAY + datetime.timedelta(days=1), started_on=TODAY, today=TODAY
        )


def complete(**overrides):
    values = {
        "conclusions": "Projet dans la logistique, mobilité à travailler.",
        "recommended_next_step": "pacea",
        "completed_on": TODAY,
        "started_on": datetime.date(2025, 6, 1),
        "today": TODAY,
        "filled_areas": 2,
    }
    rules.check_diagnostic_completion(**{**values, **overrides})


def test_rule_concluding_needs_written_conclusions():
    with pytest.raises(ValidationError) as error:
        complete(conclusions="   ")
    assert messages(error) == {"conclusions": ["Rédigez les conclusions du diagnostic."]}


def test_rule_concluding_needs_a_next_step():
    with pytest.raises(ValidationError) as error:
        complete(recommended_next_step="")
    assert "recommended_next_step" in messages(error)


def test_rule_conclusions_are_not_before_the_start():
    with pytest.raises(ValidationError) as error:
        complete(completed_on=datetime.date(2025, 5, 31))
    assert "précéder le début du diagnostic (01/06/2025)" in messages(error)["completed_on"][0]


def test_rule_conclusions_are_not_in_the_future():
    with pytest.raises(ValidationError) as error:
        complete(completed_on=TODAY + datetime.timedelta(days=1))
    assert messages(error)["completed_on"] == ["Cette date ne peut pas être dans le futur."]


def test_rule_concluding_needs_at_least_one_area():
    with pytest.raises(ValidationError) as error:
        complete(filled_areas=0)
    assert "au moins un domaine" in messages(error)["areas"][0]


def test_rule_concluding_reports_every_problem_at_once():
    with pytest.raises(ValidationError) as error:
        complete(conclusions="", recommended_next_step="", completed_on=None, filled_areas=0)
    assert set(messages(error)) == {
        "conclusions",
        "recommended_next_step",
        "completed_on",
        "areas",
    }

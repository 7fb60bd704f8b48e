"""The demo shows the ASE follow-up at every stage the convention names."""

import pytest
from django.core.management import call_command

from jalon.accounts.models import User
from jalon.childwelfare import selectors
from jalon.childwelfare.enums import CejDecision, InterviewStage
from jalon.childwelfare.models import AseFollowUp, AutonomyProject, CejProposal


@pytest.fixture
def demo(db, settings):
    settings.DEMO_MODE = True
    call_command("demo-data")


def test_demo_young_people_in_ase_at_16_17_and_19_at_every_stage(demo):
    counsellor = User.objects.get(email="conseiller@demo.jalon.test")
    rows = selectors.worklist(counsellor)
    ages = {follow_up.young_person.age for follow_up, _ in rows}
    assert {16, 17, 19} <= ages
    assert {state.interview_stage for _, state in rows} == set(InterviewStage.values)
    assert any(state.cej_due for _, state in rows)
    assert AseFollowUp.objects.filter(registered_on__isnull=False).exists()
    assert AseFollowUp.objects.filter(bilan_diagnostic__isnull=False).exists()
    assert {p.built_jointly for p in AutonomyProject.objects.all()} == {True, False}
    assert set(CejProposal.objects.values_list("decision", flat=True)) == {
        CejDecision.ACCEPTED,
        CejDecision.PENDING,
    }


def test_the_demo_ase_referent_finds_their_young_people(demo, client_for):
    referent = User.objects.get(email="ase@demo.jalon.test")
    page = client_for(referent).get("/ase/").content.decode()
    assert "LAMBERT Chloé" in page and "MOREL" not in page

"""What the Mission Locale and the Département record, and what the file then says."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from jalon.audit.models import AuditEntry
from jalon.childwelfare import services
from jalon.childwelfare.enums import CejDecision
from jalon.childwelfare.models import AseFollowUp
from jalon.core.versioning import ConcurrentEditError
from jalon.youngpeople.enums import PriorityPublic, PublicDetail
from jalon.youngpeople.models import PriorityPublicPeriod
from tests.childwelfare.factories import days_ago, open_follow_up, young_person_aged
from tests.factories import PublicPeriodFactory


def _ase_periods(young_person):
    return list(
        PriorityPublicPeriod.objects.filter(
            young_person=young_person, public=PriorityPublic.ASE
        ).order_by("start_date")
    )


def test_opening_a_follow_up_sets_the_ase_priority_public(ml_a, counsellor_a, departement):
    young_person = young_person_aged(ml_a, 17, days=20)
    open_follow_up(
        counsellor_a,
        young_person,
        departement,
        status=PublicDetail.ASE_AT_HOME,
        status_start=days_ago(300),
    )
    [period] = _ase_periods(young_person)
    assert (period.detail, period.start_date, period.end_date) == (
        PublicDetail.ASE_AT_HOME,
        days_ago(300),
        None,
    )


def test_an_ase_public_already_on_the_file_becomes_the_status(ml_a, counsellor_a, departement):
    young_person = young_person_aged(ml_a, 17)
    PublicPeriodFactory(
        young_person=young_person,
        public=PriorityPublic.ASE,
        detail=PublicDetail.ASE_PLACED,
        start_date=days_ago(200),
    )
    open_follow_up(counsellor_a, young_person, departement, status="", status_start=None)
    assert len(_ase_periods(young_person)) == 1


def test_a_status_change_closes_the_previous_one_the_day_before(ml_a, counsellor_a, departement):
    young_person = young_person_aged(ml_a, 18, days=60)
    follow_up = open_follow_up(counsellor_a, young_person, departement, status_start=days_ago(500))
    services.ase_status_change(
        actor=counsellor_a,
        follow_up=follow_up,
        status=PublicDetail.ASE_YOUNG_ADULT,
        start_date=days_ago(60),
    )
    placed, contract = _ase_periods(young_person)
    assert placed.end_date == days_ago(61)
    assert (contract.detail, contract.end_date) == (PublicDetail.ASE_YOUNG_ADULT, None)
    services.ase_status_end(actor=counsellor_a, follow_up=follow_up, end_date=days_ago(1))
    assert _ase_periods(young_person)[-1].end_date == days_ago(1)
    with pytest.raises(ValidationError):
        services.ase_status_end(actor=counsellor_a, follow_up=follow_up, end_date=days_ago(0))


def test_a_file_has_one_follow_up(minor_in_care, counsellor_a, departement):
    with pytest.raises(ValidationError):
        open_follow_up(counsellor_a, minor_in_care.young_person, departement)


def test_reception_and_other_missions_locales_cannot_open_one(personas, ml_a, departement):
    young_person = young_person_aged(ml_a, 16)
    for persona in ("reception_a", "counsellor_b", "ase_referent"):
        with pytest.raises(PermissionDenied):
            open_follow_up(personas[persona], young_person, departement)
    assert not AseFollowUp.objects.exists()


def test_the_referent_records_the_interview_and_the_counsellor_completes_it(
    shared_follow_up, ase_referent, counsellor_a
):
    follow_up = shared_follow_up["follow_up"]
    interview = services.interview_record(
        actor=ase_referent,
        follow_up=follow_up,
        data={"planned_on": days_ago(-10), "departement_participant": "Mme Roux"},
    )
    services.interview_update(
        actor=counsellor_a,
        interview=interview,
        data={
            "planned_on": days_ago(2),
            "held_on": days_ago(2),
            "held_jointly": True,
            "ml_participant": counsellor_a,
        },
        expected_version=interview.version,
    )
    interview.refresh_from_db()
    assert (interview.held_on, interview.held_jointly, interview.ml_participant) == (
        days_ago(2),
        True,
        counsellor_a,
    )
    with pytest.raises(ConcurrentEditError):
        services.interview_update(
            actor=ase_referent,
            interview=interview,
            data={"held_jointly": False},
            expected_version=1,
        )


def test_the_referent_loses_write_access_when_the_consent_is_withdrawn(
    shared_follow_up, ase_referent, counsellor_a
):
    from jalon.referrals.services import consent_withdraw

    consent_withdraw(actor=counsellor_a, consent=shared_follow_up["consent"])
    with pytest.raises(PermissionDenied):
        services.interview_record(
            actor=ase_referent,
            follow_up=shared_follow_up["follow_up"],
            data={"planned_on": days_ago(-10)},
        )


def test_the_referent_changes_only_the_departements_facts(shared_follow_up, ase_referent):
    follow_up = shared_follow_up["follow_up"]
    services.ase_follow_up_update(
        actor=ase_referent,
        follow_up=follow_up,
        data={"requested_by_departement_on": days_ago(30), "referent_name": "Mme Roux"},
        expected_version=follow_up.version,
    )
    with pytest.raises(PermissionDenied):
        services.ase_follow_up_update(
            actor=ase_referent,
            follow_up=follow_up,
            data={"internal_comment": "lu par le Département"},
            expected_version=follow_up.version,
        )
    follow_up.refresh_from_db()
    assert follow_up.referent_name == "Mme Roux"
    assert follow_up.internal_comment == ""


def test_a_joint_autonomy_project_keeps_the_filled_areas(
    shared_follow_up, ase_referent, counsellor_a
):
    project = services.autonomy_project_record(
        actor=ase_referent,
        follow_up=shared_follow_up["follow_up"],
        data={"drawn_up_on": days_ago(1), "built_jointly": True, "ml_participant": counsellor_a},
        areas={
            "housing": ("Entrer en FJT à la majorité", "Dossier FJT avec l'éducatrice"),
            "resources": ("", ""),
            "employment_training": ("CAP cuisine", ""),
        },
    )
    assert sorted(project.areas.values_list("area", flat=True)) == [
        "employment_training",
        "housing",
    ]
    services.autonomy_project_update(
        actor=counsellor_a,
        project=project,
        data={},
        areas={"housing": ("Entrer en FJT à la majorité", ""), "care": ("Bilan de santé", "")},
        expected_version=project.version,
    )
    assert sorted(project.areas.values_list("area", flat=True)) == ["care", "housing"]


def test_free_text_never_reaches_the_journal(shared_follow_up, ase_referent, counsellor_a):
    follow_up = shared_follow_up["follow_up"]
    services.ase_follow_up_update(
        actor=counsellor_a,
        follow_up=follow_up,
        data={"internal_comment": "Fugue en septembre"},
        expected_version=follow_up.version,
    )
    services.autonomy_project_record(
        actor=ase_referent,
        follow_up=follow_up,
        data={"drawn_up_on": days_ago(1)},
        areas={"care": ("Suivi psychologique au CMP", "")},
    )
    journal = str(list(AuditEntry.objects.values_list("changes", flat=True)))
    assert "Fugue" not in journal and "CMP" not in journal


def test_a_cej_proposal_and_its_answer(ml_a, counsellor_a, departement, ase_referent):
    young_person = young_person_aged(ml_a, 18, days=30)
    follow_up = open_follow_up(counsellor_a, young_person, departement, status_start=days_ago(500))
    proposal = services.cej_propose(
        actor=counsellor_a, follow_up=follow_up, proposed_on=days_ago(5)
    )
    with pytest.raises(ValidationError):
        services.cej_propose(actor=counsellor_a, follow_up=follow_up, proposed_on=days_ago(1))
    with pytest.raises(PermissionDenied):
        services.cej_decide(
            actor=ase_referent,
            proposal=proposal,
            decision=CejDecision.ACCEPTED,
            decided_on=days_ago(1),
        )
    services.cej_decide(
        actor=counsellor_a, proposal=proposal, decision=CejDecision.ACCEPTED, decided_on=days_ago(1)
    )
    proposal.refresh_from_db()
    assert (proposal.decision, proposal.decided_on) == (CejDecision.ACCEPTED, days_ago(1))


def test_the_bilan_diagnostic_is_a_completed_diagnostic_of_the_file(
    minor_in_care, counsellor_a, young_person_b
):
    from tests.reception.factories import DiagnosticFactory

    other = DiagnosticFactory(
        young_person=young_person_b,
        counsellor=counsellor_a,
        started_on=days_ago(20),
        completed_on=days_ago(10),
    )
    with pytest.raises(ValidationError) as error:
        services.ase_follow_up_update(
            actor=counsellor_a,
            follow_up=minor_in_care,
            data={"bilan_diagnostic": other},
            expected_version=minor_in_care.version,
        )
    assert "bilan_diagnostic" in error.value.message_dict
    own = DiagnosticFactory(
        young_person=minor_in_care.young_person,
        counsellor=counsellor_a,
        started_on=days_ago(20),
        completed_on=days_ago(10),
    )
    services.ase_follow_up_update(
        actor=counsellor_a,
        follow_up=minor_in_care,
        data={"bilan_diagnostic": own},
        expected_version=minor_in_care.version,
    )
    assert AseFollowUp.objects.get().bilan_diagnostic == own


def test_nothing_is_recorded_in_the_future(minor_in_care, counsellor_a):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        services.ase_follow_up_update(
            actor=counsellor_a,
            follow_up=minor_in_care,
            data={"registered_on": tomorrow},
            expected_version=minor_in_care.version,
        )
    assert "registered_on" in error.value.message_dict

"""Every multi-step write is one transaction: a failure midway leaves nothing half-written.

Each case makes the audit journal fail at the write's last step (its n-th journal entry).
"""

import datetime

import pytest

from jalon.audit import services as audit
from jalon.pathways import services as pathway_services
from jalon.pathways.enums import ExitOutcome, PathwayKind
from jalon.pathways.models import CejSanction
from jalon.reception import services as reception_services
from jalon.reception.models import Diagnostic, DiagnosticArea, DiagnosticInterview
from jalon.scheduling import services as scheduling_services
from jalon.scheduling.models import Appointment
from jalon.youngpeople import services as file_services
from jalon.youngpeople.models import MergeRecord, PriorityPublicPeriod, YoungPerson
from tests.factories import YoungPersonFactory, years_ago
from tests.reception.factories import OutreachContactFactory, days_ago
from tests.scheduling.factories import AppointmentFactory, at


class Breakdown(Exception):
    pass


@pytest.fixture
def fail_at_entry(monkeypatch):
    def arm(n: int):
        real, calls = audit.record, []

        def record(**kwargs):
            calls.append(kwargs)
            if len(calls) == n:
                raise Breakdown
            return real(**kwargs)

        monkeypatch.setattr(audit, "record", record)

    return arm


def new_file_data():
    return {
        "last_name": "Bernard",
        "first_names": "Manon",
        "sex": "F",
        "birth_date": years_ago(19),
        "first_reception_date": years_ago(0, days=1),
        "has_rqth": True,
        "lives_in_qpv": True,
    }


def test_rule_a_file_is_created_whole_or_not_at_all(counsellor_a, fail_at_entry):
    fail_at_entry(1)
    with pytest.raises(Breakdown):
        file_services.young_person_create(
            actor=counsellor_a, data=new_file_data(), confirm_not_duplicate=True
        )
    assert not YoungPerson.objects.filter(last_name="Bernard").exists()
    assert not PriorityPublicPeriod.objects.exists()


def test_rule_a_merge_is_whole_or_not_at_all(director_a, young_person_a, ml_a, fail_at_entry):
    absorbed = YoungPersonFactory(mission_locale=ml_a, last_name="Dupond")
    fail_at_entry(2)
    with pytest.raises(Breakdown):
        file_services.young_people_merge(actor=director_a, kept=young_person_a, absorbed=absorbed)
    absorbed.refresh_from_db()
    assert absorbed.merged_into is None and not MergeRecord.objects.exists()
    assert YoungPerson.objects.get(pk=young_person_a.pk).version == 1


def test_rule_a_whole_diagnostic_is_recorded_whole_or_not_at_all(
    counsellor_a, young_person_a, fail_at_entry
):
    fail_at_entry(3)
    with pytest.raises(Breakdown):
        reception_services.diagnostic_record(
            actor=counsellor_a,
            young_person=young_person_a,
            started_on=days_ago(3),
            areas={"health": {"situation": "Suivi médical.", "barriers": ""}},
            conclusions="Entrée en CEJ.",
            recommended_next_step="cej",
            completed_on=days_ago(0),
        )
    assert not Diagnostic.objects.exists()
    assert not DiagnosticArea.objects.exists() and not DiagnosticInterview.objects.exists()


def test_rule_registering_an_outreach_contact_is_whole_or_not_at_all(
    counsellor_a, ml_a, fail_at_entry
):
    contact = OutreachContactFactory(mission_locale=ml_a, made_by=counsellor_a)
    fail_at_entry(2)
    with pytest.raises(Breakdown):
        reception_services.outreach_contact_register(
            actor=counsellor_a, contact=contact, data=new_file_data(), confirm_not_duplicate=True
        )
    contact.refresh_from_db()
    assert contact.young_person is None
    assert not YoungPerson.objects.filter(last_name="Bernard").exists()


def test_rule_a_third_breach_and_the_exit_it_causes_are_one_write(
    counsellor_a, young_person_a, fail_at_entry
):
    start = years_ago(0) - datetime.timedelta(days=90)
    pathway = pathway_services.pathway_open(
        actor=counsellor_a,
        young_person=young_person_a,
        kind=PathwayKind.CEJ,
        start_date=start,
        planned_end_date=start + datetime.timedelta(days=300),
        allowance_category="non_taxable",
    )
    for days in (60, 30):
        pathway_services.cej_breach_record(
            actor=counsellor_a,
            pathway=pathway,
            breach_date=years_ago(0) - datetime.timedelta(days=days),
            reason="Absent",
        )
    fail_at_entry(2)  # the sanction's entry, then the exit's
    with pytest.raises(Breakdown):
        pathway_services.cej_breach_record(
            actor=counsellor_a,
            pathway=pathway,
            breach_date=years_ago(0),
            reason="Injoignable",
            exit_outcome=ExitOutcome.JOB_SEEKER,
        )
    pathway.refresh_from_db()
    assert pathway.is_active and CejSanction.objects.count() == 2


def test_rule_a_postponement_is_whole_or_not_at_all(counsellor_a, young_person_a, fail_at_entry):
    appointment = AppointmentFactory(young_person=young_person_a)
    fail_at_entry(1)
    with pytest.raises(Breakdown):
        scheduling_services.appointment_set_status(
            actor=counsellor_a,
            appointment=appointment,
            status="postponed",
            new_starts_at=at(8, 9, 30),
        )
    appointment.refresh_from_db()
    assert appointment.status == "planned" and appointment.postponed_to is None
    assert Appointment.objects.count() == 1 and not appointment.status_changes.exists()

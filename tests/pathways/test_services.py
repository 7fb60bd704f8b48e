import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from jalon.audit.models import AuditEntry
from jalon.pathways import services
from jalon.pathways.enums import ExitOutcome, ExitReason, PathwayKind, ProposalStatus, SanctionKind
from jalon.pathways.models import Pathway
from tests.factories import PublicPeriodFactory, YoungPersonFactory, years_ago
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import DiagnosticFactory

D = datetime.date


def months_ago(months: int) -> datetime.date:
    from jalon.pathways.rules import add_months

    return add_months(years_ago(0), -months)


def open_cej(actor, young_person, **overrides):
    data = {
        "kind": PathwayKind.CEJ,
        "start_date": months_ago(1),
        "planned_end_date": months_ago(1) + datetime.timedelta(days=300),
        "allowance_category": "non_taxable",
    }
    return services.pathway_open(actor=actor, young_person=young_person, **{**data, **overrides})


def test_a_cej_is_opened_and_audited(counsellor_a, young_person_a):
    pathway = open_cej(counsellor_a, young_person_a)
    assert pathway.is_active and pathway.counsellor == counsellor_a
    assert AuditEntry.objects.filter(
        young_person=young_person_a, object_type="pathways.pathway"
    ).exists()


def test_a_cej_for_a_26_year_old_without_rqth_is_refused(counsellor_a, ml_a):
    young_person = YoungPersonFactory(
        mission_locale=ml_a, birth_date=years_ago(26, days=40), first_reception_date=years_ago(1)
    )
    with pytest.raises(ValidationError) as error:
        open_cej(counsellor_a, young_person)
    assert "le jeune a 26 ans" in error.value.message_dict["start_date"][0]
    PublicPeriodFactory(young_person=young_person, rqth=True, start_date=years_ago(2))
    assert open_cej(counsellor_a, young_person).pk


def test_a_cej_of_13_months_without_exception_is_refused(counsellor_a, young_person_a):
    start = months_ago(1)
    from jalon.pathways.rules import add_months

    with pytest.raises(ValidationError) as error:
        open_cej(
            counsellor_a, young_person_a, start_date=start, planned_end_date=add_months(start, 13)
        )
    assert "dérogation motivée" in error.value.message_dict["exception_reason"][0]
    pathway = open_cej(
        counsellor_a,
        young_person_a,
        start_date=start,
        planned_end_date=add_months(start, 13),
        exception_reason="Entrée en formation qualifiante au 13e mois",
    )
    assert pathway.exception_reason


def test_a_second_cej_3_months_after_the_first_is_refused(counsellor_a, young_person_a):
    PathwayFactory(
        young_person=young_person_a,
        start_date=months_ago(12),
        planned_end_date=months_ago(4),
        end_date=months_ago(4),
        exit_reason="completed",
        exit_outcome="training",
    )
    with pytest.raises(ValidationError) as error:
        open_cej(counsellor_a, young_person_a, start_date=months_ago(1))
    assert "6 mois après la fin du précédent" in error.value.message_dict["start_date"][0]


def test_a_pacea_of_25_months_is_refused(counsellor_a, young_person_a):
    from jalon.pathways.rules import add_months

    DiagnosticFactory(
        young_person=young_person_a, completed_on=months_ago(2), conclusions="Projet à construire"
    )
    with pytest.raises(ValidationError) as error:
        services.pathway_open(
            actor=counsellor_a,
            young_person=young_person_a,
            kind=PathwayKind.PACEA,
            start_date=months_ago(1),
            planned_end_date=add_months(months_ago(1), 25),
        )
    assert "24 mois consécutifs au plus" in error.value.message_dict["planned_end_date"][0]


def test_a_pacea_needs_a_concluded_diagnostic(counsellor_a, young_person_a):
    kwargs = {
        "kind": PathwayKind.PACEA,
        "start_date": months_ago(1),
        "planned_end_date": months_ago(1) + datetime.timedelta(days=200),
    }
    with pytest.raises(ValidationError) as error:
        services.pathway_open(actor=counsellor_a, young_person=young_person_a, **kwargs)
    assert "kind" in error.value.message_dict
    DiagnosticFactory(
        young_person=young_person_a, completed_on=months_ago(2), conclusions="Projet à construire"
    )
    assert (
        services.pathway_open(actor=counsellor_a, young_person=young_person_a, **kwargs).kind
        == "pacea"
    )


def test_two_active_contracted_pathways_are_refused(counsellor_a, young_person_a):
    open_cej(counsellor_a, young_person_a)
    with pytest.raises(ValidationError) as error:
        services.pathway_open(
            actor=counsellor_a,
            young_person=young_person_a,
            kind=PathwayKind.ORIENTATION_SEQUENCE,
            start_date=years_ago(0),
            planned_end_date=years_ago(0) + datetime.timedelta(days=60),
        )
    assert "un seul parcours à la fois" in error.value.message_dict["kind"][0]
    assert Pathway.objects.count() == 1


def test_an_exit_without_reason_is_refused(counsellor_a, young_person_a):
    pathway = open_cej(counsellor_a, young_person_a)
    with pytest.raises(ValidationError) as error:
        services.pathway_exit(
            actor=counsellor_a,
            pathway=pathway,
            expected_version=pathway.version,
            end_date=years_ago(0),
            exit_reason="",
            exit_outcome="employment",
        )
    assert error.value.message_dict == {"exit_reason": ["Indiquez le motif de sortie."]}
    pathway.refresh_from_db()
    assert pathway.is_active


def test_a_start_in_the_future_is_refused(counsellor_a, young_person_a):
    tomorrow = years_ago(0) + datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        open_cej(
            counsellor_a,
            young_person_a,
            start_date=tomorrow,
            planned_end_date=tomorrow + datetime.timedelta(days=300),
        )
    assert error.value.message_dict["start_date"] == ["Cette date ne peut pas être dans le futur."]


def test_exit_into_employment(counsellor_a, young_person_a):
    pathway = open_cej(counsellor_a, young_person_a)
    services.pathway_exit(
        actor=counsellor_a,
        pathway=pathway,
        expected_version=pathway.version,
        end_date=years_ago(0),
        exit_reason=ExitReason.COMPLETED,
        exit_outcome=ExitOutcome.SUSTAINABLE_EMPLOYMENT,
    )
    pathway.refresh_from_db()
    assert not pathway.is_active and pathway.exit_outcome == "sustainable_employment"


@pytest.mark.parametrize(
    ("month", "birth_date", "category", "expected"),
    [
        (D(2024, 3, 1), D(2000, 1, 1), "non_taxable", "528.00"),
        (D(2024, 4, 1), D(2000, 1, 1), "non_taxable", "552.29"),
        (D(2024, 4, 1), D(2000, 1, 1), "first_bracket", "331.17"),
        (D(2024, 4, 1), D(2007, 1, 1), "non_taxable", "220.92"),
        (D(2025, 3, 1), D(2000, 1, 1), "non_taxable", "552.29"),
        (D(2025, 3, 1), D(2000, 1, 1), "first_bracket", "331.17"),
        (D(2025, 3, 1), D(2008, 1, 1), "first_bracket", "220.92"),
        (D(2025, 4, 1), D(2000, 1, 1), "non_taxable", "561.68"),
        (D(2025, 4, 1), D(2000, 1, 1), "first_bracket", "337.00"),
        (D(2025, 4, 1), D(2008, 1, 1), "first_bracket", "224.68"),
    ],
)
def test_cej_allowance_matches_the_dated_table_at_the_april_boundaries(
    ml_a, counsellor_a, month, birth_date, category, expected
):
    young_person = YoungPersonFactory(
        mission_locale=ml_a, birth_date=birth_date, first_reception_date=D(2024, 1, 2)
    )
    pathway = PathwayFactory(
        young_person=young_person,
        counsellor=counsellor_a,
        start_date=D(2024, 1, 2),
        planned_end_date=D(2024, 12, 31),
        allowance_category=category,
    )
    assert services.cej_allowance_for_month(pathway, month) == Decimal(expected)


def test_the_sanction_ladder_ends_the_cej(counsellor_a, young_person_a):
    pathway = open_cej(counsellor_a, young_person_a, start_date=months_ago(3))
    first = services.cej_breach_record(
        actor=counsellor_a, pathway=pathway, breach_date=months_ago(2), reason="Absent à 3 ateliers"
    )
    second = services.cej_breach_record(
        actor=counsellor_a,
        pathway=pathway,
        breach_date=months_ago(1),
        reason="Absent à l'immersion",
    )
    with pytest.raises(ValidationError) as error:
        services.cej_breach_record(
            actor=counsellor_a, pathway=pathway, breach_date=years_ago(0), reason="Injoignable"
        )
    assert "exit_outcome" in error.value.message_dict
    third = services.cej_breach_record(
        actor=counsellor_a,
        pathway=pathway,
        breach_date=years_ago(0),
        reason="Injoignable",
        exit_outcome=ExitOutcome.JOB_SEEKER,
    )
    assert [first.kind, second.kind, third.kind] == [
        SanctionKind.REDUCTION,
        SanctionKind.SUSPENSION,
        SanctionKind.END,
    ]
    pathway.refresh_from_db()
    assert pathway.exit_reason == ExitReason.SANCTION and not pathway.is_active


def test_a_sanction_needs_a_reason(counsellor_a, young_person_a):
    pathway = open_cej(counsellor_a, young_person_a)
    with pytest.raises(ValidationError) as error:
        services.cej_breach_record(
            actor=counsellor_a, pathway=pathway, breach_date=years_ago(0), reason=" "
        )
    assert "reason" in error.value.message_dict


def test_cej_payment_is_computed_with_the_month_sanction(counsellor_a, young_person_a):
    pathway = open_cej(counsellor_a, young_person_a, start_date=months_ago(2))
    services.cej_breach_record(
        actor=counsellor_a, pathway=pathway, breach_date=months_ago(1), reason="Absences"
    )
    full = services.allowance_payment_record(
        actor=counsellor_a, pathway=pathway, month=months_ago(2)
    )
    reduced = services.allowance_payment_record(
        actor=counsellor_a, pathway=pathway, month=months_ago(1)
    )
    assert reduced.amount == (full.amount * Decimal("0.75")).quantize(Decimal("0.01"))
    with pytest.raises(ValidationError):
        services.allowance_payment_record(actor=counsellor_a, pathway=pathway, month=months_ago(1))


def test_pacea_phases_need_an_evaluation_to_close(counsellor_a, young_person_a):
    DiagnosticFactory(young_person=young_person_a, completed_on=months_ago(3), conclusions="x")
    pathway = services.pathway_open(
        actor=counsellor_a,
        young_person=young_person_a,
        kind=PathwayKind.PACEA,
        start_date=months_ago(2),
        planned_end_date=months_ago(2) + datetime.timedelta(days=400),
    )
    phase = services.pacea_phase_add(
        actor=counsellor_a,
        pathway=pathway,
        start_date=months_ago(2),
        objectives="Lever le frein mobilité",
    )
    with pytest.raises(ValidationError):
        services.pacea_phase_add(
            actor=counsellor_a, pathway=pathway, start_date=months_ago(1), objectives="Suite"
        )
    with pytest.raises(ValidationError):
        services.pacea_phase_close(
            actor=counsellor_a, phase=phase, end_date=months_ago(1), evaluation=""
        )
    services.pacea_phase_close(
        actor=counsellor_a, phase=phase, end_date=months_ago(1), evaluation="Permis obtenu"
    )
    assert services.pacea_phase_add(
        actor=counsellor_a, pathway=pathway, start_date=months_ago(1), objectives="Emploi"
    ).pk


def test_proposals_follow_their_workflow(counsellor_a, young_person_a):
    proposal = services.proposal_record(
        actor=counsellor_a,
        young_person=young_person_a,
        data={
            "kind": "training",
            "proposed_on": years_ago(0),
            "description": "Titre pro vente",
            "cej_hours": Decimal("6"),
        },
    )
    with pytest.raises(ValidationError):
        services.proposal_set_status(
            actor=counsellor_a, proposal=proposal, status=ProposalStatus.DONE
        )
    services.proposal_set_status(
        actor=counsellor_a, proposal=proposal, status=ProposalStatus.ACCEPTED
    )
    services.proposal_set_status(actor=counsellor_a, proposal=proposal, status=ProposalStatus.DONE)
    assert proposal.done_on == years_ago(0)


def test_current_situation_is_derived_from_the_dated_situations(counsellor_a, young_person_a):
    from jalon.pathways.selectors import current_situation

    old = services.situation_record(
        actor=counsellor_a,
        young_person=young_person_a,
        data={"kind": "job_seeker", "start_date": months_ago(6), "end_date": months_ago(2)},
    )
    job = services.situation_record(
        actor=counsellor_a,
        young_person=young_person_a,
        data={
            "kind": "employment",
            "contract_type": "cdi",
            "start_date": months_ago(1),
            "organisation_name": "Boulangerie",
        },
    )
    assert current_situation(young_person_a) == job
    assert old.status_label == "Terminée" and job.status_label == "En cours"


def test_other_mission_locale_cannot_open_a_pathway(counsellor_b, young_person_a):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        open_cej(counsellor_b, young_person_a)


def test_the_reference_history_gives_the_value_in_force_on_each_day(db):
    from jalon.pathways import reference
    from jalon.pathways.enums import ReferenceKey
    from jalon.pathways.models import ReferenceValue

    key = ReferenceKey.CEJ_WEEKLY_HOURS_MIN
    ReferenceValue.objects.create(key=key, valid_from=datetime.date(2030, 1, 1), value=17)
    on = reference.history(key)
    for day in (datetime.date(2022, 3, 1), datetime.date(2029, 12, 31), datetime.date(2030, 1, 1)):
        assert on(key, day) == reference.value_on(key, day)
    assert on(key, datetime.date(2030, 1, 1)) == 17
    assert on(key, datetime.date(1990, 1, 1)) is None

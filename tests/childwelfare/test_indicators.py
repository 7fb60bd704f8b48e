"""Each of the convention's six yearly indicators (seed 002 §5: per Département, year to
31 December) is one simple query on the facts the follow-up stores; issue #8 will show them."""

import datetime

from django.db.models import Q

from jalon.childwelfare import services
from jalon.childwelfare.models import AgeSeventeenInterview, AseFollowUp, AutonomyProject
from jalon.pathways.enums import PathwayKind
from jalon.pathways.models import Pathway
from tests.childwelfare.factories import days_ago, open_follow_up, young_person_aged
from tests.factories import OrganisationFactory
from tests.pathways.factories import PathwayFactory
from tests.reception.factories import DiagnosticFactory


def _indicators(departement, year):
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    follow_ups = AseFollowUp.objects.filter(departement=departement)
    return {
        "asked": follow_ups.filter(requested_by_departement_on__range=(start, end)).count(),
        "joint_interviews": AgeSeventeenInterview.objects.filter(
            follow_up__departement=departement, held_on__range=(start, end), held_jointly=True
        ).count(),
        "diagnostics": follow_ups.filter(
            bilan_diagnostic__completed_on__range=(start, end)
        ).count(),
        "registered": follow_ups.filter(registered_on__range=(start, end)).count(),
        "joint_projects": AutonomyProject.objects.filter(
            follow_up__departement=departement, drawn_up_on__range=(start, end), built_jointly=True
        )
        .values("follow_up")
        .distinct()
        .count(),
        "cej": Pathway.objects.filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start),
            kind=PathwayKind.CEJ,
            young_person__ase_follow_up__departement=departement,
            start_date__lte=end,
        )
        .values("young_person")
        .distinct()
        .count(),
    }


def test_the_six_indicators_count_the_facts_of_their_departement(ml_a, counsellor_a, departement):
    the_day = days_ago(1)
    other = OrganisationFactory(departement_council=True, code="CD55")
    counted = young_person_aged(ml_a, 18, days=30)
    elsewhere = young_person_aged(ml_a, 18, days=30)
    for young_person, council in ((counted, departement), (elsewhere, other)):
        diagnostic = DiagnosticFactory(
            young_person=young_person,
            counsellor=counsellor_a,
            started_on=the_day,
            completed_on=the_day,
        )
        follow_up = open_follow_up(
            counsellor_a,
            young_person,
            council,
            requested_by_departement_on=the_day,
            registered_on=the_day,
            bilan_diagnostic=diagnostic,
        )
        services.interview_record(
            actor=counsellor_a,
            follow_up=follow_up,
            data={"held_on": the_day, "held_jointly": True, "ml_participant": counsellor_a},
        )
        services.autonomy_project_record(
            actor=counsellor_a,
            follow_up=follow_up,
            data={"drawn_up_on": the_day, "built_jointly": True, "ml_participant": counsellor_a},
            areas={"housing": ("FJT", "")},
        )
        PathwayFactory(young_person=young_person, counsellor=counsellor_a, kind=PathwayKind.CEJ)
    figures = _indicators(departement, the_day.year)
    assert figures == dict.fromkeys(figures, 1)
    assert _indicators(departement, the_day.year - 5) == dict.fromkeys(figures, 0)

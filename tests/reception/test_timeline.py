from jalon.reception.timeline import items
from jalon.youngpeople.timeline import PROVIDERS
from tests.reception.factories import (
    DiagnosticFactory,
    FirstReceptionFactory,
    OutreachContactFactory,
    days_ago,
)


def test_the_provider_is_registered():
    assert "jalon.reception.timeline.items" in PROVIDERS


def test_contacts_receptions_and_diagnostics_in_the_timeline(
    young_person_a, ml_a, counsellor_a, django_assert_max_num_queries
):
    OutreachContactFactory(mission_locale=ml_a, made_by=counsellor_a, young_person=young_person_a)
    FirstReceptionFactory(young_person=young_person_a, outcome="counsellor_orientation")
    DiagnosticFactory(
        young_person=young_person_a,
        started_on=days_ago(20),
        completed_on=days_ago(5),
        conclusions="Vu.",
        recommended_next_step="pacea",
    )
    DiagnosticFactory(young_person=young_person_a, started_on=days_ago(2))
    with django_assert_max_num_queries(3):
        timeline = items(young_person_a)
    titles = sorted(item.title for item in timeline)
    assert titles == [
        "Contact de repérage (aller-vers)",
        "Diagnostic commencé",
        "Diagnostic commencé",
        "Diagnostic conclu",
        "Premier accueil",
    ]
    assert {item.kind for item in timeline} == {"reception"}
    concluded = next(item for item in timeline if item.title == "Diagnostic conclu")
    assert concluded.detail == "Suite recommandée : PACEA"
    assert concluded.url.startswith(f"/jeunes/{young_person_a.uid}/diagnostics/")

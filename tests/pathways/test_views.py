import datetime
import html
from decimal import Decimal

import pytest
from django.db import connection

from jalon.pathways.models import Pathway, Pmsmp, Proposal, Situation
from jalon.pathways.rules import add_months
from tests.factories import YoungPersonFactory, years_ago
from tests.pathways.factories import PathwayFactory

TODAY = years_ago(0)


def text(response) -> str:
    """The page as a reader sees it (apostrophes unescaped)."""
    return html.unescape(response.content.decode())


def cej_form(**overrides):
    start = add_months(TODAY, -1)
    data = {
        "kind": "cej",
        "start_date": start.isoformat(),
        "planned_end_date": add_months(start, 10).isoformat(),
        "allowance_category": "non_taxable",
    }
    return {**data, **overrides}


def post_open(client, young_person, data):
    return client.post(f"/jeunes/{young_person.uid}/parcours/nouveau/", data)


@pytest.fixture
def client(client_for, counsellor_a):
    return client_for(counsellor_a)


def test_opening_a_cej_from_the_page(client, young_person_a):
    response = post_open(client, young_person_a, cej_form())
    pathway = Pathway.objects.get()
    assert response.url == f"/parcours/{pathway.uid}/"


REFUSALS = {
    "cej_26_without_rqth": (
        lambda yp: {"birth_date": years_ago(26, days=90)},
        lambda yp: cej_form(),
        "s'adresse aux jeunes de 16 à 25 ans révolus (29 ans avec une RQTH)",
    ),
    "cej_13_months": (
        lambda yp: {},
        lambda yp: cej_form(planned_end_date=add_months(add_months(TODAY, -1), 13).isoformat()),
        "Au-delà de 12 mois, le CEJ demande une dérogation motivée",
    ),
    "second_cej_after_3_months": (
        lambda yp: {},
        lambda yp: cej_form(
            start_date=TODAY.isoformat(), planned_end_date=add_months(TODAY, 8).isoformat()
        ),
        "Un nouveau CEJ ne peut commencer que 6 mois après la fin du précédent",
    ),
    "pacea_25_months": (
        lambda yp: {},
        lambda yp: {
            "kind": "pacea",
            "start_date": TODAY.isoformat(),
            "planned_end_date": add_months(TODAY, 25).isoformat(),
        },
        "Le PACEA dure 24 mois consécutifs au plus",
    ),
    "two_active_pathways": (
        lambda yp: {},
        lambda yp: {
            "kind": "orientation_sequence",
            "start_date": TODAY.isoformat(),
            "planned_end_date": add_months(TODAY, 2).isoformat(),
        },
        "un seul parcours à la fois",
    ),
    "date_in_the_future": (
        lambda yp: {},
        lambda yp: cej_form(
            start_date=(TODAY + datetime.timedelta(days=3)).isoformat(),
            planned_end_date=add_months(TODAY, 8).isoformat(),
        ),
        "Cette date ne peut pas être dans le futur.",
    ),
}


def _prepare(case, young_person, counsellor):
    from tests.reception.factories import DiagnosticFactory

    if case == "second_cej_after_3_months":
        PathwayFactory(
            young_person=young_person, counsellor=counsellor, start_date=add_months(TODAY, -9),
            planned_end_date=add_months(TODAY, -3), end_date=add_months(TODAY, -3),
            exit_reason="completed", exit_outcome="training",
        )  # fmt: skip
    if case == "two_active_pathways":
        PathwayFactory(
            young_person=young_person, counsellor=counsellor, start_date=add_months(TODAY, -2)
        )
    if case == "pacea_25_months":
        DiagnosticFactory(
            young_person=young_person, completed_on=add_months(TODAY, -1), conclusions="x"
        )


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refused_in_the_page_with_a_french_message(case, client, counsellor_a, ml_a):
    file_fields, form, message = REFUSALS[case]
    young_person = YoungPersonFactory(
        mission_locale=ml_a,
        referent=counsellor_a,
        first_reception_date=years_ago(1),
        **file_fields(None),
    )
    _prepare(case, young_person, counsellor_a)
    before = Pathway.objects.count()
    response = post_open(client, young_person, form(young_person))
    assert response.status_code == 200
    assert message in text(response)
    assert Pathway.objects.count() == before


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_refused_in_the_api_with_the_same_message(case, client, counsellor_a, ml_a, api_token_for):
    file_fields, form, message = REFUSALS[case]
    young_person = YoungPersonFactory(
        mission_locale=ml_a,
        referent=counsellor_a,
        first_reception_date=years_ago(1),
        **file_fields(None),
    )
    _prepare(case, young_person, counsellor_a)
    body = {key: value for key, value in form(young_person).items() if value}
    response = client.post(
        f"/api/v1/young-people/{young_person.uid}/pathways",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.status_code == 400
    assert message in str(response.json()["errors"])


def test_an_exit_without_reason_is_refused_in_page_and_api(
    client, counsellor_a, young_person_a, api_token_for
):
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a)
    response = client.post(
        f"/parcours/{pathway.uid}/sortie/",
        {"exit-end_date": TODAY.isoformat(), "exit-exit_outcome": "employment", "exit-version": 1},
        follow=True,
    )
    assert "Indiquez le motif de sortie." in text(response)
    response = client.post(
        f"/api/v1/pathways/{pathway.uid}/exit",
        {"end_date": TODAY.isoformat(), "exit_outcome": "employment", "version": 1},
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"exit_reason": ["Indiquez le motif de sortie."]}
    pathway.refresh_from_db()
    assert pathway.is_active


def test_cej_weeks_show_hours_by_type_and_flag_weeks_under_15_hours(
    client, counsellor_a, young_person_a
):
    monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    start = monday - datetime.timedelta(days=14)
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a, start_date=start)
    Pmsmp.objects.create(
        young_person=young_person_a, employer_name="Garage", employer_siret="73282932000074",
        start_date=start, end_date=start + datetime.timedelta(days=4), weekly_hours=Decimal(20),
        goal="discover", recorded_by=counsellor_a,
    )  # fmt: skip
    Proposal.objects.create(
        young_person=young_person_a, kind="training", proposed_on=start,
        description="Atelier numérique", status="done", done_on=start + datetime.timedelta(days=8),
        cej_hours=Decimal(6), recorded_by=counsellor_a,
    )  # fmt: skip
    page = text(client.get(f"/parcours/{pathway.uid}/"))
    assert "Immersion (PMSMP) : 20,0 h" in page
    assert "Formation : 6,0 h" in page
    assert page.count("Moins de 15 h") >= 2  # the second week (6 h) and the current one


def test_the_file_shows_the_journey_in_order(client, counsellor_a, young_person_a):
    start = add_months(TODAY, -3)
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a, start_date=start)
    Situation.objects.create(
        young_person=young_person_a, kind="employment", contract_type="cdi",
        start_date=TODAY - datetime.timedelta(days=2), organisation_name="Boulangerie du Capitole",
        recorded_by=counsellor_a,
    )  # fmt: skip
    pathway.end_date, pathway.exit_reason, pathway.exit_outcome = (
        TODAY,
        "completed",
        "sustainable_employment",
    )
    pathway.save()
    page = text(client.get(f"/jeunes/{young_person_a.uid}/"))
    timeline = page[page.index('data-testid="timeline"') :]
    exit_at = timeline.index("Sortie du Contrat d'engagement jeune")
    job_at = timeline.index("Emploi — CDI")
    entry_at = timeline.index("Entrée en Contrat d'engagement jeune")
    assert exit_at < job_at < entry_at  # most recent first
    assert "Situation actuelle : <strong>Emploi — CDI (Boulangerie du Capitole)" in page


def test_the_timeline_filters_by_kind(client, counsellor_a, young_person_a):
    PathwayFactory(young_person=young_person_a, counsellor=counsellor_a)
    Situation.objects.create(
        young_person=young_person_a, kind="job_seeker", start_date=TODAY, recorded_by=counsellor_a
    )
    page = text(client.get(f"/jeunes/{young_person_a.uid}/chronologie/?type=situation"))
    assert "Demandeur d'emploi" in page and "Entrée en" not in page


def test_a_file_with_200_events_opens_with_a_bounded_number_of_queries(
    client, counsellor_a, young_person_a, django_assert_max_num_queries
):
    from tests.scheduling.factories import AppointmentFactory

    PathwayFactory(
        young_person=young_person_a, counsellor=counsellor_a, start_date=add_months(TODAY, -6)
    )
    for _ in range(80):
        AppointmentFactory(young_person=young_person_a, counsellor=counsellor_a)
    for n in range(40):
        Proposal.objects.create(
            young_person=young_person_a,
            kind="job_offer",
            proposed_on=TODAY - datetime.timedelta(days=n),
            description=f"Offre {n}",
            recorded_by=counsellor_a,
        )
    for n in range(40):
        Situation.objects.create(
            young_person=young_person_a,
            kind="job_seeker",
            start_date=TODAY - datetime.timedelta(days=400 - n),
            end_date=TODAY - datetime.timedelta(days=399 - n),
            recorded_by=counsellor_a,
        )
    for n in range(40):
        Pmsmp.objects.create(
            young_person=young_person_a, employer_name=f"Entreprise {n}",
            employer_siret="73282932000074", start_date=TODAY - datetime.timedelta(days=10 + n),
            end_date=TODAY - datetime.timedelta(days=5 + n), goal="discover",
            recorded_by=counsellor_a,
        )  # fmt: skip
    # A fixed number whatever the events (the journal's advisory lock on PostgreSQL adds one).
    with django_assert_max_num_queries(33 + (connection.vendor == "postgresql")):
        response = client.get(f"/jeunes/{young_person_a.uid}/")
    assert response.status_code == 200
    assert text(response).count("jalon-timeline__item ") >= 200


def test_the_pathway_page_forms_record_what_they_show(client, counsellor_a, young_person_a):
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a)
    page = text(client.get(f"/parcours/{pathway.uid}/"))
    assert 'name="breach-reason"' in page
    client.post(
        f"/parcours/{pathway.uid}/manquements/",
        {"breach-breach_date": TODAY.isoformat(), "breach-reason": "Absent à l'atelier CV"},
    )
    assert pathway.sanctions.get().kind == "reduction"

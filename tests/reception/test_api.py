from jalon.audit.models import AuditEntry
from jalon.reception.models import Diagnostic, FirstReception
from tests.factories import OrganisationFactory
from tests.reception.factories import DiagnosticAreaFactory, DiagnosticFactory, days_ago


def _client(client_for, api_token_for, user):
    client = client_for(None)
    headers = {"Authorization": f"Bearer {api_token_for(user)}"}
    return client, headers


def test_creating_and_listing_receptions(client_for, api_token_for, counsellor_a, young_person_a):
    OrganisationFactory(kind="e2c", code="E2C-31", name="E2C Toulouse")
    client, headers = _client(client_for, api_token_for, counsellor_a)
    url = f"/api/v1/young-people/{young_person_a.uid}/receptions"
    response = client.post(
        url,
        {
            "received_on": days_ago(1).isoformat(),
            "mode": "appointment",
            "outcome": "external_orientation",
            "oriented_to_code": "E2C-31",
            "notes": "interne",
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["oriented_to"] == {"code": "E2C-31", "name": "E2C Toulouse"}
    assert "notes" not in body
    assert FirstReception.objects.get().uid.hex == body["id"].replace("-", "")
    listed = client.get(url, headers=headers).json()
    assert [r["id"] for r in listed] == [body["id"]]
    assert AuditEntry.objects.filter(channel="api", action="create").count() == 1


def test_a_broken_rule_is_a_400_naming_the_field_in_french(
    client_for, api_token_for, counsellor_a, young_person_a
):
    client, headers = _client(client_for, api_token_for, counsellor_a)
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/receptions",
        {"received_on": days_ago(1).isoformat(), "mode": "walk_in", "outcome": "one_off_answer"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "réponse ponctuelle" in response.json()["errors"]["topic"][0]


def test_creating_a_completed_diagnostic(client_for, api_token_for, counsellor_a, young_person_a):
    client, headers = _client(client_for, api_token_for, counsellor_a)
    url = f"/api/v1/young-people/{young_person_a.uid}/diagnostics"
    response = client.post(
        url,
        {
            "started_on": days_ago(10).isoformat(),
            "areas": [
                {"area": "mobility", "barriers": "Pas de permis."},
                {"area": "employment", "situation": "Intérim."},
            ],
            "conclusions": "Entrée en PACEA.",
            "recommended_next_step": "pacea",
            "completed_on": days_ago(1).isoformat(),
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert [a["area"] for a in body["areas"]] == ["employment", "mobility"]
    assert body["completed_on"] == days_ago(1).isoformat()
    got = client.get(f"{url}/{body['id']}", headers=headers).json()
    assert got["recommended_next_step_label"] == "PACEA"


def test_concluding_without_areas_is_refused_and_nothing_is_kept(
    client_for, api_token_for, counsellor_a, young_person_a
):
    client, headers = _client(client_for, api_token_for, counsellor_a)
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/diagnostics",
        {
            "started_on": days_ago(10).isoformat(),
            "conclusions": "Vu.",
            "recommended_next_step": "cej",
            "completed_on": days_ago(11).isoformat(),
        },
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert "areas" in errors and "précéder le début" in errors["completed_on"][0]
    assert not Diagnostic.objects.exists()


def test_another_mission_locale_gets_404(client_for, api_token_for, counsellor_b, young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    DiagnosticAreaFactory(diagnostic=diagnostic)
    client, headers = _client(client_for, api_token_for, counsellor_b)
    base = f"/api/v1/young-people/{young_person_a.uid}/diagnostics"
    assert client.get(f"{base}/{diagnostic.uid}", headers=headers).status_code == 404
    response = client.post(
        base,
        {"started_on": days_ago(1).isoformat()},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404
    assert not young_person_a.diagnostics.exclude(pk=diagnostic.pk).exists()

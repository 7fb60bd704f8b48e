"""Regressions found by fuzzing the API: each bad input gets a French 400, never a 500."""

from jalon.api.errors import NUL_MESSAGE
from tests.api.test_api import new_file
from tests.factories import PublicPeriodFactory, years_ago


def _bearer(api_token_for, user):
    return {"Authorization": f"Bearer {api_token_for(user)}"}


def test_a_nul_character_in_a_body_is_refused_on_its_field(client, counsellor_a, api_token_for):
    response = client.post(
        "/api/v1/young-people/",
        new_file(last_name="Ber\x00nard"),
        content_type="application/json",
        headers=_bearer(api_token_for, counsellor_a),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"last_name": [NUL_MESSAGE]}


def test_a_nul_character_in_a_nested_body_field_is_refused(
    client, counsellor_a, young_person_a, api_token_for
):
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/diagnostics",
        {"started_on": "2025-01-06", "areas": [{"area": "health", "situation": "\x00"}]},
        content_type="application/json",
        headers=_bearer(api_token_for, counsellor_a),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"situation": [NUL_MESSAGE]}


def test_a_nul_character_in_a_search_is_refused(client, counsellor_a, api_token_for):
    for url in ("/api/v1/organisations/?q=mission%00", "/api/v1/young-people/?q=du%00pont"):
        response = client.get(url, headers=_bearer(api_token_for, counsellor_a))
        assert response.status_code == 400, url
        assert response.json() == {"message": "Données invalides.", "errors": {"q": [NUL_MESSAGE]}}


def test_a_nul_character_in_the_login_is_refused(client, db):
    response = client.post(
        "/api/v1/auth/token",
        {"email": "camille\x00@jalon.test", "password": "x"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {"email": [NUL_MESSAGE]}


def test_an_appointment_with_an_unusual_time_zone_offset_is_planned_at_that_instant(
    client, counsellor_a, young_person_a, api_token_for
):
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/appointments",
        {"starts_at": "2025-03-04T13:00:00+23:53"},
        content_type="application/json",
        headers=_bearer(api_token_for, counsellor_a),
    )
    assert response.status_code == 201
    assert response.json()["starts_at"].startswith("2025-03-03T13:07:00")


def test_an_appointment_in_a_far_year_is_refused_in_french(
    client, counsellor_a, young_person_a, api_token_for
):
    response = client.post(
        f"/api/v1/young-people/{young_person_a.uid}/appointments",
        {"starts_at": "5476-04-01T13:00:00"},
        content_type="application/json",
        headers=_bearer(api_token_for, counsellor_a),
    )
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "starts_at": ["Année invalide : indiquez une date entre 1900 et 2100."]
    }


def test_clearing_the_first_reception_date_of_a_file_with_a_rqth_is_a_french_400(
    client, counsellor_a, young_person_a, api_token_for
):
    PublicPeriodFactory(young_person=young_person_a, rqth=True, start_date=years_ago(1))
    response = client.patch(
        f"/api/v1/young-people/{young_person_a.uid}",
        {"first_reception_date": None, "version": young_person_a.version},
        content_type="application/json",
        headers=_bearer(api_token_for, counsellor_a),
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["first_reception_date"]

from jalon.scheduling.models import Appointment
from tests.scheduling.factories import AppointmentFactory, at


def auth(token):
    return {"Authorization": f"Bearer {token}"}


def test_create_and_list_appointments(client_for, api_token_for, counsellor_a, young_person_a):
    client, headers = client_for(None), auth(api_token_for(counsellor_a))
    url = f"/api/v1/young-people/{young_person_a.uid}/appointments"
    response = client.post(
        url,
        {"starts_at": "2030-01-07T10:00:00", "mode": "phone", "notes": "confidentiel"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "planned" and body["counsellor"]["email"] == counsellor_a.email
    assert Appointment.objects.get().notes == "confidentiel"
    listed = client.get(url, headers=headers).json()
    assert [item["id"] for item in listed] == [body["id"]]
    assert "notes" not in listed[0] and "confidentiel" not in str(listed)


def test_bad_input_names_the_field_in_french(
    client_for, api_token_for, counsellor_a, young_person_a
):
    client, headers = client_for(None), auth(api_token_for(counsellor_a))
    url = f"/api/v1/young-people/{young_person_a.uid}/appointments"
    response = client.post(
        url,
        {"starts_at": "2030-01-07T10:00:00", "duration_minutes": 1000},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 400
    assert "entre 5 et 480 minutes" in response.json()["errors"]["duration_minutes"][0]
    response = client.post(url, {}, content_type="application/json", headers=headers)
    assert response.status_code == 400
    assert response.json()["errors"]["starts_at"] == ["Ce champ est obligatoire."]
    response = client.post(
        url,
        {"starts_at": "2030-01-07T10:00:00", "counsellor_email": "personne@nulle.part"},
        content_type="application/json",
        headers=headers,
    )
    assert "counsellor_email" in response.json()["errors"]


def test_other_mission_locale_gets_404(client_for, api_token_for, counsellor_b, young_person_a):
    client, headers = client_for(None), auth(api_token_for(counsellor_b))
    appointment = AppointmentFactory(young_person=young_person_a)
    url = f"/api/v1/young-people/{young_person_a.uid}/appointments"
    assert client.get(url, headers=headers).status_code == 404
    response = client.post(
        f"/api/v1/appointments/{appointment.uid}/status",
        {"status": "cancelled"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404


def test_status_changes_through_the_api(client_for, api_token_for, counsellor_a, young_person_a):
    client, headers = client_for(None), auth(api_token_for(counsellor_a))
    appointment = AppointmentFactory(young_person=young_person_a, starts_at=at(1))
    url = f"/api/v1/appointments/{appointment.uid}/status"
    response = client.post(
        url, {"status": "present"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 400
    assert "pas encore commencé" in response.json()["errors"]["status"][0]
    response = client.post(
        url, {"status": "postponed"}, content_type="application/json", headers=headers
    )
    assert "new_starts_at" in response.json()["errors"]
    response = client.post(
        url,
        {"status": "postponed", "new_starts_at": "2030-01-09T15:00:00+01:00", "reason": "Malade"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200
    assert response.json()["status"] == "postponed" and response.json()["postponed_to"]


def test_operations_are_documented_in_french(client_for):
    schema = client_for(None).get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/appointments/{uid}/status"]["post"]
    assert operation["summary"] == "Changer le statut d'un rendez-vous"
    assert operation["tags"] == ["agenda"]

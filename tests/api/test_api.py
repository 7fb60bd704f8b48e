import pytest

from jalon.audit.models import AuditAction, AuditEntry
from jalon.youngpeople.models import YoungPerson
from tests.factories import TEST_PASSWORD, confirmed_totp_device, totp_code, years_ago


@pytest.fixture
def api(client, counsellor_a, api_token_for):
    token = api_token_for(counsellor_a)

    def call(method, path, body=None, token=token):
        kwargs = {"headers": {"Authorization": f"Bearer {token}"}}
        if body is not None:
            kwargs.update(data=body, content_type="application/json")
        return getattr(client, method)(f"/api/v1{path}", **kwargs)

    return call


def new_file(**overrides):
    return {
        "last_name": "Bernard",
        "first_names": "Manon",
        "sex": "F",
        "birth_date": years_ago(19).isoformat(),
        "first_reception_date": years_ago(0, days=1).isoformat(),
        "postal_code": "31400",
        "commune_code": "31555",
        **overrides,
    }


def test_token_is_issued_for_valid_credentials(client, counsellor_a):
    code = totp_code(confirmed_totp_device(counsellor_a))
    response = client.post(
        "/api/v1/auth/token",
        {"email": counsellor_a.email.upper(), "password": TEST_PASSWORD, "code": code},
        content_type="application/json",
    )
    assert response.status_code == 200
    token = response.json()["token"]
    listing = client.get("/api/v1/young-people/", headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 200


def test_wrong_password_is_a_french_401(client, counsellor_a):
    response = client.post(
        "/api/v1/auth/token",
        {"email": counsellor_a.email, "password": "wrong"},
        content_type="application/json",
    )
    assert response.status_code == 401
    assert response.json()["message"] == "Adresse électronique ou mot de passe incorrect."


def test_api_login_locks_out_after_repeated_failures(client, counsellor_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/api/v1/auth/token",
            {"email": counsellor_a.email, "password": "wrong"},
            content_type="application/json",
        )
    response = client.post(
        "/api/v1/auth/token",
        {"email": counsellor_a.email, "password": TEST_PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 429
    assert "bloqué" in response.json()["message"]


def test_invalid_token_is_401(api):
    response = api("get", "/young-people/", token="not-a-token")
    assert response.status_code == 401
    assert "Authentification requise" in response.json()["message"]


def test_search_with_a_typo(api, young_person_a):
    response = api("get", "/young-people/?q=dupond")
    assert [item["last_name"] for item in response.json()["items"]] == ["Dupont"]


def test_create_returns_the_file(api, ml_a):
    response = api("post", "/young-people/", new_file(phone="0612345678"))
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["phone"] == "06 12 34 56 78"
    assert body["mission_locale"]["code"] == ml_a.code
    assert body["commune"] == {"code": "31555", "name": "Toulouse"}


def test_bad_input_is_a_400_naming_the_field_in_french(api):
    response = api("post", "/young-people/", new_file(birth_date="12/03/2005", level_2019="x"))
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["birth_date"] == ["Date invalide : format attendu AAAA-MM-JJ."]
    assert errors["level_2019"] == ["Nombre entier attendu."]


def test_missing_fields_are_named(api):
    response = api("post", "/young-people/", {"last_name": "Bernard"})
    assert response.status_code == 400
    assert response.json()["errors"]["first_names"] == ["Ce champ est obligatoire."]


def test_invalid_json_is_a_400(client, counsellor_a, api_token_for):
    response = client.post(
        "/api/v1/young-people/",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.status_code == 400


def test_rules_give_the_same_french_messages_as_the_pages(api):
    response = api("post", "/young-people/", new_file(birth_date=years_ago(14).isoformat()))
    assert response.status_code == 400
    assert (
        "la Mission Locale accompagne les jeunes de 16"
        in response.json()["errors"]["birth_date"][0]
    )


def test_unknown_commune_is_an_error_on_its_field(api):
    response = api("post", "/young-people/", new_file(commune_code="99999"))
    assert response.json()["errors"] == {"commune_code": ["Commune inconnue (code INSEE attendu)."]}


def test_the_mission_locale_cannot_be_chosen_by_the_client(api, ml_b):
    response = api("post", "/young-people/", new_file(mission_locale=ml_b.pk))
    assert response.status_code == 400
    assert "mission_locale" in response.json()["errors"]


def test_duplicate_in_another_mission_locale_is_a_409_with_its_contact_only(api, young_person_b):
    body = new_file(
        last_name="Lefevre", first_names="Ines", birth_date=young_person_b.birth_date.isoformat()
    )
    response = api("post", "/young-people/", body)
    assert response.status_code == 409
    match = response.json()["matches"][0]
    assert match == {
        "mission_locale": {
            "code": "ML-B",
            "name": "Mission Locale du Nord Meusien",
            "phone": "03 29 00 00 55",
            "email": "contact@ml-b.test",
        }
    }
    confirmed = api("post", "/young-people/", {**body, "confirm_not_duplicate": True})
    assert confirmed.status_code == 201


def test_patch_changes_only_the_given_fields_and_is_audited(api, young_person_a):
    response = api(
        "patch", f"/young-people/{young_person_a.uid}", {"diploma": "CAP Cuisine", "version": 1}
    )
    assert response.status_code == 200
    young_person_a.refresh_from_db()
    assert young_person_a.diploma == "CAP Cuisine"
    assert young_person_a.first_names == "Lucas"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert entry.channel == "api" and entry.changes == {"diploma": ["", "CAP Cuisine"]}


def test_patch_with_a_broken_rule_changes_nothing(api, young_person_a):
    response = api("patch", f"/young-people/{young_person_a.uid}", {"phone": "123", "version": 1})
    assert response.status_code == 400
    assert YoungPerson.objects.get(pk=young_person_a.pk).phone == "06 12 34 56 78"


def test_reading_a_file_through_the_api_is_audited(api, young_person_a):
    api("get", f"/young-people/{young_person_a.uid}")
    entry = AuditEntry.objects.get(action=AuditAction.READ)
    assert entry.channel == "api" and entry.young_person == young_person_a


def test_another_mission_locale_file_is_404(api, young_person_b):
    response = api("get", f"/young-people/{young_person_b.uid}")
    assert response.status_code == 404
    assert response.json()["message"] == "Ressource introuvable."


def test_organisations_filter_by_type(api, personas):
    response = api("get", "/organisations/?type=spip")
    assert [org["code"] for org in response.json()["items"]] == ["SPIP31"]
    bad = api("get", "/organisations/?type=nope")
    assert bad.status_code == 400 and "type" in bad.json()["errors"]


def test_openapi_document_describes_the_operations(client, db):
    document = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/auth/token", "/api/v1/young-people/", "/api/v1/organisations/"} <= set(
        document["paths"]
    )
    assert "bearer" in str(document["components"]["securitySchemes"]).lower()


def test_malformed_json_is_explained_in_french(client, counsellor_a, api_token_for):
    response = client.post(
        "/api/v1/young-people/",
        data="{not json",
        content_type="application/json",
        headers={"Authorization": f"Bearer {api_token_for(counsellor_a)}"},
    )
    assert response.json() == {
        "message": "Le corps de la requête n'est pas un JSON valide.",
        "errors": {},
    }


def test_unknown_api_address_is_a_json_404(client, db):
    response = client.get("/api/v1/nothing-here/")
    assert response.status_code == 404
    assert response.json()["message"] == "Ressource introuvable."


def test_api_documentation_is_served_without_a_cdn(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle.js" in page
    assert "cdn.jsdelivr" not in page

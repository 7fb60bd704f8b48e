"""The API's second factor and request rates."""

import pytest

from tests.factories import TEST_PASSWORD, confirmed_totp_device, totp_code


def ask_token(client, user, **extra):
    return client.post(
        "/api/v1/auth/token",
        {"email": user.email, "password": TEST_PASSWORD, **extra},
        content_type="application/json",
    )


def test_rule_a_token_requires_the_totp_code_when_2fa_is_required(client, counsellor_a):
    confirmed_totp_device(counsellor_a)
    response = ask_token(client, counsellor_a)
    assert response.status_code == 401
    assert response.json() == {
        "message": "Double authentification requise.",
        "errors": {"code": ["Code de double authentification requis."]},
    }


def test_token_with_a_wrong_code_is_refused_in_french(client, counsellor_a):
    confirmed_totp_device(counsellor_a)
    response = ask_token(client, counsellor_a, code="000000")
    assert response.status_code == 401
    assert response.json()["errors"]["code"][0].startswith("Code incorrect ou expiré")


def test_token_with_the_right_code_is_issued(client, counsellor_a):
    response = ask_token(client, counsellor_a, code=totp_code(confirmed_totp_device(counsellor_a)))
    assert response.status_code == 200 and response.json()["token"]


def test_account_without_second_factor_must_enrol_on_the_site_first(client, counsellor_a):
    response = ask_token(client, counsellor_a, code="123456")
    assert response.status_code == 401
    assert "Activez d'abord la double authentification" in response.json()["errors"]["code"][0]


def test_repeated_wrong_codes_are_throttled_with_a_429(client, counsellor_a, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600  # a wait no slow machine outlasts
    device = confirmed_totp_device(counsellor_a)
    ask_token(client, counsellor_a, code="000000")
    response = ask_token(client, counsellor_a, code=totp_code(device))
    assert response.status_code == 429
    assert "patientez" in response.json()["errors"]["code"][0]


def test_in_demo_mode_a_token_needs_no_code_without_device(client, counsellor_a, settings):
    settings.JALON_REQUIRE_2FA = False
    assert ask_token(client, counsellor_a).status_code == 200


def test_token_endpoint_is_rate_limited_per_ip_address(client, counsellor_a, settings):
    settings.JALON_API_TOKEN_RATE = "3/m"
    for _ in range(3):
        assert ask_token(client, counsellor_a, password="wrong").status_code == 401
    response = ask_token(client, counsellor_a)
    assert response.status_code == 429
    assert response.json() == {"message": "Trop de requêtes : réessayez plus tard.", "errors": {}}
    assert int(response["Retry-After"]) > 0


@pytest.mark.parametrize("suffix", ["", "{uid}/appointments"])  # the API's and a router's
def test_authenticated_calls_are_rate_limited_per_account(
    client, counsellor_a, counsellor_b, young_person_a, api_token_for, settings, suffix
):
    settings.JALON_API_RATE = "2/m"
    path = "/api/v1/young-people/" + suffix.format(uid=young_person_a.uid)
    token = api_token_for(counsellor_a)
    for _ in range(2):
        client.get(path, headers={"Authorization": f"Bearer {token}"})
    response = client.get(path, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 429
    assert response.json()["message"] == "Trop de requêtes : réessayez plus tard."
    # Another account keeps its own budget.
    other = client.get(
        "/api/v1/young-people/", headers={"Authorization": f"Bearer {api_token_for(counsellor_b)}"}
    )
    assert other.status_code == 200

"""Two-factor sign-in: enrolment, verification by code or recovery code, throttling, demo mode."""

import re

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from jalon.accounts import second_factor
from jalon.accounts.middleware import PASSWORD_ONLY_URL_NAMES
from tests.factories import confirmed_totp_device, totp_code
from tests.test_access_matrix import PAGES, records  # noqa: F401 - records is a fixture

ENROL = "/connexion/double-authentification/"
VERIFY = "/connexion/verification/"


def test_rule_a_password_only_session_reaches_no_page_before_the_second_factor(
    client,
    personas,
    records,  # noqa: F811
):
    client.force_login(personas["director_a"])
    reached = []
    for name, (method, build, _) in PAGES.items():
        if name in PASSWORD_ONLY_URL_NAMES:
            continue
        response = getattr(client, method)(build(records))
        if response.status_code != 302 or not response.url.startswith(ENROL):
            reached.append(f"{name}: {response.status_code}")
    assert not reached


def test_a_password_only_session_with_a_device_is_asked_for_its_code_and_kept_on_course(
    client, counsellor_a, young_person_a
):
    device = confirmed_totp_device(counsellor_a)
    client.force_login(counsellor_a)
    response = client.get(f"/jeunes/{young_person_a.uid}/")
    assert response.url == f"{VERIFY}?next=%2Fjeunes%2F{young_person_a.uid}%2F"
    key_before_the_code = client.session.session_key
    response = client.post(response.url, {"code": totp_code(device)})
    assert response.url == f"/jeunes/{young_person_a.uid}/"
    assert client.session.session_key != key_before_the_code
    assert client.get(response.url).status_code == 200


def test_enrolment_shows_a_qr_code_as_inline_svg_and_the_secret_in_groups(client, counsellor_a):
    client.force_login(counsellor_a)
    page = client.get(ENROL).content.decode()
    device = TOTPDevice.objects.get(user=counsellor_a, confirmed=False)
    # Ready for a strict Content-Security-Policy: no inline script, no data: URL.
    assert "<svg" in page and "data:" not in page
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page)
    assert second_factor.secret_in_groups(device) in page
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{4}", second_factor.secret_in_groups(device))
    # Reloading the page keeps the same secret (the application may already hold it).
    client.get(ENROL)
    assert TOTPDevice.objects.filter(user=counsellor_a).count() == 1


def test_enrolment_confirmed_by_a_code_shows_ten_recovery_codes_once(client, counsellor_a):
    client.force_login(counsellor_a)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=counsellor_a)
    response = client.post(ENROL, {"code": totp_code(device)})
    assert response.url == "/connexion/codes-de-secours/"
    page = client.get(response.url).content.decode()
    assert "ne seront plus jamais affichés" in page
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(codes) == 10
    assert client.get("/connexion/codes-de-secours/").url == "/compte/"
    assert client.get("/").url == "/liste-de-travail/"
    device.refresh_from_db()
    assert device.confirmed


def test_enrolment_with_a_wrong_code_explains_in_french(client, counsellor_a):
    client.force_login(counsellor_a)
    client.get(ENROL)
    page = client.post(ENROL, {"code": "12345"}).content.decode()
    assert "Code incorrect ou expiré" in page
    assert not second_factor.has_device(counsellor_a)


def test_wrong_code_is_refused_with_a_french_message(client, counsellor_a):
    confirmed_totp_device(counsellor_a)
    client.force_login(counsellor_a)
    page = client.post(VERIFY, {"code": "000000"}).content.decode()
    assert "Code incorrect ou expiré" in page
    assert client.get("/jeunes/").url.startswith(VERIFY)


def test_rule_wrong_codes_are_throttled_even_the_right_one_waits(client, counsellor_a, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 3600  # a wait no slow machine outlasts
    device = confirmed_totp_device(counsellor_a)
    client.force_login(counsellor_a)
    client.post(VERIFY, {"code": "000000"})
    page = client.post(VERIFY, {"code": totp_code(device)}).content.decode()
    assert "Trop de codes erronés : par sécurité, patientez" in page
    assert client.get("/jeunes/").url.startswith(VERIFY)


def test_a_recovery_code_signs_in_once_only(client_for, client, counsellor_a):
    confirmed_totp_device(counsellor_a)
    code = second_factor.create_recovery_codes(user=counsellor_a)[0]
    client.force_login(counsellor_a)
    response = client.post(VERIFY, {"code": code.upper()}, follow=True)
    assert "il vous en reste 9" in response.content.decode()
    assert client.get("/").url == "/liste-de-travail/"

    other = client_for(None)
    other.force_login(counsellor_a)
    page = other.post(VERIFY, {"code": code}).content.decode()
    assert "Code incorrect ou expiré" in page


def test_after_a_director_resets_the_second_factor_the_holder_enrols_again(
    client_for, counsellor_a, director_a
):
    holder = client_for(counsellor_a)
    second_factor.remove_devices(counsellor_a)
    assert holder.get("/jeunes/").url.startswith(ENROL)


@pytest.fixture
def demo(settings):
    settings.JALON_REQUIRE_2FA = False


def test_in_demo_mode_the_second_factor_is_optional(demo, client, counsellor_a):
    client.force_login(counsellor_a)
    assert client.get("/").url == "/liste-de-travail/"
    page = client.get("/compte/").content.decode()
    assert "Non activée" in page and ENROL in page


def test_in_demo_mode_an_enrolled_user_is_asked_for_the_code(demo, client, counsellor_a):
    client.force_login(counsellor_a)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=counsellor_a)
    client.post(ENROL, {"code": totp_code(device)})
    client.post("/deconnexion/")
    client.force_login(counsellor_a)
    assert client.get("/").url == VERIFY


def test_my_account_changes_the_password_under_the_anssi_rule_and_keeps_the_session(
    client_for, counsellor_a
):
    from tests.factories import TEST_PASSWORD

    client = client_for(counsellor_a)
    url = "/compte/mot-de-passe/"
    weak = {
        "old_password": TEST_PASSWORD,
        "new_password1": "ecureuil2",
        "new_password2": "ecureuil2",
    }
    assert "Mot de passe trop faible" in client.post(url, weak).content.decode()
    strong = "Une phrase de passe bien longue"
    response = client.post(
        url,
        {"old_password": TEST_PASSWORD, "new_password1": strong, "new_password2": strong},
        follow=True,
    )
    assert "Votre mot de passe a été modifié." in response.content.decode()
    assert client.get("/jeunes/").status_code == 200
    counsellor_a.refresh_from_db()
    assert counsellor_a.check_password(strong)

"""Re-authentication before sensitive actions: the window, the page, the safe return."""

import time

import pytest
from django.urls import reverse

from jalon.accounts import reauth
from tests.factories import TEST_PASSWORD, YoungPersonFactory, confirmed_totp_device, totp_code


def expire_window(client, settings):
    session = client.session
    session[reauth.SESSION_KEY] = time.time() - settings.JALON_REAUTH_MINUTES * 60 - 1
    session.save()


@pytest.fixture
def director(client_for, director_a, settings):
    client = client_for(director_a)
    expire_window(client, settings)
    return client


def test_rule_a_merge_after_the_window_asks_to_confirm_identity(director, young_person_a):
    url = reverse("youngpeople:merge", args=[young_person_a.uid])
    response = director.get(url)
    assert response.url == reauth.reauth_url(url)
    assert "Confirmez votre identité" in director.get(response.url).content.decode()


def test_confirming_with_password_and_code_returns_to_the_merge(
    director, director_a, young_person_a
):
    url = reverse("youngpeople:merge", args=[young_person_a.uid])
    code = totp_code(confirmed_totp_device(director_a), steps_ahead=1)
    response = director.post(
        reauth.reauth_url(url), {"password": TEST_PASSWORD, "code": code, "next": url}
    )
    assert response.url == url
    assert director.get(url).status_code == 200


def test_a_wrong_password_or_missing_code_is_refused_in_french(director, director_a):
    page = director.post(reverse("accounts:reauth"), {"password": "faux", "code": "123456"})
    assert "Mot de passe incorrect." in page.content.decode()
    page = director.post(reverse("accounts:reauth"), {"password": TEST_PASSWORD})
    assert "Ce champ est obligatoire." in page.content.decode()
    assert not reauth.is_recent(director)


def test_a_merge_posted_after_the_window_is_not_done_and_returns_with_the_chosen_file(
    director, young_person_a, ml_a
):
    other = YoungPersonFactory(mission_locale=ml_a)
    url = reverse("youngpeople:merge", args=[young_person_a.uid])
    response = director.post(url, {"other": other.uid, "confirm": "on"})
    assert response.url == reauth.reauth_url(f"{url}?other={other.uid}")
    other.refresh_from_db()
    assert other.merged_into is None


def test_the_return_address_must_be_on_this_site(client_for, counsellor_a, settings):
    client = client_for(counsellor_a)
    expire_window(client, settings)
    code = totp_code(confirmed_totp_device(counsellor_a), steps_ahead=1)
    response = client.post(
        reverse("accounts:reauth"),
        {"password": TEST_PASSWORD, "code": code, "next": "https://evil.example/"},
    )
    assert response.url == "/"


def test_htmx_requests_are_sent_to_the_confirmation_page_as_a_whole(director, young_person_a):
    url = reverse("youngpeople:merge", args=[young_person_a.uid])
    response = director.get(url, headers={"HX-Request": "true"})
    assert response["HX-Redirect"] == reauth.reauth_url(url)


def test_within_the_window_nothing_is_asked(client_for, director_a, young_person_a):
    url = reverse("youngpeople:merge", args=[young_person_a.uid])
    assert client_for(director_a).get(url).status_code == 200


def test_regenerating_recovery_codes_requires_reauthentication_and_replaces_them(
    client_for, counsellor_a, settings
):
    from jalon.accounts import second_factor

    client = client_for(counsellor_a)
    old = second_factor.create_recovery_codes(user=counsellor_a)
    expire_window(client, settings)
    response = client.post(reverse("accounts:recovery_codes_regenerate"))
    assert response.url == reauth.reauth_url(reverse("accounts:account"))
    assert second_factor.remaining_recovery_codes(counsellor_a) == 10

    code = totp_code(confirmed_totp_device(counsellor_a), steps_ahead=1)
    client.post(reverse("accounts:reauth"), {"password": TEST_PASSWORD, "code": code})
    response = client.post(reverse("accounts:recovery_codes_regenerate"))
    page = client.get(response.url).content.decode()
    assert all(code not in page for code in old)
    assert page.count("<li><code>") == 10


@pytest.mark.parametrize("name", ["privacy:export_pdf", "privacy:export_json"])
def test_rule_an_access_export_after_the_window_asks_to_confirm_identity(
    director, young_person_a, name
):
    url = reverse(name, args=[young_person_a.uid])
    response = director.get(url)
    assert response.status_code == 302
    assert response.url == reauth.reauth_url(url)


def test_rule_an_erasure_after_the_window_is_not_done_and_returns_to_the_rights_page(
    director, young_person_a
):
    phone = young_person_a.phone
    response = director.post(
        reverse("privacy:erase", args=[young_person_a.uid]), {"what": "contact"}
    )
    rights_page = reverse("privacy:file_rights", args=[young_person_a.uid])
    assert response.url == reauth.reauth_url(rights_page)
    young_person_a.refresh_from_db()
    assert young_person_a.phone == phone

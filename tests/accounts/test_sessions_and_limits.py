"""Sessions that end, and the login form's per-IP rate limit."""

import time

from django.urls import reverse

from jalon.accounts.middleware import LOGIN_AT_SESSION_KEY
from tests.factories import TEST_PASSWORD


def test_rule_a_session_ends_after_the_maximum_duration_however_active(
    client_for, counsellor_a, settings
):
    client = client_for(counsellor_a)
    assert client.get("/jeunes/").status_code == 200
    session = client.session
    session[LOGIN_AT_SESSION_KEY] = time.time() - settings.JALON_SESSION_MAX_HOURS * 3600 - 1
    session.save()
    response = client.get("/jeunes/", follow=True)
    assert response.redirect_chain[0][0] == reverse("login")
    assert "durée maximale (10 heures)" in response.content.decode()
    assert client.get("/jeunes/").url.startswith("/connexion/?next=")


def test_the_maximum_duration_defaults_to_a_working_day(settings):
    assert settings.JALON_SESSION_MAX_HOURS == 10


def test_rule_failed_logins_are_limited_per_ip_address(client, personas, settings):
    settings.JALON_LOGIN_IP_LIMIT = 3
    # Different accounts each time: django-axes (per account) would not stop this.
    for persona in ("reception_a", "cjml_a", "director_b"):
        response = client.post(
            "/connexion/", {"username": personas[persona].email, "password": "wrong"}
        )
        assert response.status_code == 200
    response = client.post(
        "/connexion/", {"username": personas["counsellor_a"].email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 429
    assert "Trop de tentatives de connexion viennent de votre réseau" in response.content.decode()
    # Another address is not affected.
    other = client.post(
        "/connexion/",
        {"username": personas["counsellor_a"].email, "password": TEST_PASSWORD},
        REMOTE_ADDR="10.0.0.2",
    )
    assert other.status_code == 302


def test_a_whole_office_behind_one_address_can_sign_in(client_for, personas, settings):
    settings.JALON_LOGIN_IP_LIMIT = 3
    for persona in ("reception_a", "counsellor_a", "cjml_a", "director_a", "dpo_a"):
        response = client_for(None).post(
            "/connexion/", {"username": personas[persona].email, "password": TEST_PASSWORD}
        )
        assert response.status_code == 302, persona

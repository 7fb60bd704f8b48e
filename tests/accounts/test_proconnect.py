"""ProConnect (OpenID Connect) sign-in, the provider mocked: it matches accounts, opens none."""

from unittest import mock
from urllib.parse import parse_qs, urlparse

import pytest
from django.utils.html import escape

from jalon.accounts.models import User
from jalon.accounts.proconnect import NO_ACCOUNT, ProConnectBackend
from tests.factories import confirmed_totp_device

ISSUER = "https://proconnect.test/api/v2"


@pytest.fixture
def proconnect(settings):
    settings.PROCONNECT_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "jalon"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_USER_ENDPOINT = f"{ISSUER}/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/jwks"
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "jalon.accounts.proconnect.ProConnectBackend",
    ]


def sign_in_with_proconnect(client, email):
    """Start at Jalon, 'come back' from the provider with a code; tokens and userinfo mocked."""
    start = client.get("/connexion/proconnect/")
    assert start.url.startswith(f"{ISSUER}/authorize?")
    state = parse_qs(urlparse(start.url).query)["state"][0]
    with (
        mock.patch.object(
            ProConnectBackend, "get_token", return_value={"id_token": "id", "access_token": "at"}
        ),
        mock.patch.object(ProConnectBackend, "verify_token", return_value={"sub": "agent-1"}),
        mock.patch.object(
            ProConnectBackend,
            "get_userinfo",
            return_value={"sub": "agent-1", "email": email, "given_name": "Autre"},
        ),
    ):
        return client.get("/connexion/proconnect/retour/", {"code": "abc", "state": state})


def test_login_page_offers_proconnect_only_when_configured(client, db, proconnect, settings):
    assert "S'identifier avec" in client.get("/connexion/").content.decode()
    settings.PROCONNECT_ENABLED = False
    assert "S'identifier avec" not in client.get("/connexion/").content.decode()


def test_proconnect_signs_in_the_matching_account_then_asks_the_second_factor(
    client, counsellor_a, proconnect
):
    confirmed_totp_device(counsellor_a)
    response = sign_in_with_proconnect(client, counsellor_a.email.upper())
    assert response.url == "/"
    assert client.get("/").url == "/connexion/verification/"
    counsellor_a.refresh_from_db()
    assert counsellor_a.first_name != "Autre"  # Jalon's directory is the reference


def test_proconnect_never_opens_an_account(client, db, proconnect):
    response = sign_in_with_proconnect(client, "inconnue@agents.gouv.fr")
    assert response.url == "/connexion/"
    assert escape(NO_ACCOUNT) in client.get(response.url).content.decode()
    assert not User.objects.filter(email="inconnue@agents.gouv.fr").exists()
    assert client.get("/jeunes/").url.startswith("/connexion/?next=")


def test_proconnect_refuses_a_closed_account(client, counsellor_a, proconnect):
    counsellor_a.is_active = False
    counsellor_a.save()
    response = sign_in_with_proconnect(client, counsellor_a.email)
    assert escape(NO_ACCOUNT) in client.get(response.url).content.decode()


def test_unmatched_proconnect_attempts_do_not_lock_out_other_agents(
    client, counsellor_a, proconnect, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        sign_in_with_proconnect(client, "inconnue@agents.gouv.fr")
    response = sign_in_with_proconnect(client, counsellor_a.email)
    assert response.url == "/"

"""Signing in: where a counsellor lands, what a typo in the password shows, the lockout."""

import base64
import re

import pytest
from django.conf import settings
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.factories import TEST_PASSWORD, confirmed_totp_device, totp_code

pytestmark = pytest.mark.browser

WRONG_CREDENTIALS = "Adresse électronique ou mot de passe incorrect."


def submit_login(page, email, password):
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_counsellor_lands_on_the_worklist(page, counsellor_a, young_person_a):
    """The counsellor's morning starts with what is due: login (and code) leads straight to it."""
    device = confirmed_totp_device(counsellor_a)
    page.goto("/connexion/")
    submit_login(page, counsellor_a.email, TEST_PASSWORD)
    page.get_by_role("textbox", name="Code").fill(totp_code(device))
    page.get_by_role("button", name="Valider").click()

    expect(page).to_have_url(re.compile(r"/liste-de-travail/$"), timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma liste de travail")
    expect(page.get_by_test_id("current-user")).to_contain_text(counsellor_a.last_name)
    expect(page.get_by_test_id("portfolio")).to_contain_text("Dossiers suivis")


def test_wrong_password_shows_the_french_error(page, counsellor_a):
    """The message must not tell which of the e-mail or the password was wrong."""
    page.goto("/connexion/")
    submit_login(page, counsellor_a.email, "not-the-password")

    expect(page.get_by_role("alert")).to_contain_text(WRONG_CREDENTIALS, timeout=TIMEOUT_MS)
    expect(page).to_have_url(re.compile(r"/connexion/$"))
    expect(page.get_by_test_id("current-user")).to_have_count(0)


def test_account_is_locked_after_repeated_failures(page, counsellor_a):
    """Password guessing stops at the limit, and the lock holds even for the right password."""
    limit = settings.AXES_FAILURE_LIMIT
    page.goto("/connexion/")
    for _ in range(limit - 1):
        submit_login(page, counsellor_a.email, "not-the-password")
        expect(page.get_by_role("alert")).to_contain_text(WRONG_CREDENTIALS, timeout=TIMEOUT_MS)

    with page.expect_response(lambda r: r.request.method == "POST") as failure:
        submit_login(page, counsellor_a.email, "not-the-password")
    assert failure.value.status == 429
    lockout = page.get_by_test_id("lockout")
    expect(lockout).to_be_visible(timeout=TIMEOUT_MS)
    expect(lockout.get_by_role("heading")).to_have_text("Compte temporairement bloqué")

    page.goto("/connexion/")
    with page.expect_response(lambda r: r.request.method == "POST") as attempt:
        submit_login(page, counsellor_a.email, TEST_PASSWORD)
    assert attempt.value.status == 429
    expect(page.get_by_test_id("lockout")).to_be_visible(timeout=TIMEOUT_MS)
    expect(page.get_by_test_id("current-user")).to_have_count(0)

    # Not signed in behind the scenes either: the list still asks to log in.
    page.goto("/jeunes/")
    expect(page).to_have_url(re.compile(r"/connexion/\?next="))


def test_first_sign_in_enrols_the_authenticator_and_shows_the_recovery_codes(page, counsellor_a):
    """Outside demo mode an account without a second factor must pair an application first."""
    page.goto("/connexion/")
    submit_login(page, counsellor_a.email, TEST_PASSWORD)

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Activer la double authentification", timeout=TIMEOUT_MS
    )
    expect(page.get_by_test_id("otp-qr-code").locator("svg")).to_be_visible()
    secret = page.get_by_test_id("otp-secret").inner_text().replace(" ", "")
    # What the phone would compute from the secret typed by hand.
    code = str(totp(base64.b32decode(secret))).zfill(6)
    page.get_by_role("textbox", name="Code").fill(code)
    page.get_by_role("button", name="Activer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Vos codes de secours")
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    page.get_by_role("link", name="J'ai noté mes codes, continuer").click()
    expect(page).to_have_url(re.compile(r"/liste-de-travail/$"), timeout=TIMEOUT_MS)

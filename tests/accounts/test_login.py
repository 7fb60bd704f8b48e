import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import override_settings

from jalon.accounts.backends import DEMO_PASSWORD
from jalon.accounts.models import Role, User
from tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    UserFactory,
    confirmed_totp_device,
    totp_code,
)


def login(client, email, password):
    return client.post("/connexion/", {"username": email, "password": password})


def test_login_with_email_any_case_lands_on_the_worklist(client, counsellor_a):
    device = confirmed_totp_device(counsellor_a)
    response = login(client, counsellor_a.email.upper(), TEST_PASSWORD)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").url == "/connexion/verification/"
    response = client.post("/connexion/verification/", {"code": totp_code(device)})
    assert response.url == "/"
    assert client.get("/").url == "/liste-de-travail/"


def test_wrong_password_is_refused_in_french(client, counsellor_a):
    response = login(client, counsellor_a.email, "wrong")
    assert "Adresse électronique ou mot de passe incorrect." in response.content.decode()
    assert SESSION_KEY not in client.session


def test_lockout_after_repeated_failures_refuses_even_the_right_password(
    client, counsellor_a, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        login(client, counsellor_a.email, "wrong")
    response = login(client, counsellor_a.email, "wrong")
    assert response.status_code == 429
    assert "Compte temporairement bloqué" in response.content.decode()
    response = login(client, counsellor_a.email, TEST_PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session


def test_password_reset_by_email_lifts_a_lockout(client, counsellor_a, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, counsellor_a.email, "wrong")
    client.post("/mot-de-passe/oubli/", {"email": counsellor_a.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/mot-de-passe/nouveau/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link).url
    new_password = "une-phrase-de-passe-solide-2026"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    assert login(client, counsellor_a.email, new_password).status_code == 302


def test_password_reset_does_not_reveal_unknown_addresses(client, db):
    response = client.post("/mot-de-passe/oubli/", {"email": "inconnu@jalon.test"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_demo_password_is_refused_outside_demo_mode(client, db, settings):
    settings.DEMO_MODE = False
    user = UserFactory()
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert login(client, user.email, DEMO_PASSWORD).status_code == 200
    with pytest.raises(ValidationError):
        from django.contrib.auth.password_validation import validate_password

        validate_password(DEMO_PASSWORD, user)


def test_demo_password_works_in_demo_mode(client, db, settings):
    settings.DEMO_MODE = True
    user = UserFactory()
    user.set_password(DEMO_PASSWORD)
    user.save()
    assert login(client, user.email, DEMO_PASSWORD).status_code == 302


def test_logout_ends_the_session(client, counsellor_a):
    client.force_login(counsellor_a)
    client.post("/deconnexion/")
    assert client.get("/jeunes/").status_code == 302


def test_sessions_expire_after_inactivity_and_with_the_browser(client, counsellor_a, settings):
    assert settings.SESSION_COOKIE_AGE <= 3600
    assert settings.SESSION_SAVE_EVERY_REQUEST and settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    client.force_login(counsellor_a)
    with override_settings(SESSION_COOKIE_AGE=-1):
        client.get("/jeunes/")
    assert client.get("/jeunes/").status_code == 302


def test_passwords_are_hashed_with_argon2_in_production():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_inactive_account_cannot_log_in(client, counsellor_a):
    counsellor_a.is_active = False
    counsellor_a.save()
    assert login(client, counsellor_a.email, TEST_PASSWORD).status_code == 200


@pytest.mark.parametrize(
    ("role", "kind"),
    [(Role.COUNSELLOR, "spip"), (Role.CPIP, "mission_locale"), (Role.ARML_PILOT, "unml")],
)
def test_role_must_match_the_structure(db, role, kind):
    user = User(email="x@jalon.test", role=role, organisation=OrganisationFactory(kind=kind))
    with pytest.raises(ValidationError) as error:
        user.clean()
    assert "organisation" in error.value.message_dict


def test_admin_site_is_for_administrators_only(client_for, personas):
    assert client_for(personas["administrator"]).get("/admin/").status_code == 200
    assert client_for(personas["director_a"]).get("/admin/").status_code == 302


def test_lockout_counts_every_spelling_of_the_address_together(client, counsellor_a, settings):
    spellings = [counsellor_a.email, counsellor_a.email.upper(), counsellor_a.email.title()]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        login(client, spellings[attempt % 3], "wrong")
    response = login(client, f"  {counsellor_a.email.upper()} ", TEST_PASSWORD)
    assert response.status_code == 429
    assert SESSION_KEY not in client.session

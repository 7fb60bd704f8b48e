"""Acceptance of issue #5: a CPIP sends a liaison form, the CJML matches it and sets the
appointment; the CPIP follows the status and sees nothing of the file beyond the consent."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jalon.network.models import OrganisationKind
from jalon.referrals.models import LiaisonForm
from tests.browser.conftest import sign_in
from tests.factories import (
    TEST_PASSWORD,
    OrganisationFactory,
    confirmed_totp_device,
    totp_code,
)

pytestmark = pytest.mark.browser

INTERNAL_COMMENT = "Connu du service, vigilance sur les fréquentations"


def sign_in_again(page, user):
    """A second sign-in within the same 30 seconds: the code already used is refused (single
    use), so the user types the next one their application shows."""
    device = confirmed_totp_device(user)
    page.goto("/connexion/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.get_by_role("textbox", name="Code").fill(totp_code(device, steps_ahead=1))
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_test_id("current-user")).to_be_visible()


def submit(page, label):
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()


def check(page, field_id):
    """DSFR checkboxes: the input is visually hidden behind its label."""
    page.locator(f"label[for={field_id}]").click()


def test_a_cpip_sends_a_form_the_cjml_matches_it_and_sets_an_appointment(
    page, personas, young_person_a
):
    cpip, cjml = personas["cpip"], personas["cjml_a"]
    prison = OrganisationFactory(
        kind=OrganisationKind.PRISON,
        subtype="maison_arret",
        code="MA-SEYSSES",
        name="Maison d'arrêt de Seysses",
    )

    # The CPIP sends the form, for a young person in detention, with consent.
    sign_in(page, cpip)
    page.get_by_role("link", name="Fiches de liaison").first.click()
    page.get_by_role("link", name="Nouvelle fiche de liaison").click()
    page.locator("#id_last_name").fill(young_person_a.last_name)
    page.locator("#id_first_names").fill(young_person_a.first_names)
    page.locator("#id_birth_date").fill(young_person_a.birth_date.isoformat())
    page.locator("#id_situation").select_option("detention")
    page.locator("#id_establishment").select_option(label=prison.name)
    release = timezone.localdate() + datetime.timedelta(days=30)
    page.locator("#id_expected_release_date").fill(release.isoformat())
    page.locator("#id_recipient_organisation").select_option(
        label=young_person_a.mission_locale.name
    )
    page.locator("#id_reason").fill("Préparer la sortie : projet de formation en cuisine")
    check(page, "id_needs_1")
    check(page, "id_consent_given")
    page.locator("#id_consent_method").select_option("signed_form")
    submit(page, "Envoyer la fiche")
    expect(page.get_by_test_id("status")).to_have_text("Envoyée")
    form = LiaisonForm.objects.get()
    assert form.establishment == prison

    # The CJML of the Mission Locale receives it, matches it with the file, sets a meeting.
    page.context.clear_cookies()
    sign_in(page, cjml)
    page.goto("/fiches-de-liaison/")
    inbox = page.get_by_test_id("inbox")
    inbox.get_by_role("link", name=f"{young_person_a.first_names}").click()
    expect(page.get_by_test_id("orientation")).to_contain_text("projet de formation en cuisine")
    page.get_by_role("link", name="Rapprocher d'un dossier").click()
    submit(page, "Rapprocher de ce dossier")
    expect(page.get_by_test_id("status")).to_have_text("Reçue")
    page.locator("#id_internal_comment").fill(INTERNAL_COMMENT)
    submit(page, "Enregistrer le commentaire")
    page.get_by_role("link", name="Fixer un rendez-vous").click()
    meeting = timezone.localtime() + datetime.timedelta(days=3)
    page.locator("#id_starts_at").fill(meeting.strftime("%Y-%m-%dT10:00"))
    submit(page, "Fixer le rendez-vous")
    expect(page.get_by_test_id("status")).to_have_text("Rendez-vous fixé")
    expect(page.get_by_test_id("appointment")).to_be_visible()
    # The form is in the file's timeline before the first interview.
    page.goto(f"/jeunes/{young_person_a.uid}/")
    expect(page.locator("body")).to_contain_text("Fiche de liaison")

    # The CPIP sees the status change, and nothing of the file beyond the consent.
    page.context.clear_cookies()
    sign_in_again(page, cpip)
    page.goto(f"/fiches-de-liaison/{form.uid}/")
    expect(page.get_by_test_id("status")).to_have_text("Rendez-vous fixé")
    expect(page.get_by_test_id("history")).to_contain_text("Rendez-vous fixé")
    expect(page.get_by_test_id("appointment")).to_have_count(0)  # no "appointments" consent
    expect(page.locator("body")).not_to_contain_text(INTERNAL_COMMENT)
    expect(page.get_by_role("link", name="Ouvrir le dossier")).to_have_count(0)
    response = page.goto(f"/jeunes/{young_person_a.uid}/")
    assert response.status == 404

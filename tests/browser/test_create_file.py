"""Opening a new file: the network-wide duplicate warning and the age rule."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jalon.youngpeople.models import YoungPerson
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import years_ago

pytestmark = pytest.mark.browser

CONFIRM_LABEL = "J'ai vérifié : il s'agit d'une autre personne, créer le dossier"


def fill_identity(page, *, last_name, first_names, birth_date, sex="F"):
    """Fill the mandatory fields of the new-file form, with a Toulouse address."""
    page.goto("/jeunes/nouveau/")
    page.locator("#id_last_name").fill(last_name)
    page.locator("#id_first_names").fill(first_names)
    # DSFR radios: the input is visually hidden behind its label.
    sex_input = page.locator(f"input[name=sex][value={sex}]")
    page.locator(f"label[for={sex_input.get_attribute('id')}]").click()
    expect(sex_input).to_be_checked()
    page.locator("#id_birth_date").fill(birth_date.isoformat())
    page.locator("#id_first_reception_date").fill(timezone.localdate().isoformat())
    # The commune list comes from the postal code (htmx); a single commune is preselected.
    page.locator("#id_postal_code").press_sequentially("31000")
    expect(page.locator("#id_commune")).to_have_value("31555", timeout=TIMEOUT_MS)


def test_match_in_another_mission_locale_shows_only_its_contact(
    page, log_in, counsellor_a, young_person_b
):
    """Across Missions Locales a counsellor learns where to call, not who the young person is."""
    log_in(counsellor_a)
    fill_identity(
        page, last_name="Lefevre", first_names="Ines", birth_date=young_person_b.birth_date
    )
    page.get_by_role("button", name="Enregistrer").click()

    warning = page.get_by_test_id("duplicate-warning")
    expect(warning).to_be_visible(timeout=TIMEOUT_MS)
    expect(warning.get_by_role("heading")).to_have_text("Ce jeune a peut-être déjà un dossier")
    ml_b = young_person_b.mission_locale
    expect(warning).to_contain_text(ml_b.name)
    expect(warning).to_contain_text(ml_b.phone)
    expect(warning).to_contain_text(ml_b.email)
    expect(warning).not_to_contain_text(young_person_b.first_names)  # "Inès"
    expect(warning).not_to_contain_text(re.compile("lef[eè]vre", re.IGNORECASE))
    expect(warning.get_by_role("link")).to_have_count(0)
    assert YoungPerson.objects.count() == 1, "nothing is saved before the confirmation"

    # What was typed is kept; confirming it is another person saves the file.
    expect(page.locator("#id_last_name")).to_have_value("Lefevre")
    page.locator("label[for=id_confirm_not_duplicate]").click()
    expect(page.get_by_label(CONFIRM_LABEL)).to_be_checked()
    page.get_by_role("button", name="Enregistrer").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("LEFEVRE Ines", timeout=TIMEOUT_MS)
    expect(page.get_by_text("Le dossier a été créé.")).to_be_visible()
    created = YoungPerson.objects.get(last_name="Lefevre")
    assert created.mission_locale_id == counsellor_a.organisation_id
    expect(page).to_have_url(re.compile(rf"/jeunes/{created.uid}/$"))


@pytest.mark.parametrize("age", [14, 27], ids=["too-young", "too-old-without-rqth"])
def test_age_outside_the_public_is_refused_on_the_birth_date(page, log_in, counsellor_a, age):
    """Missions Locales accompany 16-25 year olds (29 with a RQTH); the form says so."""
    log_in(counsellor_a)
    fill_identity(page, last_name="Petit", first_names="Jade", birth_date=years_ago(age))
    page.get_by_role("button", name="Enregistrer").click()

    error = page.locator("#id_birth_date-desc-error")
    expect(error).to_contain_text(f"Le jeune a {age} ans au premier accueil", timeout=TIMEOUT_MS)
    expect(error).to_contain_text("la Mission Locale accompagne les jeunes de 16 à")
    expect(page.locator("#id_birth_date")).to_have_attribute("aria-invalid", "true")
    expect(page).to_have_url(re.compile(r"/jeunes/nouveau/$"))
    expect(page.locator("#id_last_name")).to_have_value("Petit")
    expect(page.locator("#id_first_names")).to_have_value("Jade")
    assert not YoungPerson.objects.filter(last_name="Petit").exists()

"""A counsellor records a consent and adds the CPIP to the follow-up; the CPIP reads the limited
view; the consent is withdrawn and the CPIP's next page is a 404."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, sign_in

pytestmark = pytest.mark.browser


def test_a_cpip_follows_a_young_person_until_the_consent_is_withdrawn(
    page, browser, live_server, personas, counsellor_a, young_person_a
):
    cpip = personas["cpip"]
    sign_in(page, counsellor_a)
    page.goto(f"/jeunes/{young_person_a.uid}/")
    page.get_by_role("link", name="Consentements et suivi partagé").click()
    page.get_by_role("link", name="Enregistrer un consentement").click()
    page.get_by_label("Structure partenaire").select_option(label="SPIP 31")
    page.get_by_text("Identité et coordonnées", exact=True).click()  # DSFR: the label
    page.get_by_text("Parcours et situations", exact=True).click()
    page.get_by_role("button", name="Enregistrer le consentement").click()
    expect(page.get_by_test_id("consents")).to_contain_text("SPIP 31", timeout=TIMEOUT_MS)
    page.get_by_label("Professionnel·le").select_option(
        label=f"{cpip.get_full_name()} — CPIP, SPIP 31"
    )
    page.get_by_role("button", name="Ajouter au suivi").click()
    expect(page.get_by_test_id("members")).to_contain_text(cpip.get_full_name())

    partner = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    sign_in(partner, cpip)
    expect(partner.get_by_test_id("followed")).to_contain_text("DUPONT Lucas")
    partner.get_by_role("link", name="DUPONT Lucas").click()
    expect(partner.get_by_role("heading", level=1)).to_have_text("DUPONT Lucas")
    expect(partner.get_by_text("Prochain rendez-vous")).to_have_count(0)
    file_url = partner.url

    page.get_by_role("link", name="Retirer").click()
    page.get_by_role("button", name="Retirer le consentement").click()
    expect(page.get_by_test_id("consents")).to_contain_text("Retiré le")

    response = partner.goto(file_url)
    assert response.status == 404
    partner.context.close()

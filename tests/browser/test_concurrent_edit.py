"""Two counsellors edit the same file in two browsers: the second keeps what they typed."""

import pytest
from playwright.sync_api import expect

from jalon.accounts.models import Role
from jalon.youngpeople.models import YoungPerson
from tests.browser.conftest import TIMEOUT_MS, sign_in
from tests.factories import UserFactory

pytestmark = pytest.mark.browser


def test_the_second_save_shows_the_conflict_and_keeps_the_input(
    browser, live_server, page, log_in, counsellor_a, young_person_a, ml_a
):
    colleague = UserFactory(
        role=Role.COUNSELLOR, organisation=ml_a, first_name="Nadia", last_name="Collègue"
    )
    other = browser.new_context(base_url=live_server.url, locale="fr-FR").new_page()
    other.set_default_timeout(TIMEOUT_MS)
    sign_in(other, colleague)
    log_in(counsellor_a)
    url = f"/jeunes/{young_person_a.uid}/modifier/"
    page.goto(url)
    other.goto(url)

    other.locator("#id_phone").fill("07 11 11 11 11")
    other.get_by_role("button", name="Enregistrer").click()
    expect(other.get_by_text("Le dossier a été mis à jour.")).to_be_visible()

    page.locator("#id_diploma").fill("CAP Cuisine")
    page.get_by_role("button", name="Enregistrer").click()
    alert = page.get_by_test_id("edit-conflict")
    expect(alert).to_contain_text("Ce dossier a été modifié par Nadia Collègue")
    expect(alert).to_contain_text("Téléphone : 07 11 11 11 11")
    expect(page.locator("#id_diploma")).to_have_value("CAP Cuisine")
    assert YoungPerson.objects.get(pk=young_person_a.pk).diploma == ""

    # The phone the user did not touch now shows the colleague's value.
    expect(page.locator("#id_phone")).to_have_value("07 11 11 11 11")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Le dossier a été mis à jour.")).to_be_visible()
    young_person = YoungPerson.objects.get(pk=young_person_a.pk)
    assert (young_person.phone, young_person.diploma) == ("07 11 11 11 11", "CAP Cuisine")
    other.context.close()

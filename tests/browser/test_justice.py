"""Dedans-dehors: a CJML records a session in detention, prepares the release with a first
appointment after it, and proposes the file to the Mission Locale of the release address,
which accepts it through the transfer workflow."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jalon.justice.models import SessionInterview
from jalon.youngpeople.models import FileTransfer
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import commune
from tests.justice.factories import detention, prison

pytestmark = pytest.mark.browser


def test_a_cjml_prepares_a_release_and_the_file_goes_to_the_ml_of_the_release_address(
    page, log_in, personas, young_person_a, ml_b
):
    cjml = personas["cjml_a"]
    seysses = prison()
    situation = detention(cjml, young_person_a, seysses, days_left=30)
    ml_b.communes_covered.add(commune("55545"))
    today = timezone.localdate()

    log_in(cjml)
    page.get_by_role("link", name="Justice", exact=True).click()
    page.get_by_text("Planifier une permanence").click()
    page.locator("#id_establishment").select_option(label=seysses.name)
    page.locator("#id_date").fill(today.isoformat())
    page.locator("#id_starts_at").fill("09:00")
    page.locator("#id_ends_at").fill("12:00")
    page.get_by_role("button", name="Planifier la permanence").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(seysses.name)
    page.locator("#id_young_person").select_option(str(young_person_a.uid))
    page.get_by_role("button", name="Noter comme reçu·e").click()
    expect(page.get_by_test_id("seen")).to_contain_text("Lucas")
    expect(page.get_by_test_id("session-status")).to_have_text("Tenue")
    assert SessionInterview.objects.filter(young_person=young_person_a).exists()

    page.get_by_test_id("seen").get_by_role("link").click()
    page.get_by_role("link", name="Préparer la sortie").click()
    page.locator("#id_release_address").fill("1 place de la Nation")
    page.locator("#id_postal_code").press_sequentially("55100")
    page.locator("#id_postal_code").press("Tab")
    expect(page.locator("#id_commune option[value='55545']")).to_have_count(1, timeout=TIMEOUT_MS)
    page.locator("#id_commune").select_option("55545")
    first = situation.foreseeable_release_date + datetime.timedelta(days=2)
    page.locator("#id_first_appointment_at").fill(f"{first.isoformat()}T10:30")
    page.locator("#id_proposed_pathway").select_option("cej")
    page.locator("#id_housing").select_option("family")
    page.get_by_role("button", name="Enregistrer le projet de sortie").click()
    expect(page.get_by_test_id("release-plan")).to_contain_text(ml_b.name)
    expect(page.get_by_test_id("release-plan")).to_contain_text(f"{first:%d/%m/%Y} à 10:30")

    page.get_by_role("button", name=f"Proposer le transfert à {ml_b.name}").click()
    expect(page.get_by_test_id("transfer-status")).to_have_text("En attente")

    page.context.clear_cookies()
    log_in(personas["director_b"])
    page.get_by_role("link", name="Transferts (1)").click()
    page.get_by_test_id("incoming-transfers").get_by_role("link").click()
    expect(page.get_by_test_id("transfer-preview")).to_contain_text("Sortie de détention")
    expect(page.get_by_test_id("transfer-preview")).not_to_contain_text("vol aggravé")
    page.get_by_role("button", name="Accepter le transfert").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("DUPONT Lucas")
    assert FileTransfer.objects.get().status == "accepted"
    # The receiving director is habilitated: the release plan followed the file.
    page.get_by_role("link", name="Situation pénale et sortie").click()
    expect(page.get_by_test_id("release-plan")).to_contain_text(f"{first:%d/%m/%Y} à 10:30")

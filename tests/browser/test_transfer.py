"""A file handed to another Mission Locale: requested by the counsellor, accepted by the
receiving director, gone from the sender at once."""

import pytest
from playwright.sync_api import expect

from jalon.youngpeople.models import FileTransfer
from tests.browser.conftest import TIMEOUT_MS
from tests.factories import commune

pytestmark = pytest.mark.browser


def test_a_counsellor_requests_a_transfer_and_the_receiving_director_accepts_it(
    page, log_in, counsellor_a, personas, young_person_a, ml_b
):
    ml_b.communes_covered.add(commune("55545"))
    log_in(counsellor_a)
    page.goto(f"/jeunes/{young_person_a.uid}/")
    page.get_by_role("link", name="Transférer à une autre Mission Locale").click()
    page.locator("#id_new_address").fill("1 place de la Nation")
    # The commune list comes from the new postal code; the competent ML is found from it.
    page.locator("#id_new_postal_code").press_sequentially("55100")
    page.locator("#id_new_postal_code").press("Tab")
    verdun = page.locator("#id_new_commune option[value='55545']")
    expect(verdun).to_have_count(1, timeout=TIMEOUT_MS)
    page.locator("#id_new_commune").select_option("55545")
    move = page.locator("input[name=reason_kind][value=move]")
    page.locator(f"label[for={move.get_attribute('id')}]").click()
    page.get_by_role("button", name="Demander le transfert").click()
    expect(page.get_by_test_id("transfer-status")).to_have_text("En attente")
    expect(page.get_by_role("main")).to_contain_text(ml_b.name)

    page.context.clear_cookies()
    log_in(personas["director_b"])
    page.get_by_role("link", name="Transferts (1)").click()
    page.get_by_test_id("incoming-transfers").get_by_role("link").click()
    expect(page.get_by_test_id("transfer-preview")).to_contain_text("Déménagement")
    page.get_by_role("button", name="Accepter le transfert").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("DUPONT Lucas")

    expect(page.get_by_role("main")).to_contain_text(ml_b.name)
    assert FileTransfer.objects.get().status == "accepted"
    # The sender's 404s, pages and API, are proven in tests/youngpeople/test_transfers.py.

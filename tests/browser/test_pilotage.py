"""A national pilot shares the 2024 envelope of annex 5; a CJML answers the barometer."""

import pytest
from playwright.sync_api import expect

from jalon.governance.models import BarometerAnswer

pytestmark = pytest.mark.browser


def test_a_national_pilot_reproduces_the_2024_cofinancing_table(page, log_in, personas):
    log_in(personas["national_pilot"])
    page.get_by_role("link", name="Chiffres clés").click()
    page.get_by_role("link", name="Répartir le cofinancement des CJML").click()
    page.get_by_role("link", name="Reprendre les chiffres 2024 de l'annexe 5").click()
    page.get_by_role("button", name="Calculer la répartition").click()
    table = page.get_by_role("table")
    expect(table.get_by_role("row", name="Ile-de-France")).to_contain_text("183659")
    expect(table.get_by_role("row", name="Total")).to_contain_text("102 %")
    expect(table.get_by_role("row", name="Total")).to_contain_text("700000")
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger en CSV").click()
    lines = download.value.path().read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "territory,released,share_percent,amount_eur" and len(lines) == 19


def test_a_cjml_answers_the_barometer_once(page, log_in, personas):
    log_in(personas["cjml_a"])
    page.get_by_role("link", name="Baromètre").click()
    for field, value in (
        ("communication", "3"),
        ("tools", "4"),
        ("access", "2"),
        ("knows_integration_commissions", "yes"),
        ("evolution", "stable"),
    ):
        radio = page.locator(f"input[name={field}][value='{value}']")
        page.locator(f"label[for={radio.get_attribute('id')}]").click()
    page.get_by_role("button", name="Envoyer ma réponse anonyme").click()
    expect(page.get_by_role("main")).to_contain_text("Vous avez répondu au baromètre")
    assert BarometerAnswer.objects.get().tools == 4

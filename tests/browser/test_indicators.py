"""A director reads the month's indicators, opens CPO n°3 to the young people counted, and
exports the workbook, which holds the figures of the page."""

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.reporting import scenario as scripted

pytestmark = pytest.mark.browser


def test_a_director_drills_down_from_cpo_3_and_exports_the_same_figures(
    page, log_in, personas, ml_a, ml_b, site_a, tmp_path
):
    scripted.build(ml_a=ml_a, ml_b=ml_b, site_a=site_a, counsellor=personas["counsellor_a"])
    log_in(personas["director_a"])
    page.get_by_role("link", name="Indicateurs", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicateurs")
    page.locator("#id_periode").select_option("mois")
    page.locator("#id_date").fill("2025-03-15")
    page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text("mars 2025")

    section = page.get_by_test_id("indicator-cpo-3")
    totals = section.locator("[data-testid^='total-cpo-3-']").all_inner_texts()
    assert totals == ["2", "2", "1", "1", "1"]
    received = page.get_by_test_id("total-cpo-2-received").inner_text()

    page.get_by_test_id("total-cpo-3-entered").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPO n°3")
    listed = page.get_by_test_id("counted-young-people").locator("tbody tr td:first-child")
    expect(listed).to_have_text(["Alice Alice", "Chloé Chloé"], ignore_case=True)

    page.get_by_role("link", name="Indicateurs").last.click()
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    path = tmp_path / "indicateurs.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(path)
    rows = list(workbook["CPO-3"].iter_rows(values_only=True))
    total = next(row for row in rows if str(row[0]).startswith("Total"))
    assert [str(value) for value in total[1:]] == totals
    rows = list(workbook["CPO-2"].iter_rows(values_only=True))
    total = next(row for row in rows if str(row[0]).startswith("Total"))
    assert str(total[1]) == received

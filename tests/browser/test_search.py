"""Finding a young person from the list's search box (htmx results)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS
from tests.factories import YoungPersonFactory, years_ago

pytestmark = pytest.mark.browser


def test_a_typo_still_finds_the_young_person(page, log_in, counsellor_a, young_person_a, ml_a):
    """Names are often misheard at the reception desk: "dupond" must find Dupont."""
    YoungPersonFactory(
        mission_locale=ml_a, last_name="Martin", first_names="Emma", referent=counsellor_a
    )
    log_in(counsellor_a)
    page.goto("/jeunes/")
    expect(page.get_by_role("link", name="MARTIN Emma")).to_be_visible()

    page.locator("#id_q").fill("dupond")

    count = page.get_by_test_id("result-count")
    expect(count).to_contain_text("1 résultat pour « dupond »", timeout=TIMEOUT_MS)
    results = page.locator("#results")
    expect(results.get_by_role("link", name="MARTIN Emma")).to_have_count(0)
    results.get_by_role("link", name="DUPONT Lucas").click()

    expect(page).to_have_url(re.compile(rf"/jeunes/{young_person_a.uid}/$"), timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", level=1)).to_contain_text("DUPONT Lucas")


def test_a_birth_date_after_the_name_tells_namesakes_apart(page, log_in, counsellor_a, ml_a):
    """Two Lucas Dupont in the same Mission Locale: the birth date picks the right one."""
    YoungPersonFactory(
        mission_locale=ml_a,
        last_name="Dupont",
        first_names="Lucas",
        birth_date=years_ago(19, days=10),
    )
    wanted = YoungPersonFactory(
        mission_locale=ml_a,
        last_name="Dupont",
        first_names="Lucas",
        birth_date=years_ago(22, days=40),
    )
    log_in(counsellor_a)
    page.goto("/jeunes/")

    page.locator("#id_q").fill("dupont lucas")
    count = page.get_by_test_id("result-count")
    expect(count).to_contain_text("2 résultats", timeout=TIMEOUT_MS)

    typed_date = wanted.birth_date.strftime("%d/%m/%Y")
    page.locator("#id_q").fill(f"dupont lucas {typed_date}")
    expect(count).to_contain_text("1 résultat pour", timeout=TIMEOUT_MS)
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(typed_date)

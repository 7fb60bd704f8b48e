"""The production Content-Security-Policy in a real browser: nothing a counsellor does is refused.

The `page` fixture fails any browser test on a refused script or style and on a script error;
here a counsellor walks through the main pages and uses their scripted parts.
"""

import pytest
from playwright.sync_api import expect

from tests.pathways.factories import PathwayFactory
from tests.scheduling.factories import AppointmentFactory, at

pytestmark = pytest.mark.browser


def test_a_counsellor_journey_runs_under_the_content_security_policy(
    page, log_in, counsellor_a, young_person_a
):
    pathway = PathwayFactory(young_person=young_person_a, counsellor=counsellor_a)
    AppointmentFactory(young_person=young_person_a, counsellor=counsellor_a, starts_at=at(0))
    log_in(counsellor_a)

    response = page.goto("/")  # the worklist
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma liste de travail")

    page.goto("/jeunes/")

    # The list searches as one types (htmx, with its loading indicator).
    page.locator("#id_q").fill("dupont")
    expect(page.locator("#results")).to_contain_text("DUPONT")

    # The file and its "Ajouter" menu, which loads a form through htmx (DSFR opens the menu).
    page.goto(f"/jeunes/{young_person_a.uid}/")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.locator("#add-menu a").first.click()
    expect(page.locator("#add-panel form")).to_be_visible()

    page.goto(f"/parcours/{pathway.uid}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    page.goto("/agenda/jour/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto("/agenda/")
    # The calendar feed address is selected with one click (a script, not an onclick).
    page.get_by_role("button", name="Créer mon adresse d'abonnement").click()
    feed_url = page.locator("#feed-url")
    feed_url.click()
    expect(feed_url).to_be_focused()
    assert page.evaluate(
        "el => el.selectionEnd - el.selectionStart", feed_url.element_handle()
    ) == len(feed_url.input_value())


def test_the_director_switches_agenda_without_inline_script(page, log_in, director_a, counsellor_a):
    log_in(director_a)
    page.goto("/agenda/")
    with page.expect_navigation():
        page.locator("#conseiller").select_option(str(counsellor_a.pk))
    assert f"conseiller={counsellor_a.pk}" in page.url


def test_the_api_documentation_runs_under_the_content_security_policy(page):
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/young-people/").first).to_be_visible()


def test_a_refused_inline_handler_fails_the_browser_tests(
    page, browser_problems, log_in, counsellor_a
):
    """The guard of every browser test: an inline handler is refused, and the fixture sees it."""
    log_in(counsellor_a)
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate(
            "document.body.insertAdjacentHTML('beforeend', '<img src=\"/x.png\" onerror=\"1\">')"
        )
    assert any("Content Security Policy" in problem for problem in browser_problems.seen)
    browser_problems.seen.clear()

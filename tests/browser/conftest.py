"""Playwright fixtures: one Chromium per session, a fresh context and page per test.

The tests drive the real application served by pytest-django's `live_server`, so they need
transactional database access (the server thread must see committed rows).
"""

import os
from pathlib import Path

import pytest
from django.db import connections
from playwright.sync_api import expect, sync_playwright

from tests.factories import TEST_PASSWORD, confirmed_totp_device, totp_code
from tests.seed_data import restore_if_flushed

# Playwright's sync API keeps an asyncio loop around; Django would otherwise refuse ORM calls
# made from the test thread (SynchronousOnlyOperation).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
TIMEOUT_MS = 10_000


def _chromium_path() -> Path:
    return Path(os.environ.get("JALON_CHROMIUM") or "/usr/bin/chromium")


def _browser_unavailable(reason: str) -> None:
    """CI sets JALON_REQUIRE_BROWSER=1: a missing browser must fail, never skip silently."""
    if os.environ.get("JALON_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (JALON_REQUIRE_BROWSER=1 forbids skipping)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium: Playwright cannot download its own browsers here."""
    executable = _chromium_path()
    if not executable.exists():
        _browser_unavailable(
            f"Chromium not found at {executable}; install it or set JALON_CHROMIUM"
        )
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()


@pytest.fixture(scope="package", autouse=True)
def _restore_seed_data(django_db_blocker):
    """Give the migrations' data back to the tests that run after the browser tests."""
    state = {"flushed": False}
    yield state
    if state["flushed"]:  # Never touch a database no browser test has set up.
        with django_db_blocker.unblock():
            restore_if_flushed()
            # While Playwright's loop is alive, asgiref keeps this connection in a context
            # variable that pytest-django's teardown never closes: PostgreSQL would then
            # refuse to drop the test database ("being accessed by other users").
            connections.close_all()


@pytest.fixture(autouse=True)
def _seed_data(_restore_seed_data, transactional_db):
    """The migrations' data is gone after the previous transactional test."""
    _restore_seed_data["flushed"] = True
    restore_if_flushed()


@pytest.fixture
def page(browser, live_server, browser_problems):
    """A new context per test: no cookie or session leaks from one test to the next."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("console", browser_problems.console)
    page.on("pageerror", browser_problems.page_error)
    yield page
    context.close()
    browser_problems.assert_none()


class BrowserProblems:
    """What the browser refused (Content-Security-Policy) or what crashed in a script.

    Every browser test fails on them: a page that works only because a test ignores the console
    would break for users under the production policy.
    """

    def __init__(self):
        self.seen = []

    def console(self, message):
        # Chromium words it "Refused to ..." or "... violates the ... Content Security Policy".
        if message.type == "error" and (
            "Content Security Policy" in message.text or message.text.startswith("Refused to")
        ):
            self.seen.append(f"{message.location.get('url', '')}: {message.text}")

    def page_error(self, error):
        self.seen.append(f"uncaught script error: {error}")

    def assert_none(self):
        assert not self.seen, "The browser reported:\n" + "\n".join(self.seen)


@pytest.fixture
def browser_problems():
    return BrowserProblems()


def sign_in(page, user, password=TEST_PASSWORD):
    """Sign in through the login form, then type the code the user's application shows."""
    device = confirmed_totp_device(user)
    page.goto("/connexion/")
    page.locator("#id_username").fill(user.email)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Double authentification")
    page.get_by_role("textbox", name="Code").fill(totp_code(device))
    page.get_by_role("button", name="Valider").click()
    expect(page.get_by_test_id("current-user")).to_be_visible(timeout=TIMEOUT_MS)


@pytest.fixture
def log_in(page):
    def do(user, password=TEST_PASSWORD):
        sign_in(page, user, password)

    return do

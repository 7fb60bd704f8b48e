"""No inline code in any page: the strict Content-Security-Policy would block it in browsers.

Every page and HTML API view of the access matrix (tests/test_access_matrix.py and the apps'
tests/<app>/access.py) is rendered for a persona of each role, as a full page and as an htmx
fragment.
"""

from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.access import ANONYMOUS
from tests.test_access_matrix import API, PAGES, records  # noqa: F401 - `records` is a fixture

# <script> elements the browser never executes: data read by a script (ninja's Swagger settings).
DATA_BLOCK_TYPES = {"application/json", "application/ld+json"}
# What the access matrix posts (tests/test_access_matrix.py, test_pages).
POST_DATA = {"end_date": "2020-01-01", "public": "qpv", "start_date": "2020-01-01"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}
EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def policy(response) -> dict[str, list[str]]:
    directives = (d.split() for d in response.get("Content-Security-Policy", "").split(";"))
    return {directive[0]: directive[1:] for directive in directives if directive}


class InlineCodeFinder(HTMLParser):
    """What a Content-Security-Policy without 'unsafe-inline' refuses to run or apply."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        is_data_block = (attributes.get("type") or "").lower() in DATA_BLOCK_TYPES
        if tag == "script" and "src" not in attributes and not is_data_block:
            self.found.append(f"inline <script> at line {self.getpos()[0]}")
        if tag == "style":
            self.found.append(f"<style> element at line {self.getpos()[0]}")
        for name, value in attrs:
            if name.startswith(("on", "hx-on", "data-hx-on")):  # htmx evaluates hx-on code
                self.found.append(f'<{tag} {name}="{value}">')
            elif name == "style":
                self.found.append(f'<{tag} style="{value}">')
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.found.append(f'<{tag} {name}="{value}">')


def inline_code(html: str) -> list[str]:
    finder = InlineCodeFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def test_the_finder_sees_every_kind_of_inline_code():
    html = (
        '<script>alert(1)</script><script type="module">x()</script><style>p{}</style>'
        '<p style="color:red" onclick="x()"><a href="javascript:x()">a</a></p>'
        '<script src="/static/a.js"></script><script type="application/json">{}</script>'
        '<button hx-on:click="x()">b</button>'
    )
    assert len(inline_code(html)) == 7


def _matrix_requests():
    """Every page, and the API operations that may answer HTML (its documentation)."""
    for name, (method, build, _statuses) in PAGES.items():
        yield name, method, build
    for name, operations in API.items():
        for method, build, _body, _statuses in operations:
            if method == "get":
                yield name, method, build


# One persona for each set of pages a role sees (and the ones whose pages only they see).
CRAWLING_PERSONAS = [
    "anonymous",
    "reception_a",
    "counsellor_a",
    "director_a",
    "dpo_a",
    "national_pilot",
    "cpip",
    "administrator",
]


@pytest.mark.parametrize("persona", CRAWLING_PERSONAS)
def test_rule_no_page_carries_inline_script_or_style(persona, personas, records, client_for):  # noqa: F811
    user = None if persona == ANONYMOUS else personas[persona]
    failures = []
    rendered = 0
    reading_client = client_for(user)
    for name, method, build in _matrix_requests():
        for headers in ({}, {"HX-Request": "true"}):
            if method == "post":  # A post may log out or change what later pages show.
                response = client_for(user).post(build(records), data=POST_DATA, headers=headers)
            else:
                response = reading_client.get(build(records), headers=headers)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue
            rendered += 1
            if policy(response) != EXPECTED_POLICY:
                failures.append(f"{name}: policy {response.get('Content-Security-Policy')!r}")
            failures += [f"{name}: {found}" for found in inline_code(response.content.decode())]
    assert rendered, f"{persona}: no HTML page rendered"
    assert not failures, f"{persona}:\n" + "\n".join(sorted(set(failures)))


def test_rule_the_admin_carries_no_inline_script_or_style(client_for, personas):
    """Django's admin is outside the access matrix: its index and lists, for the administrator."""
    client = client_for(personas["administrator"])
    paths = ["/admin/"] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
    ]
    failures = []
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        failures += [f"{path}: {found}" for found in inline_code(response.content.decode())]
    assert not failures, "\n".join(failures)


def test_every_page_sends_the_security_headers(client_for, counsellor_a):
    response = client_for(counsellor_a).get("/jeunes/", secure=True)
    assert policy(response) == EXPECTED_POLICY
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_load_htmx_without_its_injected_style(client_for, counsellor_a):
    """htmx would add a <style> for its loading indicator; jalon.css provides it instead."""
    page = client_for(counsellor_a).get("/jeunes/").content.decode()
    assert '"includeIndicatorStyles": false' in page

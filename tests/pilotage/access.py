"""Access-matrix rows of the pilots' pages (collected by tests/test_access_matrix.py)."""

from django.urls import reverse

from tests.access import PILOTS, only

PAGES = {
    "pilotage:cofinancing": (
        "get",
        lambda r: reverse("pilotage:cofinancing"),
        only(200, PILOTS, 403),
    ),
}

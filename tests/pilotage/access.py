"""Access-matrix rows of the pilots' pages (collected by tests/test_access_matrix.py)."""

from django.urls import reverse

from tests.access import PILOTS, only

PAGES = {
    "pilotage:cofinancing": (
        "get",
        lambda r: reverse("pilotage:cofinancing"),
        only(200, PILOTS, 403),
    ),
    "pilotage:territorial_context": (
        "get",
        lambda r: reverse("pilotage:territorial_context"),
        only(200, PILOTS | {"director_a", "director_b"}, 403),
    ),
    "pilotage:territorial_import": (
        "get",
        lambda r: reverse("pilotage:territorial_import"),
        only(200, {"administrator"}, 403),
    ),
}

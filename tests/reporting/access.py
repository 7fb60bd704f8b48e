"""Access-matrix rows of the indicators (collected by tests/test_access_matrix.py).

Staff of a Mission Locale read its indicators and the young people behind each figure; pilots
read anonymised aggregates and never a list of people; partners, the DPO and administrators
read no indicator. The definitions are public to every signed-in user.
"""

from django.urls import reverse

from tests.access import API_UNAUTHENTICATED, EVERYONE, ML_STAFF, PILOTS, everyone, only

READERS = ML_STAFF | PILOTS
JUSTICE_READERS = {"cjml_a", "justice_referent_a", "director_a", "director_b"} | PILOTS

PAGES = {
    "reporting:dashboard": (
        "get",
        lambda r: reverse("reporting:dashboard"),
        only(200, READERS, 403),
    ),
    "reporting:definitions": (
        "get",
        lambda r: reverse("reporting:definitions"),
        everyone(200, anonymous=302),
    ),
    "reporting:drill_down": (
        "get",
        lambda r: reverse("reporting:drill_down", args=["cpo-3"]) + "?ligne=entered",
        only(200, ML_STAFF, 403),
    ),
    "reporting:export_xlsx": (
        "get",
        lambda r: reverse("reporting:export_xlsx"),
        only(200, READERS, 403),
    ),
    "reporting:ase_yearly_sheet": (
        "get",
        lambda r: reverse("reporting:ase_yearly_sheet"),
        only(200, READERS, 403),
    ),
    "reporting:justice_transmission": (
        "get",
        lambda r: reverse("reporting:justice_transmission"),
        only(200, JUSTICE_READERS, 403),
    ),
    "reporting:export_csv": (
        "get",
        lambda r: reverse("reporting:export_csv", args=["cpo-2"]),
        only(200, READERS, 403),
    ),
}

API = {
    "api:list_indicators": [
        (
            "get",
            lambda r: "/api/v1/indicators",
            None,
            {**only(200, READERS, 403), "anonymous": API_UNAUTHENTICATED},
        )
    ],
    "api:indicator_values": [
        (
            "get",
            lambda r: "/api/v1/indicators/cpo-3?from=2025-01-01&to=2025-12-31",
            None,
            {**only(200, READERS, 403), "anonymous": API_UNAUTHENTICATED},
        )
    ],
}
assert set(PAGES["reporting:dashboard"][2]) == EVERYONE | {"anonymous"}

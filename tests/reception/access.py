"""Access-matrix rows of the reception app (collected by tests/test_access_matrix.py)."""

import datetime

from django.urls import reverse

from tests.access import ANONYMOUS, API_UNAUTHENTICATED, ML_A_STAFF, ML_STAFF, only
from tests.reception.factories import (
    DiagnosticAreaFactory,
    DiagnosticFactory,
    FirstReceptionFactory,
    OutreachContactFactory,
)

# The diagnostic is a counsellor's act: reception staff of A are refused, others see nothing.
COUNSELLORS_OF_A = {**only(200, ML_A_STAFF, 404), "reception_a": 403}


def records(young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    DiagnosticAreaFactory(diagnostic=diagnostic)
    return {
        "reception": FirstReceptionFactory(young_person=young_person_a),
        "diagnostic": diagnostic,
        "outreach": OutreachContactFactory(
            mission_locale=young_person_a.mission_locale, made_by=young_person_a.referent
        ),
    }


def _diagnostic_url(name):
    return lambda r: reverse(f"reception:{name}", args=[r["yp"].uid, r["diagnostic"].uid])


PAGES = {
    "reception:outreach_list": (
        "get",
        lambda r: reverse("reception:outreach_list"),
        only(200, ML_STAFF, 403),
    ),
    "reception:outreach_create": (
        "get",
        lambda r: reverse("reception:outreach_create"),
        only(200, ML_STAFF, 403),
    ),
    "reception:outreach_detail": (
        "get",
        lambda r: reverse("reception:outreach_detail", args=[r["outreach"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "reception:outreach_register": (
        "get",
        lambda r: reverse("reception:outreach_register", args=[r["outreach"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "reception:reception_create": (
        "get",
        lambda r: reverse("reception:reception_create", args=[r["yp"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "reception:reception_detail": (
        "get",
        lambda r: reverse("reception:reception_detail", args=[r["yp"].uid, r["reception"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "reception:diagnostic_create": (
        "get",
        lambda r: reverse("reception:diagnostic_create", args=[r["yp"].uid]),
        COUNSELLORS_OF_A,
    ),
    "reception:diagnostic_detail": (
        "get",
        _diagnostic_url("diagnostic_detail"),
        only(200, ML_A_STAFF, 404),
    ),
    "reception:diagnostic_areas": ("get", _diagnostic_url("diagnostic_areas"), COUNSELLORS_OF_A),
    "reception:diagnostic_interview_add": (
        "post",
        _diagnostic_url("diagnostic_interview_add"),
        {**only(302, ML_A_STAFF, 404), "reception_a": 403},
    ),
    "reception:diagnostic_complete": (
        "get",
        _diagnostic_url("diagnostic_complete"),
        COUNSELLORS_OF_A,
    ),
    "reception:diagnostic_pdf": (
        "get",
        _diagnostic_url("diagnostic_pdf"),
        only(200, ML_A_STAFF, 404),
    ),
}

YESTERDAY = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


def _api(status_for_a, otherwise=404, **overrides):
    return {
        **only(status_for_a, ML_A_STAFF, otherwise),
        ANONYMOUS: API_UNAUTHENTICATED,
        **overrides,
    }


def _yp_path(suffix):
    return lambda r: f"/api/v1/young-people/{r['yp'].uid}/{suffix}"


API = {
    "api:list_receptions": [("get", _yp_path("receptions"), None, _api(200))],
    "api:create_reception": [
        (
            "post",
            _yp_path("receptions"),
            {"received_on": YESTERDAY, "mode": "walk_in", "outcome": "counsellor_orientation"},
            _api(201),
        )
    ],
    "api:list_diagnostics": [("get", _yp_path("diagnostics"), None, _api(200))],
    "api:create_diagnostic": [
        ("post", _yp_path("diagnostics"), {"started_on": YESTERDAY}, _api(201, reception_a=403))
    ],
    "api:get_diagnostic": [
        (
            "get",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}/diagnostics/{r['diagnostic'].uid}",
            None,
            _api(200),
        )
    ],
}

"""Access-matrix rows of the obligation de formation (collected by tests/test_access_matrix.py).

The lists of school leavers are minors' data: counsellors (CJML and justice referents included)
and the director of Mission Locale A follow its cases; reception, other Missions Locales,
pilots and partners see none (403 for the pages, 404 for a record). Counsellors and the
director import; the director alone reports to the Département.
"""

from django.urls import reverse

from jalon.accounts.models import Role, User
from tests.access import EVERYONE, ML_A_STAFF, only
from tests.obligation.factories import (
    DepartementReportFactory,
    LeaverListFactory,
    ObligationCaseFactory,
    days_ago,
)

FOLLOWERS_A = ML_A_STAFF - {"reception_a"}
FOLLOWERS = FOLLOWERS_A | {"counsellor_b", "director_b"}
IMPORTERS_A = {"counsellor_a", "director_a"}
IMPORTERS = IMPORTERS_A | {"counsellor_b", "director_b"}


def records(young_person):
    ml = young_person.mission_locale
    director = User.objects.get(organisation=ml, role=Role.DIRECTOR)
    case = ObligationCaseFactory(
        mission_locale=ml, young_person=young_person, convoked_on=days_ago(70)
    )
    report = DepartementReportFactory(mission_locale=ml, prepared_by=director, case_count=1)
    report.cases.add(case)
    return {
        "obligation_case": case,
        "leaver_list": LeaverListFactory(mission_locale=ml, uploaded_by=young_person.referent),
        "departement_report": report,
    }


def _case(name, suffix=""):
    return lambda r: reverse(f"obligation:{name}", args=[r["obligation_case"].uid]) + suffix


def _report(name):
    return lambda r: reverse(f"obligation:{name}", args=[r["departement_report"].uid])


def _list(name):
    return lambda r: reverse(f"obligation:{name}", args=[r["leaver_list"].uid])


# A case of A: its followers reach it; anyone who may follow cases elsewhere (B) gets 404,
# and so does reception of A (out of scope), while pilots, partners and the DPO get 404 too:
# the scope is empty for them.
CASE_PAGE = {**only(404, EVERYONE, 404), **dict.fromkeys(FOLLOWERS_A, 200)}
# Posted with a body the forms refuse: the case page comes back with its French errors.
CASE_POST = {**only(404, EVERYONE, 404), **dict.fromkeys(FOLLOWERS_A, 200)}
# Imports: a list of A, for the importers of A.
LIST_PAGE = {
    **only(404, EVERYONE, 404),
    **dict.fromkeys(FOLLOWERS_A, 403),
    **dict.fromkeys(IMPORTERS_A, 200),
}
LIST_POST = {**LIST_PAGE, **dict.fromkeys(IMPORTERS_A, 302)}
# Reports: the director of A.
REPORT_PAGE = {
    **only(404, EVERYONE, 404),
    **dict.fromkeys(FOLLOWERS_A, 403),
    "director_a": 200,
}

PAGES = {
    "obligation:list": ("get", lambda r: reverse("obligation:list"), only(200, FOLLOWERS, 403)),
    "obligation:import": (
        "get",
        lambda r: reverse("obligation:import"),
        only(200, IMPORTERS, 403),
    ),
    "obligation:import_mapping": ("get", _list("import_mapping"), LIST_PAGE),
    "obligation:import_discard": ("post", _list("import_discard"), LIST_POST),
    "obligation:reports": (
        "get",
        lambda r: reverse("obligation:reports"),
        only(200, {"director_a", "director_b"}, 403),
    ),
    # Posted by the matrix: A's director has a case due, so a report is prepared (302 to it);
    # B's director has none (302 back with the French message).
    "obligation:report_prepare": (
        "post",
        lambda r: reverse("obligation:report_prepare"),
        only(302, {"director_a", "director_b"}, 403),
    ),
    "obligation:report": ("get", _report("report"), REPORT_PAGE),
    "obligation:report_pdf": ("get", _report("report_pdf"), REPORT_PAGE),
    "obligation:report_sent": ("post", _report("report_sent"), REPORT_PAGE),
    "obligation:case": ("get", _case("case"), CASE_PAGE),
    "obligation:contact_add": ("post", _case("contact_add"), CASE_POST),
    "obligation:convocation": ("post", _case("convocation"), CASE_POST),
    "obligation:convocation_pdf": ("get", _case("convocation_pdf"), CASE_PAGE),
    "obligation:solution": ("post", _case("solution"), CASE_POST),
    # The matrix posts no file: the young person is not found (404) for everyone.
    "obligation:link": ("post", _case("link"), only(404, EVERYONE, 404)),
    "obligation:register": (
        "get",
        _case("register"),
        {**CASE_PAGE, **dict.fromkeys(FOLLOWERS_A, 302)},
    ),
}

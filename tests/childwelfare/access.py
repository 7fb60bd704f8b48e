"""Access-matrix rows of the ASE follow-up (collected by tests/test_access_matrix.py).

The subject is a second young person of Mission Locale A, placed by the Département of the
`ase_referent` persona, who consented to share with it and whose follow-up group the referent
joined: staff of A and that referent work on the follow-up (reception of A reads it but does
not write); the CEJ proposal is the Mission Locale's; everyone else gets 404 (existence not
revealed). Young person A (no follow-up) is the subject of "open".
"""

from django.urls import reverse

from jalon.accounts.models import Role, User
from jalon.childwelfare import services
from tests.access import ANONYMOUS, API_UNAUTHENTICATED, ML_A_STAFF, ML_STAFF, only
from tests.childwelfare.factories import (
    days_ago,
    open_follow_up,
    share_with_departement,
    young_person_aged,
)

EDITORS = (ML_A_STAFF - {"reception_a"}) | {"ase_referent"}
READERS = ML_A_STAFF | {"ase_referent"}
ML_A_COUNSELLORS = ML_A_STAFF - {"reception_a"}


def records(young_person_a):
    ml = young_person_a.mission_locale
    director = User.objects.get(role=Role.DIRECTOR, organisation=ml)
    referent = User.objects.get(role=Role.ASE_REFERENT)
    young_person = young_person_aged(ml, 17, days=30, last_name="Martin", first_names="Jade")
    follow_up = open_follow_up(director, young_person, referent.organisation)
    share_with_departement(director, young_person, referent)
    interview = services.interview_record(
        actor=referent, follow_up=follow_up, data={"planned_on": days_ago(-20)}
    )
    project = services.autonomy_project_record(
        actor=referent,
        follow_up=follow_up,
        data={"drawn_up_on": days_ago(5)},
        areas={"housing": ("Foyer de jeunes travailleurs", "")},
    )
    proposal = services.cej_propose(actor=director, follow_up=follow_up, proposed_on=days_ago(1))
    return {
        "ase_yp": young_person,
        "ase_follow_up": follow_up,
        "ase_interview": interview,
        "ase_project": project,
        "ase_cej_proposal": proposal,
    }


def _of(name, key="ase_yp", suffix=""):
    return lambda r: reverse(f"childwelfare:{name}", args=[r[key].uid]) + suffix


def _editors(status):
    return {**only(404, set(), 404), **dict.fromkeys(EDITORS, status), "reception_a": 403}


PAGES = {
    "childwelfare:worklist": (
        "get",
        lambda r: reverse("childwelfare:worklist"),
        only(200, ML_STAFF | {"ase_referent"}, 403),
    ),
    "childwelfare:follow_up": ("get", _of("follow_up"), only(200, READERS, 404)),
    "childwelfare:open": (
        "get",
        _of("open", key="yp"),
        {**only(200, ML_A_COUNSELLORS, 404), "reception_a": 403},
    ),
    "childwelfare:edit": ("get", _of("edit"), _editors(200)),
    # Posted with the matrix's body (no status; an end before the start): the page comes back
    # with the French message, nothing changes.
    "childwelfare:status_change": ("post", _of("status_change"), _editors(200)),
    "childwelfare:status_end": ("post", _of("status_end"), _editors(200)),
    "childwelfare:interview_create": ("get", _of("interview_create"), _editors(200)),
    "childwelfare:interview_edit": ("get", _of("interview_edit", "ase_interview"), _editors(200)),
    "childwelfare:project_create": ("get", _of("project_create"), _editors(200)),
    "childwelfare:project_edit": ("get", _of("project_edit", "ase_project"), _editors(200)),
    "childwelfare:cej_propose": (
        "post",
        _of("cej_propose"),
        {**_editors(200), "ase_referent": 403},
    ),
    "childwelfare:cej_decide": (
        "post",
        _of("cej_decide", "ase_cej_proposal"),
        {**_editors(302), "ase_referent": 403},
    ),
}


def _api(status_for_editors, reception=403):
    return {
        **only(404, set(), 404),
        **dict.fromkeys(EDITORS, status_for_editors),
        "reception_a": reception,
        ANONYMOUS: API_UNAUTHENTICATED,
    }


def _follow_up_api(suffix=""):
    return lambda r: f"/api/v1/ase/follow-ups/{r['ase_follow_up'].uid}{suffix}"


# Bodies the rules refuse (400) or an outdated version (409): nothing changes.
API = {
    "api:list_ase_follow_ups": [
        (
            "get",
            lambda r: "/api/v1/ase/follow-ups",
            None,
            {**only(200, ML_STAFF | {"ase_referent"}, 403), ANONYMOUS: API_UNAUTHENTICATED},
        )
    ],
    "api:get_ase_follow_up": [
        (
            "get",
            _follow_up_api(),
            None,
            {**only(200, READERS, 404), ANONYMOUS: API_UNAUTHENTICATED},
        )
    ],
    "api:create_ase_status": [
        (
            "post",
            _follow_up_api("/statuses"),
            {"status": "ase_young_adult", "start_date": "2020-01-01"},
            _api(400),
        )
    ],
    "api:create_ase_interview": [
        ("post", _follow_up_api("/interviews"), {"planned_on": None}, _api(400))
    ],
    "api:update_ase_interview": [
        (
            "patch",
            lambda r: f"/api/v1/ase/interviews/{r['ase_interview'].uid}",
            {"version": 99},
            _api(409),
        )
    ],
    "api:create_ase_autonomy_project": [
        (
            "post",
            _follow_up_api("/autonomy-projects"),
            {"drawn_up_on": "2020-01-01"},
            _api(400),
        )
    ],
}

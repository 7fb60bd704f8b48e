"""Access-matrix rows of the pathway's URLs (collected by tests/test_access_matrix.py)."""

from django.urls import reverse

from jalon.pathways.models import Pmsmp, Proposal, Situation
from tests.access import API_UNAUTHENTICATED, ML_A_STAFF, only
from tests.factories import years_ago
from tests.pathways.factories import PathwayFactory


def records(young_person_a):
    counsellor = young_person_a.referent
    return {
        "pathway": PathwayFactory(young_person=young_person_a, counsellor=counsellor),
        "proposal": Proposal.objects.create(
            young_person=young_person_a,
            kind="training",
            proposed_on=years_ago(0),
            description="Formation",
            recorded_by=counsellor,
        ),
        "situation": Situation.objects.create(
            young_person=young_person_a,
            kind="job_seeker",
            start_date=years_ago(1),
            recorded_by=counsellor,
        ),
        "pmsmp": Pmsmp.objects.create(
            young_person=young_person_a,
            employer_name="Boulangerie",
            employer_siret="73282932000074",
            start_date=years_ago(0, days=20),
            end_date=years_ago(0, days=10),
            goal="discover",
            recorded_by=counsellor,
        ),
    }


def _file_page(name):
    return ("get", lambda r: reverse(name, args=[r["yp"].uid]), only(200, ML_A_STAFF, 404))


def _pathway_post(name):
    return ("post", lambda r: reverse(name, args=[r["pathway"].uid]), only(302, ML_A_STAFF, 404))


PAGES = {
    "pathways:open": _file_page("pathways:open"),
    "pathways:pmsmp_create": _file_page("pathways:pmsmp_create"),
    "pathways:proposal_create": _file_page("pathways:proposal_create"),
    "pathways:situation_create": _file_page("pathways:situation_create"),
    "pathways:detail": (
        "get",
        lambda r: reverse("pathways:detail", args=[r["pathway"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "pathways:exit": _pathway_post("pathways:exit"),
    "pathways:extend": _pathway_post("pathways:extend"),
    "pathways:phase_add": _pathway_post("pathways:phase_add"),
    "pathways:phase_close": (
        "post",
        lambda r: reverse("pathways:phase_close", args=[r["pathway"].uid, 1]),
        only(404, ML_A_STAFF, 404),
    ),
    "pathways:breach": _pathway_post("pathways:breach"),
    "pathways:payment": _pathway_post("pathways:payment"),
    "pathways:proposal_status": (
        "post",
        lambda r: reverse("pathways:proposal_status", args=[r["proposal"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "pathways:situation_end": (
        "post",
        lambda r: reverse("pathways:situation_end", args=[r["situation"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "youngpeople:timeline": (
        "get",
        lambda r: reverse("youngpeople:timeline", args=[r["yp"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
}

_API_OWN_FILE = {**only(200, ML_A_STAFF, 404), "anonymous": API_UNAUTHENTICATED}
_API_REFUSED = {**only(400, ML_A_STAFF, 404), "anonymous": API_UNAUTHENTICATED}
_API_CREATED = {**only(201, ML_A_STAFF, 404), "anonymous": API_UNAUTHENTICATED}
# Valid bodies: an outsider must meet the 404 of the policy, not a validation error.
_CEJ_TOO_SHORT = {"kind": "cej", "start_date": "2020-01-01", "planned_end_date": "2020-02-01"}
_BAD_SIRET = {
    "employer_name": "Boulangerie",
    "employer_siret": "123",
    "start_date": "2020-01-01",
    "end_date": "2020-01-05",
    "goal": "discover",
}

API = {
    "api:list_pathways": [
        ("get", lambda r: f"/api/v1/young-people/{r['yp'].uid}/pathways", None, _API_OWN_FILE)
    ],
    "api:open_pathway": [
        (
            "post",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}/pathways",
            _CEJ_TOO_SHORT,
            _API_REFUSED,
        )
    ],
    "api:exit_pathway": [
        (
            "post",
            lambda r: f"/api/v1/pathways/{r['pathway'].uid}/exit",
            {"end_date": None, "version": 1},
            _API_REFUSED,
        )
    ],
    "api:list_situations": [
        ("get", lambda r: f"/api/v1/young-people/{r['yp'].uid}/situations", None, _API_OWN_FILE)
    ],
    "api:create_situation": [
        (
            "post",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}/situations",
            {"kind": "job_seeker", "start_date": "2020-01-01"},
            _API_CREATED,
        )
    ],
    "api:list_events": [
        ("get", lambda r: f"/api/v1/young-people/{r['yp'].uid}/events", None, _API_OWN_FILE)
    ],
    "api:create_pmsmp": [
        ("post", lambda r: f"/api/v1/young-people/{r['yp'].uid}/pmsmps", _BAD_SIRET, _API_REFUSED)
    ],
    "api:create_proposal": [
        (
            "post",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}/proposals",
            {"kind": "training", "proposed_on": "2020-01-01", "description": "Formation"},
            _API_CREATED,
        )
    ],
}

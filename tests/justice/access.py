"""Access-matrix rows of the justice pages and API (collected by tests/test_access_matrix.py).

The subject is a detention of a file of Mission Locale A, followed in its group by the CPIP
(SPIP31), whose structure has the young person's consent for "Parcours et situations" (the
membership and the consent are the records of tests/partners/access.py).
Justice-habilitated staff of A (CJML, justice referent, director) and that CPIP read it;
everyone else, the counsellor and reception of A included, gets 404: they do not even learn
that the file has a penal side.
"""

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from jalon.accounts.models import Role, User
from jalon.justice import services
from tests.access import (
    API_UNAUTHENTICATED,
    EVERYONE,
    ML_A_STAFF,
    PARTNERS,
    PILOTS,
    only,
)
from tests.justice.factories import detention, prison

JUSTICE_A = {"cjml_a", "justice_referent_a", "director_a"}
READERS = JUSTICE_A | {"cpip"}
# Habilitated in their own Mission Locale: its activity pages (none of A's records).
JUSTICE_STAFF = JUSTICE_A | {"director_b"}


def _page(build, readers_status, writers=None, writers_status=None, readers=READERS):
    table = only(404, EVERYONE, 404)
    table.update(dict.fromkeys(readers, readers_status))
    if writers is not None:
        table.update(dict.fromkeys(writers, writers_status))
    return build, table


def _situation(name):
    return lambda r: reverse(f"justice:{name}", args=[r["penal_situation"].uid])


def _tig(name):
    return lambda r: reverse(f"justice:{name}", args=[r["tig_placement"].uid])


_ACTIVITY = only(200, JUSTICE_STAFF, 403)
_DETENTION_RECORD = only(404, EVERYONE, 404)
_DETENTION_RECORD.update(dict.fromkeys(JUSTICE_A, 200))

PAGES = {
    "justice:file": (
        "get",
        *_page(lambda r: reverse("justice:file", args=[r["yp"].uid]), 200),
    ),
    "justice:situation_create": (
        "get",
        *_page(
            lambda r: reverse("justice:situation_create", args=[r["yp"].uid]),
            200,
            {"cpip"},
            403,
        ),
    ),
    # Posted with an empty body: the habilitated get the page back with its French errors.
    "justice:tig_create": (
        "post",
        *_page(lambda r: reverse("justice:tig_create", args=[r["yp"].uid]), 400, {"cpip"}, 403),
    ),
    "justice:release_date": ("post", *_page(_situation("release_date"), 400)),
    "justice:adjustment": ("post", *_page(_situation("adjustment"), 400, {"cpip"}, 403)),
    "justice:leave": ("post", *_page(_situation("leave"), 400, {"cpip"}, 403)),
    "justice:release": ("post", *_page(_situation("release"), 400, {"cpip"}, 403)),
    "justice:release_plan": ("get", *_page(_situation("release_plan"), 200, {"cpip"}, 403)),
    # No plan yet: nothing to propose, the page says so and goes back to the file.
    "justice:release_transfer": (
        "post",
        *_page(_situation("release_transfer"), 302, {"cpip"}, 403),
    ),
    "justice:tig_hours": ("post", *_page(_tig("tig_hours"), 400, {"cpip"}, 403)),
    "justice:tig_module": ("post", *_page(_tig("tig_module"), 400, {"cpip"}, 403)),
    "justice:tig": (
        "get",
        lambda r: reverse("justice:tig"),
        only(200, {"director_a", "director_b"}, 403),
    ),
    "justice:activity": ("get", lambda r: reverse("justice:activity"), _ACTIVITY),
    "justice:session_create": (
        "post",
        lambda r: reverse("justice:session_create"),
        only(400, JUSTICE_STAFF, 403),
    ),
    "justice:commission_create": (
        "post",
        lambda r: reverse("justice:commission_create"),
        only(400, JUSTICE_STAFF, 403),
    ),
    "justice:job_event_create": (
        "post",
        lambda r: reverse("justice:job_event_create"),
        only(400, JUSTICE_STAFF, 403),
    ),
    "justice:session": (
        "get",
        lambda r: reverse("justice:session", args=[r["detention_session"].uid]),
        _DETENTION_RECORD,
    ),
    # Without a status: the page answers with its French message (302 back to the session).
    "justice:session_status": (
        "post",
        lambda r: reverse("justice:session_status", args=[r["detention_session"].uid]),
        {**_DETENTION_RECORD, **dict.fromkeys(JUSTICE_A, 302)},
    ),
    "justice:job_event": (
        "get",
        lambda r: reverse("justice:job_event", args=[r["job_event"].uid]),
        _DETENTION_RECORD,
    ),
    "justice:directory": (
        "get",
        lambda r: reverse("justice:directory"),
        only(200, EVERYONE, 200),
    ),
    "justice:assignment_end": (
        "post",
        lambda r: reverse("justice:assignment_end", args=[r["cjml_assignment"].uid]),
        {
            **only(302, {"director_a", "justice_referent_a"}, 403),
            "director_b": 404,
        },
    ),
    "justice:coverage": (
        "get",
        lambda r: reverse("justice:coverage"),
        only(200, JUSTICE_STAFF | PILOTS | {"administrator"}, 403),
    ),
}


def _api(table):
    return {**table, "anonymous": API_UNAUTHENTICATED}


_READ = _api({**only(404, EVERYONE, 404), **dict.fromkeys(READERS, 200)})

API = {
    "api:list_penal_situations": [
        (
            "get",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}/penal-situations",
            None,
            _READ,
        )
    ],
    "api:get_penal_situation": [
        ("get", lambda r: f"/api/v1/penal-situations/{r['penal_situation'].uid}", None, _READ)
    ],
    # An outdated version: the readers get 409, nothing is changed.
    "api:update_release_date": [
        (
            "post",
            lambda r: f"/api/v1/penal-situations/{r['penal_situation'].uid}/release-date",
            {"foreseeable_release_date": "2030-01-01", "version": 99},
            _api({**only(404, EVERYONE, 404), **dict.fromkeys(READERS, 409)}),
        )
    ],
}
assert set(_api(only(404, EVERYONE, 404))) == EVERYONE | {"anonymous"}
assert not (ML_A_STAFF - JUSTICE_A) & READERS and "cpip" in PARTNERS


def records(young_person_a) -> dict:
    ml_a = young_person_a.mission_locale
    director = User.objects.get(role=Role.DIRECTOR, organisation=ml_a)
    cjml = User.objects.get(role=Role.CJML, organisation=ml_a)
    cpip = User.objects.get(role=Role.CPIP)
    seysses = prison()
    situation = detention(cjml, young_person_a, seysses)
    today = timezone.localdate()
    services.tig_habilitation_add(
        actor=director,
        data={"for_adults": True, "granted_on": today - datetime.timedelta(days=400)},
    )
    tig = services.tig_placement_create(
        actor=cjml,
        young_person=young_person_a,
        data={
            "referring_service": cpip.organisation,
            "ordered_on": today - datetime.timedelta(days=30),
            "hours_ordered": 70,
        },
    )
    session = services.session_create(
        actor=cjml,
        data={
            "establishment": seysses,
            "date": today,
            "starts_at": datetime.time(9),
            "ends_at": datetime.time(12),
        },
    )
    event = services.job_event_create(
        actor=cjml,
        data={
            "establishment": seysses,
            "kind": "job_dating",
            "title": "Job dating logistique",
            "held_on": today,
        },
    )
    assignment = services.cjml_assignment_add(
        actor=director,
        data={"cjml": cjml, "establishment": seysses, "time_share": Decimal("0.5")},
    )
    return {
        "penal_situation": situation,
        "tig_placement": tig,
        "detention_session": session,
        "job_event": event,
        "cjml_assignment": assignment,
    }

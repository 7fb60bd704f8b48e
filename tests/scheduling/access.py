"""Access-matrix rows of the scheduling app (collected by tests/test_access_matrix.py)."""

from django.urls import reverse

from jalon.accounts.models import Role
from jalon.scheduling import services
from tests.access import (
    API_UNAUTHENTICATED,
    EVERYONE,
    ML_A_STAFF,
    ML_STAFF,
    everyone,
    only,
)
from tests.factories import UserFactory
from tests.scheduling.factories import AppointmentFactory, CollectiveSessionFactory, at

PAGES = {
    "scheduling:agenda": ("get", lambda r: reverse("scheduling:agenda"), only(200, ML_STAFF, 403)),
    "scheduling:agenda_day": (
        "get",
        lambda r: reverse("scheduling:agenda_day") + "?date=2026-11-25",
        only(200, ML_STAFF, 403),
    ),
    "scheduling:agenda_new": (
        "get",
        lambda r: reverse("scheduling:agenda_new") + "?q=dupont",
        only(200, ML_STAFF, 403),
    ),
    "scheduling:feed_regenerate": (
        "post",
        lambda r: reverse("scheduling:feed_regenerate"),
        only(200, ML_STAFF, 403),
    ),
    # Calendar applications read the feed without a session: the secret address is the key.
    "scheduling:feed": (
        "get",
        lambda r: reverse("scheduling:feed", args=[r["feed_token"]]),
        everyone(200),
    ),
    "scheduling:appointment_create": (
        "get",
        lambda r: reverse("scheduling:appointment_create", args=[r["yp"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "scheduling:appointment_status": (
        "post",
        lambda r: reverse("scheduling:appointment_status", args=[r["appointment"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "scheduling:session_list": (
        "get",
        lambda r: reverse("scheduling:session_list"),
        only(200, ML_STAFF, 403),
    ),
    "scheduling:session_create": (
        "get",
        lambda r: reverse("scheduling:session_create"),
        only(200, ML_STAFF, 403),
    ),
    "scheduling:session_detail": (
        "get",
        lambda r: reverse("scheduling:session_detail", args=[r["session"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "scheduling:session_register": (
        "post",
        lambda r: reverse("scheduling:session_register", args=[r["session"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "scheduling:session_attendance": (
        "post",
        lambda r: reverse("scheduling:session_attendance", args=[r["session"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
}

_APPOINTMENT = {"starts_at": "2030-01-07T10:00:00+01:00", "duration_minutes": 30}
_LIST = ("get", lambda r: f"/api/v1/young-people/{r['yp'].uid}/appointments", None)
_CREATE = ("post", lambda r: f"/api/v1/young-people/{r['yp'].uid}/appointments", _APPOINTMENT)
_STATUS = (
    "post",
    lambda r: f"/api/v1/appointments/{r['appointment'].uid}/status",
    {"status": "cancelled", "reason": "Test"},
)


def _api(status, personas):
    return {**only(status, personas, 404), "anonymous": API_UNAUTHENTICATED}


API = {
    "api:list_appointments": [
        (*_LIST, _api(200, ML_A_STAFF)),
        (*_CREATE, _api(201, ML_A_STAFF)),
    ],
    "api:create_appointment": [(*_CREATE, _api(201, ML_A_STAFF))],
    "api:set_appointment_status": [(*_STATUS, _api(200, ML_A_STAFF))],
}
assert set(_api(200, ML_A_STAFF)) == EVERYONE | {"anonymous"}


def records(young_person_a) -> dict:
    # A colleague's feed: a persona regenerating their own address must not revoke it.
    colleague = UserFactory(role=Role.COUNSELLOR, organisation=young_person_a.mission_locale)
    return {
        "appointment": AppointmentFactory(young_person=young_person_a, starts_at=at(-1)),
        "session": CollectiveSessionFactory(mission_locale=young_person_a.mission_locale),
        "feed_token": services.calendar_feed_regenerate(actor=colleague),
    }

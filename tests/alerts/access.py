"""Access-matrix rows of the worklist and alerts (collected by tests/test_access_matrix.py).

The subject alert is counsellor_a's (young_person_a's referent): the director of ML A sees
it too; everyone else learns nothing of it (404).
"""

from django.urls import reverse
from django.utils import timezone

from jalon.alerts.enums import AlertLevel, AlertRule
from jalon.alerts.models import Alert
from tests.access import API_UNAUTHENTICATED, EVERYONE, ML_STAFF, only

WORKLIST = ML_STAFF - {"reception_a"}
DIRECTORS = {"director_a", "director_b"}
ACTORS = {"counsellor_a", "director_a"}


def _alert_page(status):
    return lambda r: reverse(f"alerts:{status}", args=[r["worklist_alert"].uid])


PAGES = {
    "alerts:worklist": ("get", lambda r: reverse("alerts:worklist"), only(200, WORKLIST, 403)),
    "alerts:digest": ("post", lambda r: reverse("alerts:digest"), only(302, WORKLIST, 403)),
    "alerts:team": ("get", lambda r: reverse("alerts:team"), only(200, DIRECTORS, 403)),
    "alerts:thresholds": (
        "get",
        lambda r: reverse("alerts:thresholds"),
        only(200, DIRECTORS, 403),
    ),
    # Posted without a note or a date: the page answers with its French message (302).
    "alerts:handle": ("post", _alert_page("handle"), only(302, ACTORS, 404)),
    "alerts:snooze": ("post", _alert_page("snooze"), only(302, ACTORS, 404)),
}

API = {
    "api:list_alerts": [
        (
            "get",
            lambda r: "/api/v1/alerts",
            None,
            {**only(200, WORKLIST, 403), "anonymous": API_UNAUTHENTICATED},
        )
    ],
}
assert set(PAGES["alerts:worklist"][2]) == EVERYONE | {"anonymous"}


def records(young_person_a) -> dict:
    alert = Alert.objects.create(
        rule=AlertRule.YOUTH_GUARANTEE,
        key=f"{young_person_a.pk}:matrix",
        mission_locale=young_person_a.mission_locale,
        young_person=young_person_a,
        counsellor=young_person_a.referent,
        level=AlertLevel.NOW,
        due_date=timezone.localdate(),
        params={"first_reception": "2026-01-05", "due": "2026-05-05"},
    )
    return {"worklist_alert": alert}

"""Access-matrix rows of the audit app (collected by tests/test_access_matrix.py)."""

import datetime

from django.urls import reverse

from jalon.audit.models import AuditAlert
from tests.access import ML_STAFF, only


def records(young_person_a):
    return {
        "alert": AuditAlert.objects.create(
            user=young_person_a.referent,
            mission_locale=young_person_a.mission_locale,
            day=datetime.date(2026, 11, 24),
            distinct_files=90,
            reason="90 dossiers distincts en 24 heures (seuil : 80)",
        )
    }


PAGES = {
    # The matrix posts no comment: the controllers of ML A are sent back with the message.
    "audit:alert_review": (
        "post",
        lambda r: reverse("audit:alert_review", args=[r["alert"].uid]),
        {**only(302, {"director_a", "dpo_a"}, 403), "director_b": 404},
    ),
    # Reception orients; pilots, partners, the DPO and administrators read no file.
    "audit:emergency_request": (
        "get",
        lambda r: reverse("audit:emergency_request"),
        only(200, ML_STAFF - {"reception_a"}, 403),
    ),
}

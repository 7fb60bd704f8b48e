"""Access-matrix rows of the governance of the justice agreement (tests/test_access_matrix.py).

The subject record is a regional steering committee of Occitanie (the ARML pilot's region).
"""

import datetime

from django.urls import reverse

from jalon.governance.enums import GovernanceKind
from jalon.governance.models import GovernanceRecord
from jalon.network.models import Region
from tests.access import PILOTS, only

PAGES = {
    "governance:overview": (
        "get",
        lambda r: reverse("governance:overview"),
        only(200, PILOTS, 403),
    ),
    "governance:create": ("get", lambda r: reverse("governance:create"), only(200, PILOTS, 403)),
    "governance:delete": (
        "post",
        lambda r: reverse("governance:delete", args=[r["governance_record"].uid]),
        only(302, PILOTS, 404),
    ),
    "governance:barometer": (
        "get",
        lambda r: reverse("governance:barometer"),
        only(200, {"cjml_a"}, 403),
    ),
    "governance:barometer_results": (
        "get",
        lambda r: reverse("governance:barometer_results"),
        only(200, PILOTS, 403),
    ),
}


def records(young_person_a):
    return {
        "governance_record": GovernanceRecord.objects.create(
            kind=GovernanceKind.REGIONAL_COMMITTEE,
            region=Region.objects.get(code="76"),
            held_on=datetime.date(2025, 3, 14),
            participants=18,
        )
    }

"""Access-matrix rows of the partners app (collected by tests/test_access_matrix.py).

Young person A consented to share with the SPIP of the `cpip` persona, who is a member of the
follow-up group: the CPIP reads the limited view; the PJJ educator and the ASE referent (other
structures, no consent) see nothing (404, existence not revealed); staff of Mission Locale A
manage consents and the group, staff of B get 404.
"""

from django.urls import reverse
from django.utils import timezone

from jalon.accounts.models import Role, User
from jalon.partners import services
from jalon.referrals.enums import ConsentCategory, ConsentMethod
from jalon.referrals.services import consent_record
from tests.access import (
    ANONYMOUS,
    API_UNAUTHENTICATED,
    ML_A_STAFF,
    PARTNERS,
    only,
)

CPIP_ONLY = only(200, {"cpip"}, 404)
ML_A_ONLY = only(200, ML_A_STAFF, 404)


def records(young_person_a):
    cpip = User.objects.get(role=Role.CPIP)
    director = User.objects.get(role=Role.DIRECTOR, organisation=young_person_a.mission_locale)
    today = timezone.localdate()
    consent = consent_record(
        actor=director,
        young_person=young_person_a,
        organisation=cpip.organisation,
        categories={ConsentCategory.IDENTITY, ConsentCategory.PATHWAY},
        method=ConsentMethod.SIGNED_FORM,
        given_on=today,
    )
    member = services.follow_up_member_add(
        actor=director, young_person=young_person_a, user=cpip, start_date=today
    )
    correspondent = services.correspondent_create(
        actor=director,
        data={
            "organisation": young_person_a.mission_locale,
            "counterpart": cpip.organisation,
            "person_name": "Camille Justice",
            "function": "CJML",
            "phone": "05 61 00 00 00",
            "email": "cjml@ml-a.test",
            "start_date": today,
        },
    )
    return {"consent": consent, "member": member, "correspondent": correspondent}


def _yp(name):
    return lambda r: reverse(f"partners:{name}", args=[r["yp"].uid])


PAGES = {
    "partners:portal": (
        "get",
        lambda r: reverse("partners:portal"),
        only(200, PARTNERS, 403),
    ),
    "partners:partner_file": ("get", _yp("partner_file"), CPIP_ONLY),
    # The matrix posts no text: members get the page back with the error, others 404.
    "partners:note_add": ("post", _yp("note_add"), only(200, ML_A_STAFF | {"cpip"}, 404)),
    "partners:sharing": ("get", _yp("sharing"), ML_A_ONLY),
    "partners:consent_create": ("get", _yp("consent_create"), ML_A_ONLY),
    "partners:consent_withdraw": (
        "get",
        lambda r: reverse("partners:consent_withdraw", args=[r["consent"].uid]),
        ML_A_ONLY,
    ),
    # Posted without a professional: the page comes back with the error.
    "partners:member_add": ("post", _yp("member_add"), ML_A_ONLY),
    "partners:member_end": (
        "post",
        lambda r: reverse("partners:member_end", args=[r["member"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "partners:correspondent_create": (
        "get",
        lambda r: reverse("partners:correspondent_create"),
        only(200, {"director_a", "director_b"}, 403),
    ),
    "partners:correspondent_end": (
        "post",
        lambda r: reverse("partners:correspondent_end", args=[r["correspondent"].uid]),
        {**only(302, {"director_a"}, 403), "director_b": 404},
    ),
}

API = {
    "api:list_partner_young_people": [
        (
            "get",
            lambda r: "/api/v1/partner/young-people",
            None,
            {**only(200, PARTNERS, 403), ANONYMOUS: API_UNAUTHENTICATED},
        )
    ],
    "api:get_partner_young_person": [
        (
            "get",
            lambda r: f"/api/v1/partner/young-people/{r['yp'].uid}",
            None,
            {**CPIP_ONLY, ANONYMOUS: API_UNAUTHENTICATED},
        )
    ],
}

"""Access-matrix rows of the accounts app (collected by tests/test_access_matrix.py).

Matrix clients have completed the sign-in (password and second factor), so the pages that only
finish a sign-in send them on (302).
"""

from django.urls import reverse

from tests.access import LOGIN_REDIRECT, everyone, only

DIRECTORS = {"director_a", "director_b"}
# The staff member is counsellor_a (the referent of the file of A): director_b answers 404.
DIRECTOR_OF_A = {**only(200, {"director_a"}, 403), "director_b": 404}


def records(young_person_a):
    return {"staff_member": young_person_a.referent}


def _member(name):
    return lambda r: reverse(name, args=[r["staff_member"].pk])


PAGES = {
    "accounts:otp_verify": ("get", lambda r: reverse("accounts:otp_verify"), everyone(302)),
    "accounts:otp_enrol": ("get", lambda r: reverse("accounts:otp_enrol"), everyone(302)),
    "accounts:recovery_codes": (
        "get",
        lambda r: reverse("accounts:recovery_codes"),
        everyone(302),
    ),
    # ProConnect is not configured in the tests: its pages do not exist.
    "accounts:proconnect_login": (
        "get",
        lambda r: reverse("accounts:proconnect_login"),
        everyone(404),
    ),
    "accounts:proconnect_callback": (
        "get",
        lambda r: reverse("accounts:proconnect_callback"),
        everyone(404),
    ),
    "accounts:reauth": (
        "get",
        lambda r: reverse("accounts:reauth"),
        everyone(200, anonymous=LOGIN_REDIRECT),
    ),
    "accounts:account": (
        "get",
        lambda r: reverse("accounts:account"),
        everyone(200, anonymous=LOGIN_REDIRECT),
    ),
    "accounts:password_change": (
        "get",
        lambda r: reverse("accounts:password_change"),
        everyone(200, anonymous=LOGIN_REDIRECT),
    ),
    "accounts:recovery_codes_regenerate": (
        "post",
        lambda r: reverse("accounts:recovery_codes_regenerate"),
        everyone(302),
    ),
    "accounts:team": ("get", lambda r: reverse("accounts:team"), only(200, DIRECTORS, 403)),
    "accounts:team_member_create": (
        "get",
        lambda r: reverse("accounts:team_member_create"),
        only(200, DIRECTORS, 403),
    ),
    "accounts:team_member_role": ("get", _member("accounts:team_member_role"), DIRECTOR_OF_A),
    "accounts:team_member_end": ("get", _member("accounts:team_member_end"), DIRECTOR_OF_A),
    "accounts:team_member_reset_second_factor": (
        "get",
        _member("accounts:team_member_reset_second_factor"),
        {**DIRECTOR_OF_A, "administrator": 200},
    ),
}

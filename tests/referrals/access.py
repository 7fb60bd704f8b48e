"""Access-matrix rows of the liaison forms (collected by tests/test_access_matrix.py).

The subject is a form sent by the CPIP (SPIP31) to Mission Locale A: its sender's structure
and the recipient Mission Locale see it, nobody else even learns it exists (404).
"""

from django.urls import reverse

from jalon.accounts.models import Role, User
from jalon.referrals import services
from tests.access import API_UNAUTHENTICATED, EVERYONE, ML_A_STAFF, ML_STAFF, PARTNERS, only
from tests.referrals.factories import send
from tests.youngpeople.factories import upload

HANDLERS_A = ML_A_STAFF - {"reception_a"}
HANDLERS = ML_STAFF - {"reception_a"}
PARTIES = ML_A_STAFF | {"cpip"}


def _form_page(status_for_parties, otherwise=404):
    """A page of the subject form: parties get their own status, the others 404."""
    table = only(404, EVERYONE, otherwise)
    table.update(status_for_parties)
    return table


def _detail(name, suffix=""):
    return lambda r: reverse(f"referrals:{name}", args=[r["liaison_form"].uid]) + suffix


PAGES = {
    "referrals:list": (
        "get",
        lambda r: reverse("referrals:list"),
        only(200, ML_STAFF | PARTNERS, 403),
    ),
    "referrals:create": (
        "get",
        lambda r: reverse("referrals:create") + f"?jeune={r['yp'].uid}",
        {
            **only(200, HANDLERS_A | PARTNERS, 403),
            "counsellor_b": 404,
            "director_b": 404,
        },
    ),
    "referrals:suggest": (
        "get",
        lambda r: reverse("referrals:suggest") + "?commune=31555",
        only(200, HANDLERS | PARTNERS, 403),
    ),
    "referrals:detail": ("get", _detail("detail"), _form_page(dict.fromkeys(PARTIES, 200))),
    "referrals:pdf": ("get", _detail("pdf"), _form_page(dict.fromkeys(PARTIES, 200))),
    "referrals:attachment": (
        "get",
        lambda r: reverse(
            "referrals:attachment", args=[r["liaison_form"].uid, r["liaison_attachment"].uid]
        ),
        _form_page(dict.fromkeys(PARTIES, 200)),
    ),
    "referrals:match": (
        "get",
        _detail("match"),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 200)}),
    ),
    "referrals:register": (
        "get",
        _detail("register"),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 200)}),
    ),
    "referrals:appointment": (
        "get",
        lambda r: reverse("referrals:appointment", args=[r["matched_liaison_form"].uid]),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 200)}),
    ),
    # Posted with a body the services refuse (no reason, no version): the page answers with
    # its French message (302 back to the form) rather than changing anything.
    "referrals:acknowledge": (
        "post",
        _detail("acknowledge"),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 302)}),
    ),
    "referrals:start": (
        "post",
        _detail("start"),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 302)}),
    ),
    "referrals:refuse": (
        "post",
        _detail("refuse"),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 302)}),
    ),
    "referrals:comment": (
        "post",
        _detail("comment"),
        _form_page({**dict.fromkeys(PARTIES, 403), **dict.fromkeys(HANDLERS_A, 302)}),
    ),
    "referrals:cancel": (
        "post",
        _detail("cancel"),
        _form_page({**dict.fromkeys(ML_A_STAFF, 403), "cpip": 302}),
    ),
    "referrals:attach": (
        "post",
        _detail("attach"),
        _form_page({**dict.fromkeys(ML_A_STAFF, 403), "cpip": 302}),
    ),
}

_BODY = {
    "recipient_code": "ML-A",
    "last_name": "Martin",
    "first_names": "Yanis",
    "birth_date": "2006-02-01",
    "reason": "Préparer la sortie",
    "consent_given": True,
    "consent_method": "signed_form",
    "consent_date": "2026-01-05",
}
_LIST = ("get", lambda r: "/api/v1/liaison-forms", None)
_CREATE = ("post", lambda r: "/api/v1/liaison-forms", _BODY)


def _api(table):
    return {**table, "anonymous": API_UNAUTHENTICATED}


API = {
    "api:list_liaison_forms": [
        (*_LIST, _api(only(200, ML_STAFF | PARTNERS, 403))),
        (
            *_CREATE,
            # Staff send about one of their files: without `young_person`, there is none (404).
            _api({**only(201, PARTNERS, 403), **dict.fromkeys(HANDLERS, 404)}),
        ),
    ],
    "api:create_liaison_form": [
        (*_CREATE, _api({**only(201, PARTNERS, 403), **dict.fromkeys(HANDLERS, 404)}))
    ],
    "api:get_liaison_form": [
        (
            "get",
            lambda r: f"/api/v1/liaison-forms/{r['liaison_form'].uid}",
            None,
            _api(_form_page(dict.fromkeys(PARTIES, 200))),
        )
    ],
    # Before the cancellation below, which closes the form.
    "api:add_liaison_attachment": [
        (
            "post",
            lambda r: f"/api/v1/liaison-forms/{r['liaison_form'].uid}/attachments",
            lambda: {"file": upload("certificat.pdf")},
            _api(_form_page({**dict.fromkeys(ML_A_STAFF, 403), "cpip": 201})),
        )
    ],
    "api:download_liaison_attachment": [
        (
            "get",
            lambda r: (
                f"/api/v1/liaison-forms/{r['liaison_form'].uid}"
                f"/attachments/{r['liaison_attachment'].uid}"
            ),
            None,
            _api(_form_page(dict.fromkeys(PARTIES, 200))),
        )
    ],
    "api:cancel_liaison_form": [
        (
            "post",
            lambda r: f"/api/v1/liaison-forms/{r['liaison_form'].uid}/cancel",
            {"reason": "Le jeune a été transféré"},
            _api(_form_page({**dict.fromkeys(ML_A_STAFF, 403), "cpip": 200})),
        )
    ],
}
assert set(_api(_form_page({}))) == EVERYONE | {"anonymous"}


def records(young_person_a) -> dict:
    cpip = User.objects.get(role=Role.CPIP)
    cjml = User.objects.get(role=Role.CJML, organisation=young_person_a.mission_locale)
    form = send(cpip, young_person_a.mission_locale, attachments=[upload("jugement.pdf")])
    matched = send(cpip, young_person_a.mission_locale, last_name="Durand")
    services.liaison_form_match(actor=cjml, form=matched, young_person=young_person_a)
    return {
        "liaison_form": form,
        "liaison_attachment": form.attachments.get(),
        "matched_liaison_form": matched,
    }

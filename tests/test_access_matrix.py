"""The access policy, proven: every URL and API operation against every persona.

A new URL without an entry in PAGES or API (here or in an app's `tests/<app>/access.py`) fails
`test_every_url_has_a_matrix_entry`. Records of Mission Locale A are the subject; staff of B
must get 404 (existence not revealed).
"""

import importlib
import pkgutil

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

import tests
from tests.access import (
    ANONYMOUS,
    API_UNAUTHENTICATED,
    EVERYONE,
    LOGIN_REDIRECT,
    ML_A_STAFF,
    ML_STAFF,
    PARTNERS,
    PILOTS,
    api_body,
    everyone,
    only,
)
from tests.factories import PublicPeriodFactory

# url name -> (method, path builder, expected statuses)
PAGES = {
    "home": (
        "get",
        lambda r: reverse("home"),
        only(302, ML_STAFF | PILOTS | PARTNERS | {"dpo_a"}, 200),
    ),
    "login": ("get", lambda r: reverse("login"), {**dict.fromkeys(EVERYONE, 302), ANONYMOUS: 200}),
    "logout": (
        "post",
        lambda r: reverse("logout"),
        {**dict.fromkeys(EVERYONE, 302), ANONYMOUS: 302},
    ),
    "password_reset": (
        "get",
        lambda r: reverse("password_reset"),
        {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: 200},
    ),
    "password_reset_done": (
        "get",
        lambda r: reverse("password_reset_done"),
        {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: 200},
    ),
    "password_reset_confirm": (
        "get",
        lambda r: reverse("password_reset_confirm", args=["MQ", "bad-token"]),
        {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: 200},
    ),
    "password_reset_complete": (
        "get",
        lambda r: reverse("password_reset_complete"),
        {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: 200},
    ),
    "youngpeople:list": ("get", lambda r: reverse("youngpeople:list"), only(200, ML_STAFF, 403)),
    "youngpeople:create": (
        "get",
        lambda r: reverse("youngpeople:create"),
        only(200, ML_STAFF, 403),
    ),
    "youngpeople:detail": (
        "get",
        lambda r: reverse("youngpeople:detail", args=[r["yp"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "youngpeople:edit": (
        "get",
        lambda r: reverse("youngpeople:edit", args=[r["yp"].uid]),
        only(200, ML_A_STAFF, 404),
    ),
    "youngpeople:merge": (
        "get",
        lambda r: reverse("youngpeople:merge", args=[r["yp"].uid]),
        {**only(403, EVERYONE, 403), "director_a": 200, "director_b": 404},
    ),
    "youngpeople:public_add": (
        "post",
        lambda r: reverse("youngpeople:public_add", args=[r["yp"].uid]),
        only(302, ML_A_STAFF, 404),
    ),
    "youngpeople:public_end": (
        "post",
        lambda r: reverse("youngpeople:public_end", args=[r["yp"].uid, r["period"].pk]),
        only(302, ML_A_STAFF, 404),
    ),
    "youngpeople:commune_options": (
        "get",
        lambda r: reverse("youngpeople:commune_options") + "?postal_code=31000",
        everyone(200, anonymous=LOGIN_REDIRECT),
    ),
    "network:directory": (
        "get",
        lambda r: reverse("network:directory"),
        everyone(200, anonymous=LOGIN_REDIRECT),
    ),
    "audit:list": (
        "get",
        lambda r: reverse("audit:list"),
        only(200, {"director_a", "director_b", "dpo_a"}, 403),
    ),
    "pilotage:overview": (
        "get",
        lambda r: reverse("pilotage:overview"),
        only(200, PILOTS | {"director_a", "director_b"}, 403),
    ),
}

# api url name -> list of (method, path builder, body, expected statuses)
API = {
    "api:openapi-json": [
        (
            "get",
            lambda r: "/api/v1/openapi.json",
            None,
            {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: 200},
        )
    ],
    "api:openapi-view": [
        ("get", lambda r: "/api/v1/docs", None, {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: 200})
    ],
    "api:api-root": [
        ("get", lambda r: "/api/v1/", None, {**dict.fromkeys(EVERYONE, 404), ANONYMOUS: 404})
    ],
    "api:create_token": [
        (
            "post",
            lambda r: "/api/v1/auth/token",
            {"email": "nobody@jalon.test", "password": "x"},
            {**dict.fromkeys(EVERYONE, 401), ANONYMOUS: 401},
        ),
    ],
    "api:list_organisations": [
        (
            "get",
            lambda r: "/api/v1/organisations/",
            None,
            {**dict.fromkeys(EVERYONE, 200), ANONYMOUS: API_UNAUTHENTICATED},
        )
    ],
    "api:list_young_people": [
        (
            "get",
            lambda r: "/api/v1/young-people/",
            None,
            {**only(200, ML_STAFF, 403), ANONYMOUS: API_UNAUTHENTICATED},
        ),
    ],
    "api:create_young_person": [
        (
            "post",
            lambda r: "/api/v1/young-people/",
            {},
            {**only(400, ML_STAFF, 400), ANONYMOUS: API_UNAUTHENTICATED},
        ),
    ],
    "api:get_young_person": [
        (
            "get",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}",
            None,
            {**only(200, ML_A_STAFF, 404), ANONYMOUS: API_UNAUTHENTICATED},
        ),
    ],
    "api:update_young_person": [
        (
            "patch",
            lambda r: f"/api/v1/young-people/{r['yp'].uid}",
            {"diploma": "CAP Cuisine", "version": 1},
            {**only(200, ML_A_STAFF, 404), ANONYMOUS: API_UNAUTHENTICATED},
        ),
    ],
}
# Django's own admin is checked in tests/accounts (staff only).
EXCLUDED_NAMESPACES = ("admin:",)

APP_ACCESS_MODULES = [
    importlib.import_module(f"tests.{info.name}.access")
    for info in pkgutil.iter_modules(tests.__path__)
    if info.ispkg and importlib.util.find_spec(f"tests.{info.name}.access")
]
for module in APP_ACCESS_MODULES:
    PAGES.update(getattr(module, "PAGES", {}))
    API.update(getattr(module, "API", {}))


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, prefix)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}"


def test_every_url_has_a_matrix_entry():
    names = {
        n for n in _url_names(get_resolver().url_patterns) if not n.startswith(EXCLUDED_NAMESPACES)
    }
    missing = names - set(PAGES) - set(API)
    assert not missing, f"URLs without an access-matrix entry: {sorted(missing)}"


def test_every_persona_is_in_every_entry():
    for name, (_, _, statuses) in PAGES.items():
        assert set(statuses) == EVERYONE | {ANONYMOUS}, name
    for name, operations in API.items():
        for _, _, _, statuses in operations:
            assert set(statuses) == EVERYONE | {ANONYMOUS}, name


@pytest.fixture
def records(young_person_a):
    built = {"yp": young_person_a, "period": PublicPeriodFactory(young_person=young_person_a)}
    for module in APP_ACCESS_MODULES:
        if hasattr(module, "records"):
            built.update(module.records(young_person_a))
    return built


PERSONAS = sorted(EVERYONE | {ANONYMOUS})


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages(persona, personas, records, client_for):
    user = personas.get(persona)
    failures = []
    for name, (method, build, statuses) in PAGES.items():
        client = client_for(user)
        data = (
            {"end_date": "2020-01-01", "public": "qpv", "start_date": "2020-01-01"}
            if method == "post"
            else None
        )
        response = getattr(client, method)(build(records), data=data)
        if response.status_code != statuses[persona]:
            failures.append(f"{name}: {response.status_code} (expected {statuses[persona]})")
    assert not failures, f"{persona}: " + "; ".join(failures)


@pytest.mark.parametrize("persona", PERSONAS)
def test_api(persona, personas, records, client_for, api_token_for):
    user = personas.get(persona)
    client = client_for(None)
    headers = {"Authorization": f"Bearer {api_token_for(user)}"} if user else {}
    failures = []
    for name, operations in API.items():
        for method, build, body, statuses in operations:
            kwargs = {"headers": headers, **api_body(body)}
            response = getattr(client, method)(build(records), **kwargs)
            if response.status_code != statuses[persona]:
                failures.append(
                    f"{name} {method}: {response.status_code} (expected {statuses[persona]})"
                )
    assert not failures, f"{persona}: " + "; ".join(failures)

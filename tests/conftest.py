"""Personas and records shared by the whole suite.

Two Missions Locales in two regions: A (Toulouse, Occitanie) and B (Verdun, Grand Est).
Each persona is a logged-in test client factory; records exist in A and in B.
"""

import os

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from hypothesis import settings as hypothesis_settings

from jalon.accounts.models import Role
from tests.factories import (
    OrganisationFactory,
    SiteFactory,
    UserFactory,
    YoungPersonFactory,
    commune,
    confirmed_totp_device,
)

# Property-based tests (hypothesis): "ci" is derandomised and bounded, so a run is repeatable
# and fast; "dev" explores more, with new random examples each run. JALON_HYPOTHESIS=dev.
hypothesis_settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, max_examples=40, print_blob=True
)
hypothesis_settings.register_profile("dev", deadline=None, max_examples=400, database=None)
hypothesis_settings.load_profile(os.environ.get("JALON_HYPOTHESIS", "ci"))


@pytest.fixture
def unml(db):
    return OrganisationFactory(unml=True, code="UNML", commune=commune("75056"))


@pytest.fixture
def arml_a(db, unml):
    return OrganisationFactory(arml=True, code="ARML-OCC", parent=unml)


@pytest.fixture
def ml_a(db, arml_a):
    return OrganisationFactory(code="ML-A", name="Mission Locale de Toulouse", parent=arml_a)


@pytest.fixture
def ml_b(db, unml):
    arml_b = OrganisationFactory(
        arml=True, code="ARML-GE", name="ARML Grand Est", commune=commune("54395"), parent=unml
    )
    return OrganisationFactory(
        code="ML-B",
        name="Mission Locale du Nord Meusien",
        commune=commune("55545"),
        parent=arml_b,
        phone="03 29 00 00 55",
        email="contact@ml-b.test",
    )


@pytest.fixture
def site_a(ml_a):
    return SiteFactory(mission_locale=ml_a, name="Toulouse Centre")


def _user(role, organisation, **extra):
    return UserFactory(role=role, organisation=organisation, **extra)


@pytest.fixture
def personas(db, unml, arml_a, ml_a, ml_b):
    """Every role the access policy knows, with the structure it belongs to."""
    spip = OrganisationFactory(spip=True, code="SPIP31")
    pjj = OrganisationFactory(pjj=True, code="UEAJ31")
    cd = OrganisationFactory(departement_council=True, code="CD31")
    agency = OrganisationFactory(france_travail=True, code="FT-TOULOUSE")
    return {
        "reception_a": _user(Role.RECEPTION, ml_a),
        "counsellor_a": _user(Role.COUNSELLOR, ml_a),
        "cjml_a": _user(Role.CJML, ml_a),
        "justice_referent_a": _user(Role.JUSTICE_REFERENT, ml_a),
        "director_a": _user(Role.DIRECTOR, ml_a),
        "counsellor_b": _user(Role.COUNSELLOR, ml_b),
        "director_b": _user(Role.DIRECTOR, ml_b),
        "arml_pilot": _user(Role.ARML_PILOT, arml_a),
        "national_pilot": _user(Role.NATIONAL_PILOT, unml),
        "cpip": _user(Role.CPIP, spip),
        "pjj_educator": _user(Role.PJJ_EDUCATOR, pjj),
        "ase_referent": _user(Role.ASE_REFERENT, cd),
        "france_travail": _user(Role.FRANCE_TRAVAIL_ADVISER, agency),
        "dpo_a": _user(Role.DATA_PROTECTION_OFFICER, ml_a),
        "administrator": _user(Role.ADMINISTRATOR, unml, is_staff=True, is_superuser=True),
    }


@pytest.fixture
def counsellor_a(personas):
    return personas["counsellor_a"]


@pytest.fixture
def director_a(personas):
    return personas["director_a"]


@pytest.fixture
def counsellor_b(personas):
    return personas["counsellor_b"]


@pytest.fixture
def young_person_a(ml_a, counsellor_a):
    return YoungPersonFactory(
        mission_locale=ml_a, last_name="Dupont", first_names="Lucas", referent=counsellor_a
    )


@pytest.fixture
def young_person_b(ml_b):
    return YoungPersonFactory(
        mission_locale=ml_b,
        last_name="Lefèvre",
        first_names="Inès",
        postal_code="55100",
        commune=commune("55545"),
    )


@pytest.fixture
def client_for():
    """A test client signed in as the given user, second factor included (None: anonymous).

    As after a real sign-in: password (force_login), then a TOTP device verified in the session
    the way django_otp.login records it; the re-authentication window is open.
    """

    def make(user):
        client = Client()
        if user is not None:
            client.force_login(user)
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = confirmed_totp_device(user).persistent_id
            session.save()
        return client

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def api_token_for(db):
    from datetime import timedelta

    from jalon.accounts.models import ApiToken

    def make(user):
        return ApiToken.issue(user, timedelta(hours=1))[1]

    return make


def pytest_collection_modifyitems(config, items):
    from django.db import connection

    skip_pg = pytest.mark.skip(reason="PostgreSQL-only feature (DATABASE_URL=postgres://...)")
    is_pg = connection.vendor == "postgresql"
    for item in items:
        if "postgresql" in item.keywords and not is_pg:
            item.add_marker(skip_pg)


# --- Data the migrations load, back after each transactional test ---------------------------
# A transactional test (browser, backup, PostgreSQL races) ends with a flush of every table,
# which also removes the geography and reference values that migrations loaded.

_DB_BLOCKER = {}


@pytest.fixture(scope="session", autouse=True)
def _keep_db_blocker(django_db_blocker):
    _DB_BLOCKER["blocker"] = django_db_blocker


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the flush (the fixtures' teardown), whatever test comes next (after the last one,
    the test database is already gone)."""
    yield
    if nextitem is not None and _is_transactional(item) and "blocker" in _DB_BLOCKER:
        from tests.seed_data import restore_if_flushed

        with _DB_BLOCKER["blocker"].unblock():
            restore_if_flushed()

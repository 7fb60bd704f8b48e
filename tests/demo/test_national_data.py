"""The national dataset at a tiny scale: the contract the benchmarks and the load test rely on.

The PostgreSQL tests load the dataset once each (a few seconds); SQLite gets a clear refusal."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.urls import reverse

from jalon.accounts.backends import DEMO_PASSWORD
from jalon.accounts.models import Role, User
from jalon.network.models import Organisation
from jalon.scheduling.models import Appointment
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.search import search_young_people
from jalon.youngpeople.timeline import timeline

BENCH = "national.jalon.test"


@pytest.fixture
def national(db, settings):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only feature (DATABASE_URL=postgres://...)")
    # As with JALON_DEMO=1: the demo password is accepted and no second factor is required.
    settings.DEMO_MODE = True
    settings.JALON_REQUIRE_2FA = False
    output = io.StringIO()
    call_command("demo-data", national=True, scale=0.0005, seed=7, stdout=output)
    return output.getvalue()


def test_refused_on_sqlite_with_a_french_message(db):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only: PostgreSQL loads the dataset")
    with pytest.raises(CommandError, match="demande PostgreSQL"):
        call_command("demo-data", national=True, scale=0.0005)


def test_network_bench_accounts_and_files_follow_the_contract(national):
    assert "Jeu de données national chargé" in national
    missions_locales = Organisation.objects.missions_locales()
    assert missions_locales.count() >= 4
    for ml in missions_locales:
        assert ml.sites.exists() and ml.communes_covered.exists()
        assert ml.members.filter(role=Role.DIRECTOR).count() == 1
        assert ml.members.filter(role=Role.COUNSELLOR).count() >= 3

    counsellor = User.objects.get(email=f"bench.conseiller@{BENCH}")
    assert counsellor.role == Role.COUNSELLOR
    assert counsellor.portfolio.filter(status="active").count() == 300
    assert counsellor.portfolio.count() == 300
    assert len(timeline(counsellor.portfolio.order_by("pk").first())) == 200
    assert Appointment.objects.filter(counsellor=counsellor, status="planned").exists()
    director = User.objects.get(email=f"bench.directeur@{BENCH}")
    assert (director.role, director.organisation_id) == (Role.DIRECTOR, counsellor.organisation_id)
    regional = User.objects.get(email=f"bench.pilote-region@{BENCH}")
    assert regional.role == Role.ARML_PILOT
    assert regional.organisation.region_id == counsellor.organisation.region_id
    assert User.objects.get(email=f"bench.pilote@{BENCH}").role == Role.NATIONAL_PILOT

    people = YoungPerson.objects.annotate(receptions_count=Count("receptions"))
    assert people.count() >= 550
    assert not people.exclude(receptions_count=1).exists()
    person = YoungPerson.objects.order_by("pk")[10]
    assert person.search_name == person.compute_search_name()
    assert 16 <= person.age_at_first_reception <= 25
    found = search_young_people(
        YoungPerson.objects.all(), f"{person.first_names} {person.last_name}"
    )
    assert person in found[:100]

    with pytest.raises(CommandError, match="--replace"):
        call_command("demo-data", national=True, scale=0.0005)


def test_generated_counsellors_log_in_and_open_their_worklist(national, client):
    counsellors = User.objects.filter(role=Role.COUNSELLOR, email__endswith=".jalon.test")
    assert counsellors.count() >= 10
    other = counsellors.exclude(email__startswith="bench.").order_by("pk").first()
    for email in (f"bench.conseiller@{BENCH}", other.email):
        response = client.post("/connexion/", {"username": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.get(reverse("alerts:worklist")).status_code == 200
        client.post("/deconnexion/")

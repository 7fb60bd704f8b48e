"""Stored per-Mission-Locale counts (`snapshots`) give the national and regional tables the
figures a live count gives, and a change recounts only the Mission Locale it belongs to."""

import datetime

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext, override_settings

from jalon.core import routers
from jalon.network.models import Organisation
from jalon.reporting import periods, selectors, snapshots
from jalon.reporting.models import CountSnapshot
from tests.factories import YoungPersonFactory
from tests.reception.factories import FirstReceptionFactory
from tests.reporting import scenario as scripted

MARCH = periods.build("mois", day=datetime.date(2025, 3, 15))
YEAR = periods.build("annee", day=datetime.date(2025, 3, 15))


def _live(breakdown, period):
    return selectors._counts(Organisation.objects.missions_locales(), breakdown, period)


@pytest.mark.parametrize("breakdown", ["region", "mission_locale"])
@pytest.mark.parametrize("period", [MARCH, YEAR], ids=["month", "year"])
def test_stored_counts_add_up_to_the_live_counts(
    scenario, justice_scenario, child_welfare_scenario, breakdown, period
):
    everyone = Organisation.objects.missions_locales()
    assert snapshots.counts(everyone, breakdown, period) == _live(breakdown, period)
    assert CountSnapshot.objects.filter(period_start=period.start).count() == everyone.count()


def test_a_change_recounts_only_its_mission_locale(
    ml_a, ml_b, site_a, counsellor_a, counsellor_b, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scripted.build(ml_a=ml_a, ml_b=ml_b, site_a=site_a, counsellor=counsellor_a)
    everyone = Organisation.objects.missions_locales()
    assert snapshots.refresh(MARCH) == everyone.count()
    assert snapshots.refresh(MARCH) == 0
    with django_capture_on_commit_callbacks(execute=True):
        newcomer = YoungPersonFactory(mission_locale=ml_b, first_reception_date=MARCH.start)
        FirstReceptionFactory(
            young_person=newcomer, received_on=MARCH.start, received_by=counsellor_b
        )
    recounted = CountSnapshot.objects.filter(period_start=MARCH.start, mission_locale=ml_b)
    before = recounted.get().computed_at
    assert snapshots.refresh(MARCH) == 1
    assert recounted.get().computed_at > before
    assert snapshots.counts(everyone, "region", MARCH) == _live("region", MARCH)


def test_the_national_table_follows_a_change(
    personas, scenario, ml_b, counsellor_b, django_capture_on_commit_callbacks
):
    pilot = personas["national_pilot"]
    national = selectors.resolve_scope(pilot, "national")
    before = selectors.table(pilot, "cpo-2", national, MARCH).totals[0]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):  # enough not to be hidden as a small count
            person = YoungPersonFactory(mission_locale=ml_b, first_reception_date=MARCH.start)
            FirstReceptionFactory(
                young_person=person, received_on=MARCH.start, received_by=counsellor_b
            )
    after = selectors.table(pilot, "cpo-2", national, MARCH).totals[0]
    assert after == (before or 0) + 5


def test_a_custom_range_is_counted_live(scenario):
    custom = periods.build("libre", start=datetime.date(2025, 3, 1), end=datetime.date(2025, 3, 31))
    everyone = Organisation.objects.missions_locales()
    assert snapshots.counts(everyone, "region", custom) == _live("region", MARCH)
    assert not CountSnapshot.objects.exists()


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_reporting_reads_go_to_the_replica_and_writes_to_the_primary(personas, scenario):
    """Committed data (the replica is another connection: it sees no open transaction)."""
    pilot = personas["national_pilot"]
    national = selectors.resolve_scope(pilot, "national")
    on_primary = selectors.table(pilot, "cpo-2", national, MARCH).totals
    snapshots.forget()
    with (
        override_settings(JALON_REPORTING_DATABASE="replica"),
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        on_replica = selectors.table(pilot, "cpo-2", national, MARCH).totals
        with routers.reporting_reads():
            assert Organisation.objects.all().db == "replica"
        assert Organisation.objects.all().db == "default"
    assert on_replica == on_primary
    assert any("reporting_countsnapshot" in q["sql"] for q in replica.captured_queries)
    written = [q["sql"] for q in primary.captured_queries if q["sql"].startswith("INSERT")]
    assert any("reporting_countsnapshot" in sql for sql in written)


@pytest.mark.django_db(transaction=True)
def test_several_workers_count_what_one_counts(scenario, justice_scenario):
    """Committed data: each worker counts on a connection of its own."""
    everyone = Organisation.objects.missions_locales()
    with override_settings(JALON_REPORTING_WORKERS=1):
        snapshots.refresh(YEAR, cold=True)
        alone = snapshots.counts(everyone, "mission_locale", YEAR)
    with override_settings(JALON_REPORTING_WORKERS=3):
        assert snapshots.refresh(YEAR, cold=True) == everyone.count()
        assert snapshots.counts(everyone, "mission_locale", YEAR) == alone
    assert alone == _live("mission_locale", YEAR)


def test_the_periods_of_a_table_are_recounted_together(scenario):
    everyone = Organisation.objects.missions_locales()
    assert snapshots.refresh([MARCH, MARCH.previous()]) == 2 * everyone.count()
    assert snapshots.refresh([MARCH, MARCH.previous()]) == 0
    for period in (MARCH, MARCH.previous()):
        assert snapshots.counts(everyone, "region", period) == _live("region", period)

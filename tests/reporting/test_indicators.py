"""Every indicator of the scripted month (tests/reporting/scenario.py) against the value a
person computes by hand from the definitions."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jalon.reporting import periods, selectors
from jalon.reporting.definitions import INDICATORS

MARCH = periods.build("mois", day=datetime.date(2025, 3, 15))


def _table(user, code, scope_key=None, breakdown=""):
    scope = selectors.resolve_scope(user, scope_key or f"ml:{user.organisation.code}", breakdown)
    return selectors.table(user, code, scope, MARCH)


def _totals(table):
    return dict(zip([c.key for c in table.indicator.columns], table.totals, strict=True))


@pytest.fixture
def director(personas, scenario):
    return personas["director_a"]


def test_rule_cpo_2_counts_young_people_with_a_held_event_and_first_receptions(director):
    """Alice (reception), Bruno (interview held), Chloé (workshop), Fanny (anonymised, still
    counted); David's interview is in February; absences, the merged file and ML B never count.
    QPV on the day of the event: only Alice (Bruno's QPV starts after his interview, Chloé's
    ends before her workshop). First receptions in March: Alice and Fanny."""
    table = _table(director, "cpo-2")
    assert _totals(table) == {
        "received": 4,
        "received_qpv": 1,
        "first_reception": 2,
        "first_reception_qpv": 1,
    }
    assert table.previous_totals == [1, 0, 0, 0]  # February: David's diagnostic interview


def test_rule_cpo_3_counts_entries_once_in_total_and_once_per_programme(director):
    """Alice entered a PACEA then a CEJ (once in total, once in each), Chloé an orientation
    sequence; both lived in a QPV on their start date."""
    assert _totals(_table(director, "cpo-3")) == {
        "entered": 2,
        "entered_qpv": 2,
        "entered_orientation_sequence": 1,
        "entered_pacea": 1,
        "entered_cej": 1,
    }


def test_rule_cpo_4_counts_pathways_active_one_day_of_the_period(director):
    """Alice, Bruno (until 15 March), Chloé, David; QPV while the pathway was active: Alice and
    Chloé (Bruno's QPV starts after his PACEA ended)."""
    table = _table(director, "cpo-4")
    assert _totals(table) == {"present": 4, "present_qpv": 2}
    assert table.previous_totals == [2, 0]  # February: Bruno and David


def test_rule_cpo_6_needs_employment_or_training_while_the_pathway_is_active(director):
    """Alice's training meets her CEJ in March; Chloé's job starts after her sequence; David's
    work-study ended in February (it counts for February)."""
    table = _table(director, "cpo-6")
    assert _totals(table) == {"in_employment_or_training": 1, "in_employment_or_training_qpv": 1}
    assert table.previous_totals == [1, 0]


def test_rule_cpo_8_counts_exits_to_employment_or_training(director):
    """Bruno (sustainable employment, 15 March) and Chloé (training, 25 March); Alice's PACEA
    ended for another programme. Neither lived in a QPV on the exit date."""
    assert _totals(_table(director, "cpo-8")) == {
        "left_employment_or_training": 2,
        "left_employment_or_training_qpv": 0,
        "left_sustainable_employment": 1,
        "left_sustainable_employment_qpv": 0,
    }


def test_rule_profiles_describe_the_young_people_received(director):
    """Received in March: Alice (V, 19 at first reception), Bruno (IV, 18 on his birthday),
    Chloé (no level, 16; 17 on 31 March), Fanny (V, 27)."""
    levels = _table(director, "profil-niveau")
    assert {k: v for k, v in _totals(levels).items() if v} == {"V": 2, "IV": 1, "unknown": 1}
    assert levels.grand_total == 4
    ages = _table(director, "profil-age")
    assert {k: v for k, v in _totals(ages).items() if v} == {
        "16": 1,
        "18": 1,
        "19": 1,
        "26_plus": 1,
    }
    assert _totals(_table(director, "profil-majorite")) == {"minor": 1, "adult": 3}


def test_rule_a_director_splits_the_figures_by_site_and_by_counsellor(director, site_a):
    by_site = _table(director, "cpo-2", breakdown="site")
    rows = {row.label: row.values[0] for row in by_site.rows}
    assert rows == {site_a.name: 2, "Sans site": 2}
    by_counsellor = _table(director, "cpo-2", breakdown="referent")
    rows = {row.label: row.values[0] for row in by_counsellor.rows}
    assert rows["Sans référent·e"] == 1  # Fanny
    assert sum(rows.values()) == 4


def test_rule_only_a_director_splits_by_counsellor(personas, scenario):
    counsellor = personas["counsellor_a"]
    table = _table(counsellor, "cpo-2", breakdown="referent")
    assert table.breakdown_label == "Site"


def test_rule_pilots_read_anonymised_tables_of_their_territory(personas, scenario):
    pilot = personas["arml_pilot"]
    assert [key for key, _ in selectors.scope_choices(pilot)] == ["region:76", "ml:ML-A"]
    table = _table(pilot, "cpo-2", scope_key="region:76")
    assert table.anonymised
    assert [row.label for row in table.rows] == ["Mission Locale de Toulouse"]
    assert table.rows[0].values == [None, None, None, None]  # 4, 1, 2, 1: all under 5
    assert table.totals == [None, None, None, None]
    assert table.rows[0].scope_key == "ml:ML-A"


def test_rule_a_pilot_cannot_read_another_region(personas, scenario):
    with pytest.raises(selectors.ValidationError):
        selectors.resolve_scope(personas["arml_pilot"], "ml:ML-B")
    with pytest.raises(selectors.ValidationError):
        selectors.resolve_scope(personas["director_b"], "ml:ML-A")


def test_rule_the_national_pilot_reads_regions_then_missions_locales(personas, scenario):
    pilot = personas["national_pilot"]
    table = _table(pilot, "cpo-4", scope_key="national")
    assert table.breakdown_label == "Région"
    assert {row.scope_key for row in table.rows} >= {"region:76", "region:44"}


def test_the_drill_down_lists_the_young_people_of_the_figure(director, scenario):
    scope = selectors.resolve_scope(director, "ml:ML-A")
    counted, visible = selectors.counted_young_people(
        director, "cpo-2", "received", scope, MARCH, ""
    )
    assert counted == 4
    assert {yp.last_name for yp in visible} == {"Alice", "Bruno", "Chloé"}  # Fanny anonymised
    counted, visible = selectors.counted_young_people(
        director, "cpo-3", "entered_qpv", scope, MARCH, ""
    )
    assert {yp.last_name for yp in visible} == {"Alice", "Chloé"}
    counted, visible = selectors.counted_young_people(
        director, "profil-age", "16", scope, MARCH, ""
    )
    assert [yp.last_name for yp in visible] == ["Chloé"]
    counted, visible = selectors.counted_young_people(
        director, "profil-niveau", "unknown", scope, MARCH, ""
    )
    assert [yp.last_name for yp in visible] == ["Chloé"]


def test_counting_takes_a_bounded_number_of_queries(director, scenario, ml_a):
    """Set-based: the same number of queries with 5 or 50 more young people."""

    def queries():
        scope = selectors.resolve_scope(director, "ml:ML-A")
        with CaptureQueriesContext(connection) as captured:
            selectors.tables(director, scope, MARCH)
        return len(captured)

    before = queries()
    from tests.reporting import scenario as scripted

    for _ in range(3):
        scripted.build(ml_a=ml_a, ml_b=ml_a, site_a=None, counsellor=director)
    assert queries() == before


def test_every_indicator_has_a_definition():
    for indicator in INDICATORS.values():
        assert indicator.counted and indicator.counted_on and indicator.period_rule
        assert indicator.source

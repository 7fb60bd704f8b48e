"""The justice agreement's and the child-welfare convention's figures for the scripted March of
tests/reporting/partnership_scenario.py, against the values computed by hand."""

import datetime
import io

import pytest
from openpyxl import load_workbook

from jalon.reporting import periods, selectors

MARCH = periods.build("mois", day=datetime.date(2025, 3, 15))


def _table(user, code, scope_key="ml:ML-A", breakdown=""):
    return selectors.table(user, code, selectors.resolve_scope(user, scope_key, breakdown), MARCH)


def _totals(table):
    return dict(zip([c.key for c in table.indicator.columns], table.totals, strict=True))


def _rows(table):
    keys = [c.key for c in table.indicator.columns]
    return {row.label: dict(zip(keys, row.values, strict=True)) for row in table.rows}


@pytest.fixture
def director(personas, justice_scenario, child_welfare_scenario):
    return personas["director_a"]


def test_rule_justice_counts_jsmj_received_accompanied_and_their_interviews(director):
    """Received: Yanis (4 and 11 March) and Zoé (17 March, once under justice); Walid's JSMJ
    period ended in February, ML B never counts. Accompanied: those two and Xavier (CEJ active).
    Interviews: Yanis's appointment and session interview, Zoé's second appointment (the
    cancelled session and the absence do not count). Workshops: Yanis's (Zoé's was before).
    Leaves: Yanis's two, one for a PMSMP. Released from detention: Yanis (Xavier in February,
    Zoé's measure is not a detention)."""
    assert _totals(_table(director, "justice")) == {
        "jsmj_received": 2,
        "jsmj_accompanied": 3,
        "jsmj_interviews": 3,
        "jsmj_participations": 1,
        "jsmj_leaves": 2,
        "jsmj_pmsmp_leaves": 1,
        "jsmj_released": 1,
    }


def test_rule_justice_orientations_are_counted_per_establishment(director, justice_scenario):
    """Three forms from justice partners in March: one naming P1 (Yanis), two without
    establishment (Zoé's, and the PJJ's not matched to a file)."""
    table = _table(director, "justice-orientations")
    assert table.breakdown_label == "Établissement pénitentiaire"
    assert _rows(table) == {
        justice_scenario["p1"].name: {"justice_forms": 1, "justice_forms_young_people": 1},
        "Sans établissement (milieu ouvert)": {
            "justice_forms": 2,
            "justice_forms_young_people": 1,
        },
    }
    assert _totals(table) == {"justice_forms": 3, "justice_forms_young_people": 2}


def test_rule_justice_situation_at_release_describes_the_released(director):
    table = _table(director, "justice-sortie")
    assert table.grand_total == 1
    assert {k: v for k, v in _totals(table).items() if v} == {"training": 1}
    assert table.previous_grand_total == 1  # February: Xavier, without solution


def test_rule_justice_detention_counts_sessions_tig_and_job_events(director):
    assert _totals(_table(director, "justice-detention")) == {
        "cjml_sessions": 1,
        "tig_paths": 1,
        "tig_habilitated": 1,
        "job_events": 1,
        "job_event_participations": 1,
    }


def test_rule_jsmj_by_measure_splits_the_accompanied(director):
    table = _table(director, "profil-jsmj")
    assert table.grand_total == 3
    assert _totals(table) == {
        "justice_detention": 2,
        "justice_open": 1,
        "justice_pjj_placement": 0,
        "unknown": 0,
    }


def test_rule_ase_six_indicators_are_counted_per_departement(director, child_welfare_scenario):
    table = _table(director, "ase")
    assert table.breakdown_label == "Département"
    cd31 = director.organisation.__class__.objects.get(code="CD31").name
    assert _rows(table) == {
        cd31: {
            "ase_asked": 1,
            "ase_joint_interviews": 1,
            "ase_diagnostics": 1,
            "ase_registered": 2,
            "ase_joint_projects": 1,
            "ase_cej": 2,
        },
        child_welfare_scenario["cd55"].name: {
            "ase_asked": 1,
            "ase_joint_interviews": 0,
            "ase_diagnostics": 0,
            "ase_registered": 0,
            "ase_joint_projects": 0,
            "ase_cej": 0,
        },
    }
    assert table.previous_totals[0] == 1  # February: Jade asked


def test_rule_penal_tables_are_for_justice_habilitated_staff(personas, justice_scenario):
    """A counsellor reads the child-welfare table but not the justice ones; the CJML does."""
    counsellor_codes = {
        t.indicator.code
        for t in selectors.tables(
            personas["counsellor_a"],
            selectors.resolve_scope(personas["counsellor_a"], "ml:ML-A"),
            MARCH,
        )
    }
    assert "ase" in counsellor_codes
    assert not counsellor_codes & {"justice", "justice-sortie", "profil-jsmj"}
    assert _totals(_table(personas["cjml_a"], "justice"))["jsmj_received"] == 2


def test_the_drill_down_of_a_record_line_lists_the_young_people_concerned(
    director, justice_scenario
):
    scope = selectors.resolve_scope(director, "ml:ML-A")
    _, visible = selectors.counted_young_people(
        director, "justice", "jsmj_interviews", scope, MARCH, ""
    )
    assert {yp.last_name for yp in visible} == {"Yanis", "Zoé"}
    p1 = str(justice_scenario["p1"].pk)
    _, visible = selectors.counted_young_people(
        director, "justice-orientations", "justice_forms", scope, MARCH, p1
    )
    assert [yp.last_name for yp in visible] == ["Yanis"]
    _, visible = selectors.counted_young_people(
        director, "profil-jsmj", "justice_open", scope, MARCH, ""
    )
    assert [yp.last_name for yp in visible] == ["Zoé"]
    with pytest.raises(selectors.ValidationError):
        selectors.counted_young_people(
            director, "justice-detention", "cjml_sessions", scope, MARCH, ""
        )


def test_pilots_read_the_departements_of_their_region_anonymised(personas, child_welfare_scenario):
    """At region level the child-welfare figures, all below the threshold, are hidden; at the
    level of one Mission Locale a pilot has no table by Département."""
    pilot = personas["arml_pilot"]
    table = _table(pilot, "ase", "region:76")
    assert table.anonymised
    assert all(value is None for value in table.totals if value)
    assert table.totals[0] is None
    ml_scope = selectors.resolve_scope(pilot, "ml:ML-A")
    assert "ase" not in {t.indicator.code for t in selectors.tables(pilot, ml_scope, MARCH)}


def _workbook(response):
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(response.content))


def test_the_yearly_child_welfare_sheet_gives_each_departement_its_six_figures(
    client_for, director, child_welfare_scenario
):
    """Over the civil year 2025 (to 31 December): CD31 was asked once in March and once in
    February (Jade), both registered in March, two CEJ beneficiaries."""
    workbook = _workbook(
        client_for(director).get(
            "/indicateurs/fiche-ase.xlsx?perimetre=ml:ML-A&periode=mois&date=2025-03-15"
        )
    )
    cd55 = child_welfare_scenario["cd55"].name
    cd31 = next(name for name in workbook.sheetnames if name not in {cd55[:28], "Définitions"})
    figures = {row[0]: row[1] for row in workbook[cd31].iter_rows(values_only=True) if row[0]}
    assert workbook[cd31]["A1"].value.startswith("Fiche annuelle au 31 décembre 2025")
    assert figures["Sollicitations du Département"] == 2
    assert figures["Inscrits pour un suivi"] == 2
    assert figures["Bénéficiaires du CEJ"] == 2
    assert figures["Entretiens des 17 ans en binôme"] == 1


def test_the_justice_transmission_holds_the_year_anonymised_with_the_governance(
    client_for, personas, justice_scenario
):
    pilot = personas["national_pilot"]
    workbook = _workbook(
        client_for(pilot).get(
            "/indicateurs/transmission-justice.xlsx?perimetre=national&periode=annee&date=2025-06-01"
        )
    )
    assert {"Synthèse", "Gouvernance", "Baromètre", "JUSTICE", "JUSTICE-SORTIE"} <= set(
        workbook.sheetnames
    )
    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True) if row[0]}
    assert summary["JSMJ accueillis (reçus en entretien)"] == "s"  # 2 young people: hidden
    assert summary["ML habilitées TIG"] == "s"


def test_only_justice_habilitated_staff_download_the_justice_transmission(
    client_for, personas, justice_scenario
):
    url = "/indicateurs/transmission-justice.xlsx?periode=annee&date=2025-06-01"
    assert client_for(personas["counsellor_a"]).get(url).status_code == 403
    workbook = _workbook(client_for(personas["director_a"]).get(url))
    summary = {row[0]: row[1] for row in workbook["Synthèse"].iter_rows(values_only=True) if row[0]}
    assert summary["Entretiens réalisés"] == 3
    assert "Gouvernance" not in workbook.sheetnames

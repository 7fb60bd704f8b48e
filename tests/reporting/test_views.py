"""Dashboards, drill-down, exports and API as their users see them."""

import csv
import io

import pytest
from django.utils.html import escape
from openpyxl import load_workbook

from jalon import policy
from jalon.audit.models import AuditEntry
from jalon.reporting import anonymisation, periods, selectors
from jalon.reporting.definitions import INDICATORS, TableShape
from tests.factories import OrganisationFactory, YoungPersonFactory
from tests.reception.factories import FirstReceptionFactory

MARCH = "periode=mois&date=2025-03-15"


def test_a_director_reads_the_dashboard_of_the_scripted_month(client_for, director_a, scenario):
    response = client_for(director_a).get(f"/indicateurs/?{MARCH}")
    assert response.status_code == 200
    page = response.content.decode()
    assert "mars 2025" in page and "février 2025" in page
    assert 'data-testid="total-cpo-3-entered"' in page
    assert "<svg" in page and "Données du graphique" in page


def test_a_figure_of_the_dashboard_opens_the_young_people_it_counts(
    client_for, director_a, scenario
):
    client = client_for(director_a)
    page = client.get(f"/indicateurs/?{MARCH}").content.decode()
    link = escape(f"/indicateurs/cpo-3/jeunes/?perimetre=ml%3AML-A&{MARCH}&ligne=entered")
    assert f'<a class="fr-link" href="{link}" title="Voir les jeunes comptés">' in page
    listed = client.get(f"/indicateurs/cpo-3/jeunes/?perimetre=ml%3AML-A&{MARCH}&ligne=entered")
    assert "Alice" in listed.content.decode()


def test_the_drill_down_lists_the_young_people_and_is_audited(client_for, director_a, scenario):
    before = AuditEntry.objects.count()
    response = client_for(director_a).get(f"/indicateurs/cpo-3/jeunes/?{MARCH}&ligne=entered")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Alice" in page and "Chloé" in page and "Bruno" not in page
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert str(scenario["alice"].uid) in entry.changes["dossiers"][1]


def test_the_drill_down_says_anonymised_files_are_counted_not_shown(
    client_for, director_a, scenario
):
    response = client_for(director_a).get(f"/indicateurs/cpo-2/jeunes/?{MARCH}&ligne=received")
    page = response.content.decode()
    assert "Dont 1 dossier anonymisé" in page
    assert "Fanny" not in page


def test_a_pilot_never_reaches_a_person(client_for, personas, scenario):
    pilot = client_for(personas["arml_pilot"])
    assert pilot.get(f"/indicateurs/cpo-3/jeunes/?{MARCH}&ligne=entered").status_code == 403
    page = pilot.get(f"/indicateurs/?{MARCH}").content.decode()
    assert "/jeunes/" not in page


def test_bad_parameters_get_a_french_message(client_for, director_a):
    response = client_for(director_a).get("/indicateurs/?periode=libre&du=2025-03-10")
    assert response.status_code == 400
    assert "Indiquez la date de fin." in response.content.decode()
    response = client_for(director_a).get("/indicateurs/?perimetre=ml:ML-B")
    assert response.status_code == 400


def test_csv_opens_in_excel_with_accents(client_for, director_a, scenario):
    response = client_for(director_a).get(f"/indicateurs/cpo-3/export.csv?{MARCH}")
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:3] == ["Site", "Entrés (tous parcours)", "dont QPV"]
    total = next(row for row in rows if row[0].startswith("Total"))
    assert total[1:] == ["2", "2", "1", "1", "1"]


def test_the_xlsx_holds_a_definitions_sheet_and_one_sheet_per_table(
    client_for, director_a, scenario
):
    response = client_for(director_a).get(f"/indicateurs/export.xlsx?{MARCH}")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Définitions", *(code.upper() for code in INDICATORS)]
    sheet = workbook["CPO-8"]
    total = next(
        row for row in sheet.iter_rows(values_only=True) if str(row[0]).startswith("Total")
    )
    assert total[1:] == (2, 0, 1, 0)


@pytest.fixture
def region_of_three(ml_a, counsellor_a):
    """Three Missions Locales of Occitanie receiving 12 (6 minors), 3 and 7 young people in
    March: hiding ML C's 3 alone in CPO n°2 would be undone by the minors/adults table, whose
    row for ML D (0 minors, 7 adults) gives its total back."""
    others = [
        OrganisationFactory(code=code, name=name)
        for code, name in (("ML-C", "ML Albi"), ("ML-D", "ML Castres"))
    ]
    for ml, count in zip([ml_a, *others], (12, 3, 7), strict=True):
        for index in range(count):
            young_person = YoungPersonFactory(
                mission_locale=ml,
                first_reception_date=periods.datetime.date(2025, 3, 2 + index),
                birth_date=periods.datetime.date(2008 if ml == ml_a and index < 6 else 2000, 6, 1),
                level_1969=["V", "IV", ""][index % 3],
            )
            FirstReceptionFactory(
                young_person=young_person,
                received_on=young_person.first_reception_date,
                received_by=counsellor_a,
            )
    return [ml_a, *others]


def _sheet_numbers(sheet, indicator):
    """{(column key, row label): number or None} read back from a sheet ('s' is hidden);
    the total row is labelled TOTAL, the 'Ensemble' column 'received'."""
    rows = list(sheet.iter_rows(values_only=True))
    breakdown = selectors.BREAKDOWN_LABELS[indicator.breakdown or "mission_locale"]
    header = next(i for i, row in enumerate(rows) if row[0] == breakdown)
    keys = [c.key for c in indicator.columns]
    numbers = {}
    for row in rows[header + 1 : -1]:  # the last row is the previous period
        label = "TOTAL" if str(row[0]).startswith("Total") else row[0]
        for key, value in zip(keys, row[1:], strict=False):
            numbers[(indicator.code, key, label)] = None if value == "s" else value
    return numbers


def _equations(labels_of):
    """What a reader of the workbook knows: each column adds up to its total, each
    distribution's categories add up to its population (the young people received, CPO n°2,
    for the profiles) of the same row."""
    equations = []
    for code, indicator in INDICATORS.items():
        labels = labels_of[code]
        for column in indicator.columns:
            parts = tuple((code, column.key, label) for label in labels)
            equations.append(anonymisation.Equation(parts, (code, column.key, "TOTAL")))
        if indicator.shape == TableShape.DISTRIBUTION:
            for label in [*labels, "TOTAL"]:
                parts = tuple((code, c.key, label) for c in indicator.columns)
                equations.append(anonymisation.Equation(parts, (*indicator.population, label)))
    return equations


def test_rule_a_pilots_export_never_holds_a_small_or_recomputable_cell(
    client_for, personas, region_of_three, justice_scenario, child_welfare_scenario, monkeypatch
):
    """Across the whole workbook: no number from 1 to 4 is shown, and no hidden number can be
    recomputed from the others, whatever combination of sheets a reader uses."""
    pilot = personas["arml_pilot"]
    response = client_for(pilot).get(f"/indicateurs/export.xlsx?perimetre=region:76&{MARCH}")
    workbook = load_workbook(io.BytesIO(response.content))
    published = {}
    for code, indicator in INDICATORS.items():
        published.update(_sheet_numbers(workbook[code.upper()], indicator))
    # The true figures, as a reader allowed to see them would get them.
    monkeypatch.setattr(policy, "indicators_are_anonymised", lambda user: False)
    scope = selectors.resolve_scope(pilot, "region:76")
    period = periods.build("mois", day=periods.datetime.date(2025, 3, 15))
    true_values, labels_of = {}, {}
    for table in selectors.tables(pilot, scope, period):
        code = table.indicator.code
        labels_of[code] = [row.label for row in table.rows]
        for row in table.rows:
            for column, value in zip(table.indicator.columns, row.values, strict=True):
                true_values[(code, column.key, row.label)] = value
        for column, value in zip(table.indicator.columns, table.totals, strict=True):
            true_values[(code, column.key, "TOTAL")] = value
    assert set(published) == set(true_values)
    assert (
        anonymisation.disclosure_problems(
            true_values, published, _equations(labels_of), threshold=5
        )
        == []
    )
    hidden = [k for k, v in published.items() if v is None]
    shown = [k for k, v in published.items() if v]
    assert hidden and shown  # the test reads real suppressions and real figures


def test_rule_a_figure_reads_the_same_in_every_pilot_view(client_for, personas, region_of_three):
    """A Mission Locale's figure is the same in its region's table and on its own; a region's
    total is the same in the national table (otherwise a figure hidden in one view would be
    given away by another)."""
    pilot = personas["national_pilot"]
    period = periods.build("mois", day=periods.datetime.date(2025, 3, 15))
    national = selectors.table(pilot, "cpo-2", selectors.resolve_scope(pilot, "national"), period)
    region = selectors.table(pilot, "cpo-2", selectors.resolve_scope(pilot, "region:76"), period)
    occitanie = next(row for row in national.rows if row.scope_key == "region:76")
    assert occitanie.values == region.totals
    for row in region.rows:
        alone = selectors.table(
            pilot, "cpo-2", selectors.resolve_scope(pilot, row.scope_key), period
        )
        assert alone.rows[0].values == row.values == alone.totals


def test_the_api_gives_the_same_figures_and_anonymises_for_pilots(
    client, personas, scenario, api_token_for
):
    director = {"Authorization": f"Bearer {api_token_for(personas['director_a'])}"}
    response = client.get(
        "/api/v1/indicators/cpo-4?from=2025-03-01&to=2025-03-31", headers=director
    )
    body = response.json()
    assert body["totals"] == [4, 2] and body["previous_totals"] == [2, 0]
    assert body["anonymised"] is False
    pilot = {"Authorization": f"Bearer {api_token_for(personas['arml_pilot'])}"}
    body = client.get(
        "/api/v1/indicators/cpo-4?scope=region:76&from=2025-03-01&to=2025-03-31", headers=pilot
    ).json()
    assert body["anonymised"] is True and body["threshold"] == 5
    assert body["totals"] == [None, None]
    refused = client.get("/api/v1/indicators/cpo-4?scope=ml:ML-B", headers=pilot)
    assert refused.status_code == 400
    assert "scope" in refused.json()["errors"]


def test_the_definitions_page_shows_each_rule(client_for, personas):
    page = client_for(personas["cpip"]).get("/indicateurs/definitions/").content.decode()
    for indicator in INDICATORS.values():
        assert escape(indicator.name) in page
    assert "Qui est compté" in page and "JSMJ" in page


def test_the_pilots_overview_links_to_the_indicators(client_for, personas):
    page = client_for(personas["national_pilot"]).get("/pilotage/").content.decode()
    assert 'href="/indicateurs/"' in page

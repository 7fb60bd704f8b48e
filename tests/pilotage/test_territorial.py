"""Territorial context (seed 003, section 2.1): imported figures and the share reached."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.audit.models import AuditEntry
from jalon.network.models import Commune
from jalon.pilotage import services
from jalon.pilotage.models import CommuneFigures, TerritorialImport
from jalon.pilotage.selectors import reach_percent, territorial_context
from tests.factories import YoungPersonFactory
from tests.strategies import (
    DATABASE_EXAMPLES,
    any_text,
    assert_french_validation_error,
    rolled_back,
)

THIS_YEAR = timezone.localdate().year
FIGURES = "commune,population_16_25,job_seekers\n31555,60000,45000\n31069,2500,\n31149,3500,2100\n"


def _import(admin, text=FIGURES, year=THIS_YEAR - 1, source="INSEE RP"):
    return services.import_territorial_figures(actor=admin, source=source, year=year, text=text)


@pytest.fixture
def toulouse_area(ml_a):
    ml_a.communes_covered.set(Commune.objects.filter(code__in=["31555", "31069", "31149"]))
    return ml_a


def _row(user, ml, year=THIS_YEAR):
    context = territorial_context(user, year=year)
    return context, next(row for row in context["rows"] if row["mission_locale"] == ml)


def test_rule_reach_is_files_received_in_the_year_over_population_16_25_of_covered_communes(
    personas, toulouse_area
):
    _import(personas["administrator"])
    for day in (1, 2, 3):
        YoungPersonFactory(
            mission_locale=toulouse_area, first_reception_date=datetime.date(THIS_YEAR, 1, day)
        )
    YoungPersonFactory(
        mission_locale=toulouse_area, first_reception_date=datetime.date(THIS_YEAR - 1, 12, 31)
    )

    context, row = _row(personas["director_a"], toulouse_area)

    assert context["data_year"] == THIS_YEAR - 1  # latest figures up to the year shown
    assert row["population_16_25"] == 66_000
    assert row["job_seekers"] == 47_100 and row["job_seekers_partial"]
    assert row["received"] == 3
    assert row["reach_percent"] == Decimal("0.0")  # 3 / 66,000 = 0.0045 %
    assert reach_percent(3, 66_000) == Decimal("0.0")
    assert reach_percent(1650, 66_000) == Decimal("2.5")
    assert reach_percent(33, 1000) == Decimal("3.3")


def test_rule_no_reach_rate_when_a_covered_commune_has_no_figures(personas, toulouse_area):
    _import(personas["administrator"], text="commune,population_16_25,job_seekers\n31555,60000,1\n")
    _, row = _row(personas["arml_pilot"], toulouse_area)
    assert row["population_16_25"] == 60_000
    assert row["communes_without_figures"] == 2
    assert row["reach_percent"] is None


def test_director_sees_only_their_mission_locale(personas, toulouse_area, ml_b):
    _import(personas["administrator"])
    context = territorial_context(personas["director_a"], year=THIS_YEAR)
    assert [row["mission_locale"] for row in context["rows"]] == [toulouse_area]
    assert [row["commune__departement__code"] for row in context["departements"]] == ["31"]
    national = territorial_context(personas["national_pilot"], year=THIS_YEAR)
    assert {row["mission_locale"] for row in national["rows"]} >= {toulouse_area, ml_b}


def test_a_later_import_of_the_same_year_replaces_the_communes_it_holds(personas, toulouse_area):
    admin = personas["administrator"]
    first = _import(admin)
    second = _import(admin, text="commune,population_16_25,job_seekers\n31555,61000,44000\n")
    figures = CommuneFigures.objects.filter(year=THIS_YEAR - 1)
    assert figures.get(commune__code="31555").population_16_25 == 61_000
    assert figures.get(commune__code="31555").data_import == second
    assert figures.get(commune__code="31069").data_import == first
    assert AuditEntry.objects.filter(object_id=str(second.uid)).get().changes["replaced"] == 1


def test_rule_an_invalid_file_imports_nothing_and_names_every_line(personas):
    text = (
        "commune;population_16_25;job_seekers\n"
        "31555;60000;45000\n"
        "99999;10;1\n"
        "31069;beaucoup;\n"
        "31555;1;1\n"
        "31149;12\n"
    )
    with pytest.raises(ValidationError) as caught:
        _import(personas["administrator"], text=text)
    assert caught.value.message_dict["file"] == [
        "Ligne 3 : le code commune « 99999 » est inconnu.",
        "Ligne 4 : la population de 16 à 25 ans « beaucoup » n'est pas un entier positif.",
        "Ligne 5 : la commune 31555 figure déjà ligne 2.",
        "Ligne 6 : 3 colonnes attendues, 2 lues.",
    ]
    assert not TerritorialImport.objects.exists() and not CommuneFigures.objects.exists()


@pytest.mark.parametrize(
    ("source", "year", "field"),
    [("", THIS_YEAR, "source"), ("INSEE", 1900, "year"), ("INSEE", THIS_YEAR + 1, "year")],
)
def test_source_and_year_are_required(personas, source, year, field):
    with pytest.raises(ValidationError) as caught:
        _import(personas["administrator"], source=source, year=year)
    assert field in caught.value.message_dict


def test_only_a_national_administrator_imports(personas):
    for persona in ("national_pilot", "director_a", "arml_pilot"):
        with pytest.raises(PermissionDenied):
            _import(personas[persona])


def test_administrator_uploads_a_file_and_sees_the_import_listed(personas, client_for):
    client = client_for(personas["administrator"])
    upload = SimpleUploadedFile("insee.csv", FIGURES.encode("utf-8-sig"))
    response = client.post(
        reverse("pilotage:territorial_import"),
        {"source": "INSEE, RP 2022", "year": THIS_YEAR - 1, "file": upload},
        follow=True,
    )
    page = response.content.decode()
    assert f"3 communes importées pour {THIS_YEAR - 1} (INSEE, RP 2022)." in page
    assert "insee.csv" in page


def test_upload_errors_are_shown_in_french(personas, client_for):
    upload = SimpleUploadedFile("insee.csv", b"commune,population_16_25,job_seekers\n2A004,x,1\n")
    response = client_for(personas["administrator"]).post(
        reverse("pilotage:territorial_import"),
        {"source": "INSEE", "year": THIS_YEAR - 1, "file": upload},
    )
    assert "Ligne 2 : la population de 16 à 25 ans « x »" in response.content.decode()
    assert not TerritorialImport.objects.exists()


def test_pilot_page_shows_figures_and_reach(personas, client_for, toulouse_area):
    _import(personas["administrator"])
    YoungPersonFactory(
        mission_locale=toulouse_area, first_reception_date=datetime.date(THIS_YEAR, 1, 5)
    )
    page = (
        client_for(personas["arml_pilot"])
        .get(reverse("pilotage:territorial_context"), {"annee": THIS_YEAR})
        .content.decode()
    )
    assert "<td>66000</td>" in page
    assert f"Données de population de l'année {THIS_YEAR - 1}" in page
    assert "Haute-Garonne (31)" in page


@settings(**DATABASE_EXAMPLES, max_examples=40)
@given(text=any_text, year=st.integers(-5, 10_000))
def test_any_import_file_is_loaded_or_refused_in_french(personas, text, year):
    with rolled_back():
        try:
            _import(
                personas["administrator"],
                text="commune,population_16_25,job_seekers\n" + text,
                year=year,
            )
        except ValidationError as error:
            assert_french_validation_error(error)
            assert not CommuneFigures.objects.exists()

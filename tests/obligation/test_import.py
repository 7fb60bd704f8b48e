"""Importing the rectorats' lists: all or nothing, line-level French errors, no duplicates,
matched with the Mission Locale's files by the duplicate rule of the files."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jalon.audit.models import AuditEntry
from jalon.obligation import csvimport, services
from jalon.obligation.models import LeaverList, ObligationCase
from tests.factories import YoungPersonFactory, years_ago
from tests.obligation.factories import HEADER, MAPPING, csv_bytes, csv_text, leaver_row


def _upload(actor, raw, name="sortants.csv"):
    return services.leaver_list_upload(actor=actor, file_name=name, raw=raw, source="Rectorat")


def _import(actor, raw, mapping=MAPPING):
    leaver_list = _upload(actor, raw)
    return services.leaver_list_import(actor=actor, leaver_list=leaver_list, mapping=mapping)


ROWS = [leaver_row("Moreau", "Lina"), leaver_row("Garnier", "Théo", SEXE="M")]


def test_the_column_titles_of_a_rectorat_are_recognised():
    assert csvimport.guess_mapping(HEADER) == MAPPING
    assert csvimport.guess_mapping(["Nom de l'élève", "Prénom(s)", "Né(e) le"]) == {
        "last_name": 0,
        "first_names": 1,
        "birth_date": 2,
    }


@pytest.mark.parametrize(
    ("delimiter", "encoding", "label"),
    [
        (";", "utf-8", "UTF-8"),
        (",", "cp1252", "Windows-1252"),
        ("\t", "utf-8-sig", "UTF-8"),
        ("\t", "utf-16", "UTF-16"),
    ],
)
def test_semicolons_commas_utf8_and_windows_files_are_read(
    counsellor_a, delimiter, encoding, label
):
    raw = csv_bytes(ROWS, delimiter=delimiter, encoding=encoding)
    leaver_list = _upload(counsellor_a, raw)
    assert (leaver_list.encoding, leaver_list.delimiter) == (label, delimiter)
    result = services.leaver_list_import(
        actor=counsellor_a, leaver_list=leaver_list, mapping=MAPPING
    )
    assert result.created == 2
    theo = ObligationCase.objects.get(first_names="Théo")
    assert theo.establishment == "Lycée Déodat-de-Séverac"
    assert (theo.sex, theo.postal_code, theo.commune_name) == ("M", "31000", "Toulouse")
    assert theo.mission_locale == counsellor_a.organisation


def test_rule_a_malformed_file_is_rejected_with_line_errors_and_nothing_is_imported(
    counsellor_a,
):
    rows = [
        leaver_row("Moreau", "Lina"),
        leaver_row("", "Sans Nom"),
        leaver_row("Garnier", "Théo", **{"DATE NAISSANCE": "31/02/2009"}),
        leaver_row("Petit", "Jules", SEXE="X", **{"CODE POSTAL": "ABCDE"}),
        ["Durand", "Manon"],
    ]
    leaver_list = _upload(counsellor_a, csv_bytes(rows))
    with pytest.raises(ValidationError) as refused:
        services.leaver_list_import(actor=counsellor_a, leaver_list=leaver_list, mapping=MAPPING)
    assert refused.value.message_dict["file"] == [
        "Ligne 3 : Nom manquant.",
        "Ligne 4 : Date de naissance « 31/02/2009 » illisible (attendu JJ/MM/AAAA).",
        "Ligne 5 : Sexe « X » inconnu (attendu F ou M).",
        "Ligne 5 : Code postal « ABCDE » invalide (5 chiffres attendus).",
        "Ligne 6 : 2 colonne(s) au lieu de 12 (comme l'en-tête).",
    ]
    assert not ObligationCase.objects.exists()
    leaver_list.refresh_from_db()
    assert not leaver_list.is_imported


def test_importing_the_same_list_again_creates_no_duplicate(counsellor_a):
    raw = csv_bytes(ROWS)
    assert _import(counsellor_a, raw).created == 2
    # The next month's list names them again, with different case and accents.
    again = [leaver_row("MOREAU", "lina"), leaver_row("Garnier", "Theo"), leaver_row("Roux", "Ana")]
    result = _import(counsellor_a, csv_bytes(again))
    assert (result.created, result.known) == (1, 2)
    assert ObligationCase.objects.count() == 3


def test_a_line_repeated_within_the_file_makes_one_case(counsellor_a):
    rows = [leaver_row("Moreau", "Lina"), leaver_row("Moreau", "Lina")]
    assert _import(counsellor_a, csv_bytes(rows)).created == 1


def test_only_16_and_17_year_olds_are_imported(counsellor_a):
    rows = [
        leaver_row("Moreau", "Lina"),
        leaver_row("Aîné", "Paul", birth_date=years_ago(18)),
        leaver_row("Cadet", "Léo", birth_date=years_ago(15)),
    ]
    result = _import(counsellor_a, csv_bytes(rows))
    assert (result.created, result.ignored) == (1, 2)


def test_cases_are_matched_with_the_mission_locales_files_by_the_duplicate_rule(
    counsellor_a, ml_a, ml_b
):
    born = years_ago(17, days=-10)
    own = YoungPersonFactory(
        mission_locale=ml_a, last_name="Lefèvre", first_names="Inès", birth_date=born
    )
    YoungPersonFactory(mission_locale=ml_b, last_name="Roux", first_names="Ana", birth_date=born)
    rows = [
        leaver_row("LEFEVRE", "Ines Marie", birth_date=born),
        leaver_row("Roux", "Ana", birth_date=born),  # another Mission Locale's file: not linked
        leaver_row("Lefèvre", "Inès", birth_date=years_ago(16)),  # another birth date
    ]
    result = _import(counsellor_a, csv_bytes(rows))
    assert (result.created, result.linked) == (3, 1)
    assert ObligationCase.objects.get(young_person=own).first_names == "Ines Marie"


def test_a_list_of_thousands_of_lines_is_imported_in_bulk(
    counsellor_a, django_assert_max_num_queries
):
    """Inserts go by batches (SQLite's bound on query parameters makes them small): far fewer
    queries than lines, and no query per line to find duplicates or files."""
    rows = [leaver_row(f"Nom{n}", f"Prénom{n}") for n in range(3000)]
    leaver_list = _upload(counsellor_a, csv_bytes(rows))
    with django_assert_max_num_queries(150):
        result = services.leaver_list_import(
            actor=counsellor_a, leaver_list=leaver_list, mapping=MAPPING
        )
    assert result.created == 3000


def test_the_import_is_journaled_and_the_file_content_is_not_kept(counsellor_a):
    leaver_list = _upload(counsellor_a, csv_bytes(ROWS))
    services.leaver_list_import(actor=counsellor_a, leaver_list=leaver_list, mapping=MAPPING)
    leaver_list.refresh_from_db()
    assert leaver_list.content == ""
    assert leaver_list.created_count == 2
    entry = AuditEntry.objects.filter(object_id=str(leaver_list.uid)).latest("id")
    assert entry.changes["situations créées"] == [None, 2]
    assert "Moreau" not in str(entry.changes)
    with pytest.raises(ValidationError, match="déjà été importée"):
        services.leaver_list_import(actor=counsellor_a, leaver_list=leaver_list, mapping=MAPPING)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"PK\x03\x04rest", "Ce fichier est un classeur"),
        (b"NOM;PRENOM\x00;DATE", "caractères nuls"),
        (csv_text([]).encode(), "ne contient que la ligne d'en-tête"),
        (b"NOM\nDupont\n", "Une seule colonne a été trouvée"),
        (b'NOM;PRENOM\n"' + b"x" * 200_000, "n'est pas un CSV lisible"),
    ],
)
def test_unreadable_files_are_refused_in_french(counsellor_a, raw, message):
    with pytest.raises(ValidationError) as refused:
        _upload(counsellor_a, raw)
    assert message in " ".join(refused.value.message_dict["file"])
    assert not LeaverList.objects.exists()


def test_an_unclosed_quote_is_a_line_error(counsellor_a):
    raw = csv_bytes([leaver_row("Moreau", "Lina")]) + b'"Roux;Ana\n'
    with pytest.raises(ValidationError) as refused:
        _import(counsellor_a, raw)
    assert refused.value.message_dict["file"] == [
        "Ligne 3 : 1 colonne(s) au lieu de 12 (comme l'en-tête)."
    ]


def test_a_postal_code_that_lost_its_leading_zero_gets_it_back(counsellor_a):
    _import(counsellor_a, csv_bytes([leaver_row("Moreau", "Lina", **{"CODE POSTAL": "1000"})]))
    assert ObligationCase.objects.get().postal_code == "01000"


def test_dates_with_a_spreadsheets_midnight_or_iso_are_read(counsellor_a):
    born = years_ago(17)
    rows = [
        leaver_row("Moreau", "Lina", **{"DATE NAISSANCE": born.strftime("%d/%m/%Y 00:00:00")}),
        leaver_row("Roux", "Ana", **{"DATE NAISSANCE": born.isoformat()}),
    ]
    _import(counsellor_a, csv_bytes(rows))
    assert set(ObligationCase.objects.values_list("birth_date", flat=True)) == {born}


def test_a_mapping_without_names_or_using_a_column_twice_is_refused(counsellor_a):
    leaver_list = _upload(counsellor_a, csv_bytes(ROWS))
    with pytest.raises(ValidationError) as refused:
        services.plan_import(
            leaver_list=leaver_list, mapping={**MAPPING, "last_name": None, "phone": 1}
        )
    assert refused.value.message_dict == {
        "last_name": ["Choisissez la colonne qui contient : nom."],
        "phone": ["Cette colonne est déjà associée à « Prénoms »."],
    }


def test_reception_and_other_roles_cannot_import(personas):
    for persona in ("reception_a", "cjml_a", "national_pilot", "ase_referent"):
        with pytest.raises(PermissionDenied):
            _upload(personas[persona], csv_bytes(ROWS))


def test_another_mission_locale_cannot_import_a_list(counsellor_a, counsellor_b):
    leaver_list = _upload(counsellor_a, csv_bytes(ROWS))
    with pytest.raises(PermissionDenied):
        services.leaver_list_import(actor=counsellor_b, leaver_list=leaver_list, mapping=MAPPING)

"""Co-financing of the CJML posts (seed 000, annex 5): shares, amounts, the 2024 table."""

import io
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from jalon.pilotage import cofinancing

# Annex 5 as printed in the agreement: region, young people released, share of the envelope.
ANNEX_5_2024 = [
    ("Auvergne-Rhône-Alpes", 1905, 10),
    ("Bourgogne-Franche-Comté", 441, 2),
    ("Bretagne", 503, 3),
    ("Centre-Val de Loire", 565, 3),
    ("Corse", 28, 0),
    ("Grand Est", 1432, 7),
    ("Guadeloupe", 145, 1),
    ("Guyane", 231, 1),
    ("Hauts-de-France", 1721, 9),
    ("Ile-de-France", 5149, 26),
    ("La Réunion", 179, 1),
    ("Martinique", 127, 1),
    ("Mayotte", 491, 3),
    ("Normandie", 610, 3),
    ("Nouvelle-Aquitaine", 1128, 6),
    ("Occitanie", 1686, 9),
    ("Pays de la Loire", 814, 4),
    ("Provence-Alpes-Côte d'Azur", 2470, 13),
]


def test_rule_annex_5_2024_cofinancing_table_is_reproduced():
    shares = cofinancing.allocate(envelope=700_000, counts=cofinancing.annex_5_2024_counts())

    assert [(s.territory, s.released, s.share_percent) for s in shares] == ANNEX_5_2024
    assert sum(s.released for s in shares) == 19_625
    assert sum(s.amount_eur for s in shares) == 700_000
    # The printed percentages are rounded one by one: they add up to 102 %, not 100 %.
    assert sum(s.share_percent for s in shares) == 102
    for share in shares:
        assert share.share == Fraction(share.released, 19_625)
        assert abs(share.amount_eur - share.share * 700_000) < 1


def test_rule_annex_5_2024_amounts_to_the_euro():
    amounts = {
        s.territory: s.amount_eur
        for s in cofinancing.allocate(envelope=700_000, counts=cofinancing.annex_5_2024_counts())
    }
    # Ile-de-France: 5149 / 19625 x 700,000 = 183,658.598... EUR
    assert amounts["Ile-de-France"] == 183_659
    # Corse: 998.726... EUR, shown as 0 % in the annex but funded all the same.
    assert amounts["Corse"] == 999
    assert amounts["Occitanie"] == 60_138


def test_rule_displayed_percent_rounds_half_up_each_share_alone():
    assert cofinancing.display_percent(Fraction(1, 200)) == 1  # 0.5 %
    assert cofinancing.display_percent(Fraction(49, 10_000)) == 0  # 0.49 %
    assert cofinancing.display_percent(Fraction(25, 1000)) == 3  # 2.5 %
    assert cofinancing.display_percent(Fraction(1)) == 100


def test_rule_leftover_euros_go_to_largest_remainders_then_larger_count_then_name():
    # 100 EUR for three equal counts: 33.33 each, one euro left, served by name.
    shares = cofinancing.allocate(envelope=100, counts=[("Corse", 1), ("Bretagne", 1), ("Ain", 1)])
    assert [s.amount_eur for s in shares] == [33, 33, 34]
    # Input order does not change who gets what.
    again = cofinancing.allocate(envelope=100, counts=[("Ain", 1), ("Corse", 1), ("Bretagne", 1)])
    assert {s.territory: s.amount_eur for s in again} == {s.territory: s.amount_eur for s in shares}
    # 10 EUR for 1/3 and 2/3: 3.33 and 6.67, the larger remainder gets the euro.
    assert [
        s.amount_eur for s in cofinancing.allocate(envelope=10, counts=[("A", 1), ("B", 2)])
    ] == [3, 7]


def test_a_territory_with_nobody_released_gets_nothing():
    shares = cofinancing.allocate(envelope=1000, counts=[("A", 0), ("B", 3)])
    assert [(s.amount_eur, s.share_percent) for s in shares] == [(0, 0), (1000, 100)]


@pytest.mark.parametrize(
    ("envelope", "counts", "field"),
    [
        (0, [("A", 1)], "envelope"),
        (-5, [("A", 1)], "envelope"),
        (10**13, [("A", 1)], "envelope"),
        (100, [], "counts"),
        (100, [("A", 0), ("B", 0)], "counts"),
        (100, [("A", 1), ("a ", 2)], "counts"),
        (100, [("A", -1)], "counts"),
    ],
)
def test_bad_allocation_input_is_refused_in_french(envelope, counts, field):
    with pytest.raises(ValidationError) as caught:
        cofinancing.allocate(envelope=envelope, counts=counts)
    assert field in caught.value.message_dict


def test_counts_file_errors_name_every_faulty_line():
    text = "territory,released\nOccitanie,12\nBretagne,douze\n,4\nOccitanie,3\nCorse,1,2\n"
    with pytest.raises(ValidationError) as caught:
        cofinancing.parse_counts(text)
    assert caught.value.message_dict["counts"] == [
        "Ligne 3 : le nombre de sortants « douze » de « Bretagne » n'est pas un nombre entier "
        "positif.",
        "Ligne 4 : le territoire n'est pas nommé.",
        "Ligne 5 : le territoire « Occitanie » figure déjà ligne 2.",
        "Ligne 6 : 2 colonnes attendues, 3 lues.",
    ]


def test_counts_file_from_a_french_spreadsheet_is_read():
    text = "\ufeffTerritory;Released\r\nGrand Est;1 432\r\nCorse;28\r\n\r\n"
    assert cofinancing.parse_counts(text) == [("Grand Est", 1432), ("Corse", 28)]


def test_counts_file_without_the_expected_header_is_refused():
    with pytest.raises(ValidationError) as caught:
        cofinancing.parse_counts("région,sortants\nCorse,28\n")
    assert "territory,released" in caught.value.messages[0]


@pytest.mark.parametrize("text", ["", "   ", "\x00", "700 000,50 €", "7e5", "-1", "12,5"])
def test_envelope_typed_wrong_is_refused(text):
    with pytest.raises(ValidationError) as caught:
        cofinancing.parse_envelope(text)
    assert "envelope" in caught.value.message_dict


def test_envelope_with_thousand_separators_is_read():
    assert cofinancing.parse_envelope("700\u202f000") == 700_000
    assert cofinancing.parse_envelope("700 000€") == 700_000


def test_command_prints_the_annex_5_table_as_csv(tmp_path):
    counts = tmp_path / "sortants.csv"
    counts.write_text(cofinancing.ANNEX_5_2024_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    out = io.StringIO()

    call_command(
        "cofinancing-allocation", "--envelope", "700000", "--counts", str(counts), stdout=out
    )

    lines = out.getvalue().splitlines()
    assert lines[0] == "territory,released,share_percent,amount_eur"
    assert lines[10] == "Ile-de-France,5149,26,183659"
    assert lines[18] == "Provence-Alpes-Côte d'Azur,2470,13,88102"
    assert sum(int(line.rsplit(",", 1)[1]) for line in lines[1:]) == 700_000


def test_command_refuses_bad_input_in_french(tmp_path):
    counts = tmp_path / "sortants.csv"
    counts.write_text("territory,released\nCorse,beaucoup\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Ligne 2 : le nombre de sortants « beaucoup »"):
        call_command("cofinancing-allocation", "--envelope", "700000", "--counts", str(counts))
    with pytest.raises(CommandError, match="n'est pas un montant entier"):
        call_command("cofinancing-allocation", "--envelope", "sept", "--counts", str(counts))
    with pytest.raises(CommandError, match="introuvable"):
        call_command(
            "cofinancing-allocation", "--envelope", "1", "--counts", str(tmp_path / "absent.csv")
        )

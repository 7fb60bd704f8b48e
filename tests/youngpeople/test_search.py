import pytest
from django.db import connection

from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.search import search_young_people, split_query, word_similarity
from tests.factories import YoungPersonFactory, years_ago


@pytest.fixture
def files(ml_a):
    def make(last_name, first_names, **extra):
        return YoungPersonFactory(
            mission_locale=ml_a, last_name=last_name, first_names=first_names, **extra
        )

    return make


def names(queryset):
    return [f"{yp.last_name} {yp.first_names}" for yp in queryset]


def search(query):
    return search_young_people(YoungPerson.objects.all(), query)


def test_search_tolerates_a_typo(files):
    files("Dupont", "Lucas")
    files("Martin", "Chloé")
    assert names(search("dupond")) == ["Dupont Lucas"]


def test_search_ignores_accents_and_case(files):
    files("Lefèvre", "Élodie")
    assert names(search("LEFEVRE elodie")) == ["Lefèvre Élodie"]


def test_search_accepts_swapped_first_and_last_names(files):
    files("Dupont", "Lucas")
    assert names(search("lucas dupont")) == ["Dupont Lucas"]


def test_search_finds_the_birth_name(files):
    files("Garcia", "Sarah", birth_name="Benali")
    assert names(search("benali")) == ["Garcia Sarah"]


def test_birth_date_tells_namesakes_apart(files):
    files("Dupont", "Léa", birth_date=years_ago(18))
    lucas = files("Dupont", "Lucas", birth_date=years_ago(21))
    query = f"dupont {lucas.birth_date:%d/%m/%Y}"
    assert names(search(query)) == ["Dupont Lucas"]


def test_best_match_comes_first(files):
    files("Dupontel", "Marc")
    files("Dupont", "Marc")
    assert names(search("dupont marc"))[0] == "Dupont Marc"


def test_unrelated_names_are_not_returned(files):
    files("Nguyen", "Bao")
    assert names(search("dupont")) == []


def test_split_query_reads_french_and_iso_dates():
    assert split_query("Dupont 12/03/2005")[1].isoformat() == "2005-03-12"
    assert split_query("2005-03-12 dupont") == ("dupont", split_query("x 12/03/2005")[1])
    assert split_query("dupont 31/02/2005")[1] is None


def test_word_similarity_is_symmetric_in_word_order():
    assert word_similarity("lucas dupont", "dupont lucas") == 1.0
    assert word_similarity("dupond", "dupont lucas") > 0.5


@pytest.mark.postgresql
def test_name_search_uses_the_trigram_index_on_postgresql(files):
    files("Dupont", "Lucas")
    queryset = search("dupond")
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        plan = queryset.explain()
        cursor.execute("SET enable_seqscan = on")
    assert "youngperson_search_name_trgm" in plan
    assert names(queryset) == ["Dupont Lucas"]

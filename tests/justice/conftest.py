import pytest

from tests.justice.factories import detention, prison


@pytest.fixture
def cjml_a(personas):
    return personas["cjml_a"]


@pytest.fixture
def seysses(db):
    return prison()


@pytest.fixture
def situation_a(cjml_a, young_person_a, seysses):
    return detention(cjml_a, young_person_a, seysses)

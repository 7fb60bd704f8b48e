"""Checks that keep the project coherent as it grows."""

from io import StringIO

import pytest
from django.core.management import call_command

from jalon.network.models import Commune, Departement, Region


@pytest.mark.django_db
def test_no_missing_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)


@pytest.mark.django_db
def test_official_geography_is_loaded():
    assert Region.objects.count() == 18
    assert Departement.objects.count() == 101
    assert Commune.objects.count() > 34_000
    assert "75116" in Commune.objects.get(code="75056").postal_code_list

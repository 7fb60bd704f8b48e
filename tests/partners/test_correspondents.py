"""The correspondents' directory: who to call between a Mission Locale and its partners."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jalon.partners import services
from jalon.partners.models import Correspondent


def _data(organisation, counterpart, **extra):
    return {
        "organisation": organisation,
        "counterpart": counterpart,
        "person_name": "Camille Roux",
        "function": "CJML",
        "phone": "05 61 00 00 01",
        "email": "camille.roux@ml-a.test",
        "start_date": timezone.localdate(),
        **extra,
    }


def test_rule_a_director_adds_a_correspondent_seen_by_both_structures_and_pilots(
    client_for, director_a, ml_a, spip, personas
):
    response = client_for(director_a).post(
        reverse("partners:correspondent_create"),
        {
            "organisation": ml_a.pk,
            "counterpart": spip.pk,
            "person_name": "Camille Roux",
            "function": "CJML",
            "phone": "05 61 00 00 01",
            "email": "camille.roux@ml-a.test",
            "start_date": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    for persona in ("cpip", "counsellor_a", "arml_pilot", "national_pilot"):
        page = client_for(personas[persona]).get(reverse("network:directory"))
        assert "Camille Roux" in page.text, persona
    for persona in ("pjj_educator", "counsellor_b", "ase_referent"):
        page = client_for(personas[persona]).get(reverse("network:directory"))
        assert "Camille Roux" not in page.text, persona
    portal = client_for(personas["cpip"]).get(reverse("partners:portal"))
    assert "Camille Roux" in portal.text


def test_rule_partners_contacts_per_mission_locale(director_a, ml_a, spip, client_for):
    """Seed 000: "annuaire des correspondants / référents insertion PJJ et SPIP"."""
    services.correspondent_create(
        actor=director_a,
        data=_data(spip, ml_a, person_name="Thomas Garcia", function="Référent insertion SPIP"),
    )
    page = client_for(director_a).get(reverse("network:directory"))
    assert "Référent insertion SPIP" in page.text


def test_rule_one_side_is_the_directors_mission_locale_the_other_a_partner(
    director_a, ml_a, ml_b, spip
):
    with pytest.raises(ValidationError, match="l'une des deux structures doit être la vôtre"):
        services.correspondent_create(actor=director_a, data=_data(ml_b, spip))
    with pytest.raises(ValidationError, match="l'autre un partenaire"):
        services.correspondent_create(actor=director_a, data=_data(ml_a, ml_b))


def test_rule_a_correspondent_no_longer_in_office_leaves_the_directory_at_once(
    client_for, director_a, ml_a, spip, personas
):
    correspondent = services.correspondent_create(actor=director_a, data=_data(ml_a, spip))
    client_for(director_a).post(reverse("partners:correspondent_end", args=[correspondent.uid]))
    assert not Correspondent.objects.current().exists()
    page = client_for(personas["cpip"]).get(reverse("network:directory"))
    assert "Camille Roux" not in page.text

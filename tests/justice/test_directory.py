"""The national CJML directory and the coverage view ("zones blanches")."""

from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from jalon.justice import services
from jalon.justice.models import YoungDetaineeCount
from tests.justice.factories import prison
from tests.referrals.factories import send


def _count(establishment, minors=0, adults=0):
    return YoungDetaineeCount.objects.create(
        establishment=establishment,
        counted_on=timezone.localdate(),
        minors=minors,
        young_adults=adults,
    )


def test_the_directory_lists_each_cjml_with_the_time_allotted_and_the_orientations(
    client_for, personas, director_a, cjml_a, seysses, ml_a
):
    services.cjml_assignment_add(
        actor=director_a,
        data={"cjml": cjml_a, "establishment": seysses, "time_share": Decimal("0.5")},
    )
    send(personas["cpip"], ml_a, establishment=seysses)
    page = client_for(personas["arml_pilot"]).get(reverse("justice:directory")).content.decode()
    row = page[page.index(seysses.name) :]
    assert cjml_a.get_full_name() in row and "50 %" in row
    assert "Fiches de liaison reçues" in page
    # A partner looks up whom to write to; the orientation counts are for the network's pilots.
    partner_page = client_for(personas["cpip"]).get(reverse("justice:directory")).content.decode()
    assert cjml_a.get_full_name() in partner_page
    assert "Fiches de liaison reçues" not in partner_page


def test_rule_a_prison_holding_young_people_without_cjml_time_is_a_white_zone(
    client_for, personas, director_a, cjml_a, seysses
):
    lavaur = prison(code="EPM-LAVAUR", name="EPM de Lavaur")
    empty = prison(code="CD-VIDE", name="Centre sans jeunes")
    _count(seysses, adults=120)
    _count(lavaur, minors=30)
    _count(empty)
    services.cjml_assignment_add(
        actor=director_a,
        data={"cjml": cjml_a, "establishment": seysses, "time_share": Decimal("0.8")},
    )
    page = client_for(personas["national_pilot"]).get(reverse("justice:coverage")).content.decode()
    assert "1 établissement sans CJML, pour 30 jeunes détenus" in page
    assert "EPM de Lavaur" in page and "Centre sans jeunes" not in page


def test_ending_a_quotite_opens_the_white_zone_again(client_for, director_a, cjml_a, seysses):
    _count(seysses, adults=10)
    assignment = services.cjml_assignment_add(
        actor=director_a,
        data={"cjml": cjml_a, "establishment": seysses, "time_share": Decimal("1")},
    )
    client_for(director_a).post(reverse("justice:assignment_end", args=[assignment.uid]))
    page = client_for(director_a).get(reverse("justice:coverage")).content.decode()
    assert "1 établissement sans CJML" in page

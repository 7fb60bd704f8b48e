"""Justice records built through the services, as users build them."""

import datetime

from django.utils import timezone

from jalon.justice import services
from jalon.justice.enums import Measure
from tests.factories import OrganisationFactory


def prison(code="MA-TOULOUSE", name="Centre pénitentiaire de Toulouse-Seysses", **extra):
    return OrganisationFactory(
        kind="prison", subtype="centre_penitentiaire", code=code, name=name, **extra
    )


def detention(actor, young_person, establishment, *, days_left=40, **data):
    today = timezone.localdate()
    values = {
        "measure": Measure.DETENTION_CONVICTED,
        "establishment": establishment,
        "entry_date": today - datetime.timedelta(days=120),
        "foreseeable_release_date": today + datetime.timedelta(days=days_left),
        "details": "Condamné pour vol aggravé, 8 mois",
    }
    values.update(data)
    return services.penal_situation_create(actor=actor, young_person=young_person, data=values)

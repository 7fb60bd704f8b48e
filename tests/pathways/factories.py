import factory

from jalon.pathways.enums import AllowanceCategory, PathwayKind
from jalon.pathways.models import Pathway
from tests.factories import years_ago


class PathwayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Pathway

    kind = PathwayKind.CEJ
    start_date = factory.LazyFunction(lambda: years_ago(0, days=60))
    planned_end_date = factory.LazyAttribute(
        lambda o: (
            o.start_date.replace(year=o.start_date.year + 1)
            if o.start_date.month != 2 or o.start_date.day != 29
            else o.start_date.replace(year=o.start_date.year + 1, day=28)
        )
    )
    allowance_category = AllowanceCategory.NON_TAXABLE_HOUSEHOLD
    counsellor = factory.LazyAttribute(lambda o: o.young_person.referent)

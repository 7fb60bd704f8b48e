"""Factories of the reception app's records."""

import datetime

import factory
from django.utils import timezone

from jalon.reception.enums import (
    Area,
    OutreachOutcome,
    ReceptionMode,
    ReceptionOutcome,
)
from jalon.reception.models import (
    Diagnostic,
    DiagnosticArea,
    DiagnosticInterview,
    FirstReception,
    OutreachContact,
)


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


class FirstReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FirstReception

    received_on = factory.LazyAttribute(lambda o: o.young_person.first_reception_date)
    received_by = factory.LazyAttribute(lambda o: o.young_person.referent)
    mode = ReceptionMode.WALK_IN
    outcome = ReceptionOutcome.COUNSELLOR_ORIENTATION


class DiagnosticFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Diagnostic
        skip_postgeneration_save = True

    counsellor = factory.LazyAttribute(lambda o: o.young_person.referent)
    started_on = factory.LazyFunction(lambda: days_ago(20))

    @factory.post_generation
    def first_interview(obj, create, extracted, **kwargs):
        if create:
            DiagnosticInterview.objects.create(diagnostic=obj, held_on=obj.started_on)


class DiagnosticAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DiagnosticArea

    area = Area.EMPLOYMENT
    situation = "Quelques missions d'intérim dans la logistique."
    barriers = "Pas de permis de conduire."


class OutreachContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutreachContact

    contacted_on = factory.LazyFunction(lambda: days_ago(10))
    place = "Quartier Bagatelle, pied d'immeuble"
    outcome = OutreachOutcome.MOBILISED
    first_name = "Yanis"
    last_name = "Benhamou"
    approximate_age = 19

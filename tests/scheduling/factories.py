"""Factories of the scheduling app."""

import datetime

import factory
from django.utils import timezone

from jalon.scheduling.enums import AppointmentMode, AppointmentStatus, SessionKind
from jalon.scheduling.models import Appointment, CollectiveSession, Participation


def at(days: int = 0, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """An aware datetime `days` from today at the given local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


class AppointmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Appointment

    young_person = None
    counsellor = factory.LazyAttribute(lambda o: o.young_person.referent)
    starts_at = factory.LazyFunction(lambda: at(1))
    duration_minutes = 45
    mode = AppointmentMode.IN_PERSON
    place = "Toulouse Centre, bureau 3"
    subject = "Point d'étape"
    notes = "Évoque une situation familiale difficile"
    status = AppointmentStatus.PLANNED


class CollectiveSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CollectiveSession

    mission_locale = None
    kind = SessionKind.WORKSHOP
    title = "Atelier CV"
    theme = "Rédiger son CV"
    starts_at = factory.LazyFunction(lambda: at(2, 14))
    duration_minutes = 120
    place = "Salle collective"
    capacity = 12


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    session = None
    young_person = None

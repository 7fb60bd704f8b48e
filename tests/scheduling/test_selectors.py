import datetime
from decimal import Decimal

from django.utils import timezone

from jalon.scheduling.selectors import activity_hours
from jalon.scheduling.timeline import items
from jalon.youngpeople.timeline import timeline
from tests.scheduling.factories import (
    AppointmentFactory,
    CollectiveSessionFactory,
    ParticipationFactory,
    at,
)


def test_activity_hours_counts_held_interviews_and_attended_sessions(
    young_person_a, ml_a, django_assert_max_num_queries
):
    AppointmentFactory(young_person=young_person_a, starts_at=at(-3, 9), status="present")
    AppointmentFactory(
        young_person=young_person_a, starts_at=at(-2, 9), status="absent", duration_minutes=60
    )
    AppointmentFactory(
        young_person=young_person_a, starts_at=at(-1, 9), status="present", duration_minutes=90
    )
    AppointmentFactory(young_person=young_person_a, starts_at=at(-30), status="present")
    workshop = CollectiveSessionFactory(mission_locale=ml_a, starts_at=at(-2, 14))
    ParticipationFactory(session=workshop, young_person=young_person_a, status="present")
    missed = CollectiveSessionFactory(mission_locale=ml_a, starts_at=at(-1, 14))
    ParticipationFactory(session=missed, young_person=young_person_a, status="absent")
    today = timezone.localdate()
    with django_assert_max_num_queries(2):
        hours = activity_hours(young_person_a, today - datetime.timedelta(days=7), today)
    assert hours == [
        (today - datetime.timedelta(days=3), "Entretien individuel", Decimal("0.75")),
        (today - datetime.timedelta(days=2), "Atelier collectif", Decimal("2.00")),
        (today - datetime.timedelta(days=1), "Entretien individuel", Decimal("1.50")),
    ]


def test_timeline_items_in_bounded_queries(young_person_a, ml_a, django_assert_max_num_queries):
    for days in range(-10, 0):
        AppointmentFactory(young_person=young_person_a, starts_at=at(days), status="present")
    session = CollectiveSessionFactory(mission_locale=ml_a, title="Information collective CEJ")
    ParticipationFactory(session=session, young_person=young_person_a)
    with django_assert_max_num_queries(3):
        result = items(young_person_a)
    kinds = [item.kind for item in result]
    assert kinds.count("appointment") == 10 and kinds.count("event") == 1
    event = next(item for item in result if item.kind == "event")
    assert "Information collective CEJ" in event.title and "/ateliers/" in event.url
    interview = next(item for item in result if item.kind == "appointment")
    assert interview.title == "Entretien individuel" and "Présent" in interview.badges
    assert "/agenda/jour/?date=" in interview.url
    assert any(item.kind == "appointment" for item in timeline(young_person_a))

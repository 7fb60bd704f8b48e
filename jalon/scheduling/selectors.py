"""Reads of the agenda, sessions and activity, in a bounded number of queries."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from jalon.scheduling.enums import INTERVIEW_LABEL, AppointmentStatus, ParticipationStatus
from jalon.scheduling.models import Appointment, CollectiveSession, Participation

_HOURS = Decimal("0.01")


def day_bounds(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Aware datetimes from the start of `start` to the end of `end` (local time)."""
    tz = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=tz)
    after = datetime.datetime.combine(
        end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    return first, after


def agenda(user, counsellor, start: datetime.date, end: datetime.date):
    """A counsellor's appointments between two days, for a viewer allowed to read them."""
    first, after = day_bounds(start, end)
    return (
        Appointment.objects.visible_to(user)
        .filter(counsellor=counsellor, starts_at__gte=first, starts_at__lt=after)
        .select_related("young_person", "postponed_to")
        .order_by("starts_at")
    )


def facilitated_sessions(user, counsellor, start: datetime.date, end: datetime.date):
    first, after = day_bounds(start, end)
    return (
        CollectiveSession.objects.visible_to(user)
        .filter(facilitator=counsellor, starts_at__gte=first, starts_at__lt=after)
        .annotate(registered=Count("participations"))
        .order_by("starts_at")
    )


def sessions(user, *, upcoming: bool):
    now = timezone.now()
    queryset = (
        CollectiveSession.objects.visible_to(user)
        .select_related("facilitator")
        .annotate(
            registered=Count("participations"),
            present=Count("participations", filter=Q(participations__status="present")),
        )
    )
    if upcoming:
        return queryset.filter(starts_at__gte=now - datetime.timedelta(hours=12)).order_by(
            "starts_at"
        )
    return queryset.filter(starts_at__lt=now - datetime.timedelta(hours=12)).order_by("-starts_at")


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / Decimal(60)).quantize(_HOURS)


def activity_hours(
    young_person, start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, str, Decimal]]:
    """Held interviews and attended sessions between two days (inclusive), for CEJ weeks.

    Each item is (day, French label of the activity, hours); two queries whatever the volume.
    """
    return activity_hours_by_person([young_person.pk], start, end)[young_person.pk]


def activity_hours_by_person(
    young_person_ids, start: datetime.date, end: datetime.date
) -> dict[int, list[tuple[datetime.date, str, Decimal]]]:
    """`activity_hours` of many young people at once (a Mission Locale's CEJs): two queries."""
    first, after = day_bounds(start, end)
    found = defaultdict(list)
    for person_id, starts_at, minutes in Appointment.objects.filter(
        young_person_id__in=young_person_ids,
        status=AppointmentStatus.PRESENT,
        starts_at__gte=first,
        starts_at__lt=after,
    ).values_list("young_person_id", "starts_at", "duration_minutes"):
        found[person_id].append((timezone.localdate(starts_at), INTERVIEW_LABEL, _hours(minutes)))
    participations = (
        Participation.objects.filter(
            young_person_id__in=young_person_ids,
            status=ParticipationStatus.PRESENT,
            session__starts_at__gte=first,
            session__starts_at__lt=after,
        )
        .select_related("session")
        .only(
            "young_person",
            "session__starts_at",
            "session__duration_minutes",
            "session__kind",
        )
    )
    for p in participations:
        found[p.young_person_id].append(
            (
                timezone.localdate(p.session.starts_at),
                p.session.get_kind_display(),
                _hours(p.session.duration_minutes),
            )
        )
    for items in found.values():
        items.sort(key=lambda item: (item[0], item[1]))
    return found


def session_queryset():
    return CollectiveSession.objects.select_related("facilitator", "mission_locale")


def attendance(session):
    return session.participations.select_related("young_person").order_by(
        "young_person__last_name", "young_person__first_names"
    )

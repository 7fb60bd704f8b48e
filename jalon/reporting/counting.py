"""Each indicator line as one set-based query: a queryset of the young people it counts.

The dashboards count it grouped by Mission Locale, site or counsellor (one query per line and
period, whatever the number of young people); the drill-down lists the same queryset, so a
figure and its list can never disagree. Intervals are compared pairwise: on a line, intervals
that meet two by two share a common day, so "a day where the period, the pathway and the
situation overlap" is three pairwise conditions.
"""

import datetime

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractDay, ExtractMonth, ExtractYear, TruncDate
from django.utils import timezone

from jalon.pathways.enums import (
    EMPLOYMENT_OR_TRAINING_OUTCOMES,
    ExitOutcome,
    PathwayKind,
    SituationKind,
)
from jalon.pathways.models import Pathway, Situation
from jalon.reception.models import DiagnosticInterview, FirstReception
from jalon.reporting.definitions import IndicatorCode
from jalon.reporting.periods import Period
from jalon.scheduling.enums import AppointmentStatus, ParticipationStatus
from jalon.scheduling.models import Appointment, Participation
from jalon.youngpeople.enums import PriorityPublic
from jalon.youngpeople.models import PriorityPublicPeriod

EMPLOYMENT_OR_TRAINING_SITUATIONS = (
    SituationKind.EMPLOYMENT,
    SituationKind.WORK_STUDY,
    SituationKind.TRAINING,
)


def _meets(start, until, *, prefix="") -> Q:
    """Rows whose [start_date, end_date or open] interval meets [start, until] (dates or
    references to an outer row's columns, never NULL)."""
    return Q(**{f"{prefix}start_date__lte": until}) & (
        Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": start})
    )


def _qpv(*intervals, person=None) -> Exists:
    """A QPV period of the outer row's young person (or of `person`) meeting every
    (start, until) given."""
    periods = PriorityPublicPeriod.objects.filter(
        young_person=person or OuterRef("young_person"), public=PriorityPublic.QPV
    )
    for start, until in intervals:
        periods = periods.filter(_meets(start, until))
    return Exists(periods)


def _qpv_on(day) -> Exists:
    return _qpv((day, day))


def _of(records: QuerySet) -> Exists:
    """The outer young person has one of these records. A correlated EXISTS (not `pk IN`):
    PostgreSQL probes the records' young-person index for the few files of one Mission Locale
    and hashes the whole period's records for the nation, as the planner sees fit."""
    return Exists(records.filter(young_person=OuterRef("pk")))


def _during(period: Period) -> tuple:
    """The period's bounds as instants (local midnights): a range on a timestamp column that
    its index serves, where comparing its local date would read every row."""
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(period.start, datetime.time(), tzinfo=zone)
    end = datetime.datetime.combine(period.end, datetime.time(), tzinfo=zone)
    return start, end + datetime.timedelta(days=1)


# --- CPO n°2: held events ------------------------------------------------------------------


def _held_events(period: Period, *, qpv: bool) -> list[QuerySet]:
    """The four kinds of held events in the period, each with its day (`day`)."""
    first_receptions = FirstReception.objects.filter(
        received_on__range=(period.start, period.end)
    ).annotate(day=F("received_on"))
    interviews = DiagnosticInterview.objects.filter(
        held_on__range=(period.start, period.end)
    ).annotate(day=F("held_on"), young_person=F("diagnostic__young_person"))
    start, until = _during(period)
    appointments = Appointment.objects.filter(
        status=AppointmentStatus.PRESENT, starts_at__gte=start, starts_at__lt=until
    ).annotate(day=TruncDate("starts_at"))
    participations = Participation.objects.filter(
        status=ParticipationStatus.PRESENT,
        session__starts_at__gte=start,
        session__starts_at__lt=until,
    ).annotate(day=TruncDate("session__starts_at"))
    events = [first_receptions, interviews, appointments, participations]
    if qpv:
        # The QPV period of the file counted (`received` correlates each event to it), not
        # of the event's young person, the same one: PostgreSQL then probes each file's
        # events instead of hashing the whole network's. One Mission Locale (national
        # dataset): 0.07 s instead of 1.8 s; the nation, whose counts are stored
        # (`snapshots`): 30 s instead of 17 s.
        day = (OuterRef("day"), OuterRef("day"))
        events = [records.filter(_qpv(day, person=OuterRef(OuterRef("pk")))) for records in events]
    return events


def received(base: QuerySet, period: Period, *, qpv: bool = False) -> QuerySet:
    condition = Q()
    for records in _held_events(period, qpv=qpv):
        condition |= _of(records)
    return base.filter(condition)


def first_reception(base: QuerySet, period: Period, *, qpv: bool = False) -> QuerySet:
    counted = base.filter(first_reception_date__range=(period.start, period.end))
    if qpv:
        counted = counted.filter(
            Exists(
                PriorityPublicPeriod.objects.filter(
                    young_person=OuterRef("pk"), public=PriorityPublic.QPV
                ).filter(_meets(OuterRef("first_reception_date"), OuterRef("first_reception_date")))
            )
        )
    return counted


# --- CPO n°3, 4, 6, 8: pathways -------------------------------------------------------------


def entered(base, period, *, kind=None, qpv=False) -> QuerySet:
    pathways = Pathway.objects.filter(start_date__range=(period.start, period.end))
    if kind:
        pathways = pathways.filter(kind=kind)
    if qpv:
        pathways = pathways.filter(_qpv_on(OuterRef("start_date")))
    return base.filter(_of(pathways))


def _active_pathways(period: Period) -> QuerySet:
    """Pathways active on a day of the period, with `until`: their exit date, or the end of the
    period for those still open (so that interval comparisons never meet NULL)."""
    return Pathway.objects.filter(_meets(period.start, period.end)).annotate(
        until=Coalesce("end_date", Value(period.end))
    )


def _pathway_interval():
    return (OuterRef("start_date"), OuterRef("until"))


def present(base, period, *, qpv=False) -> QuerySet:
    pathways = _active_pathways(period)
    if qpv:
        pathways = pathways.filter(_qpv((period.start, period.end), _pathway_interval()))
    return base.filter(_of(pathways))


def in_employment_or_training(base, period, *, qpv=False) -> QuerySet:
    situations = (
        Situation.objects.filter(
            young_person=OuterRef("young_person"), kind__in=EMPLOYMENT_OR_TRAINING_SITUATIONS
        )
        .filter(_meets(period.start, period.end))
        .filter(_meets(OuterRef("start_date"), OuterRef("until")))
    )
    if qpv:
        situations = situations.annotate(until=Coalesce("end_date", Value(period.end))).filter(
            _qpv(
                (period.start, period.end),
                (OuterRef("start_date"), OuterRef("until")),
                (OuterRef(OuterRef("start_date")), OuterRef(OuterRef("until"))),
            )
        )
    return base.filter(_of(_active_pathways(period).filter(Exists(situations))))


def left(base, period, *, sustainable=False, qpv=False) -> QuerySet:
    outcomes = (
        [ExitOutcome.SUSTAINABLE_EMPLOYMENT] if sustainable else EMPLOYMENT_OR_TRAINING_OUTCOMES
    )
    pathways = Pathway.objects.filter(
        end_date__range=(period.start, period.end), exit_outcome__in=outcomes
    )
    if qpv:
        pathways = pathways.filter(_qpv_on(OuterRef("end_date")))
    return base.filter(_of(pathways))


LINES = {
    "received": received,
    "received_qpv": lambda b, p: received(b, p, qpv=True),
    "first_reception": first_reception,
    "first_reception_qpv": lambda b, p: first_reception(b, p, qpv=True),
    "entered": entered,
    "entered_qpv": lambda b, p: entered(b, p, qpv=True),
    "entered_orientation_sequence": lambda b, p: entered(
        b, p, kind=PathwayKind.ORIENTATION_SEQUENCE
    ),
    "entered_pacea": lambda b, p: entered(b, p, kind=PathwayKind.PACEA),
    "entered_cej": lambda b, p: entered(b, p, kind=PathwayKind.CEJ),
    "present": present,
    "present_qpv": lambda b, p: present(b, p, qpv=True),
    "in_employment_or_training": in_employment_or_training,
    "in_employment_or_training_qpv": lambda b, p: in_employment_or_training(b, p, qpv=True),
    "left_employment_or_training": left,
    "left_employment_or_training_qpv": lambda b, p: left(b, p, qpv=True),
    "left_sustainable_employment": lambda b, p: left(b, p, sustainable=True),
    "left_sustainable_employment_qpv": lambda b, p: left(b, p, sustainable=True, qpv=True),
}


# --- Profiles: the young people received, by category --------------------------------------


def _age_at_first_reception():
    """Age in full years on the first reception day, computed by the database."""
    birthday_not_reached = Q(first_reception_month__lt=F("birth_month")) | Q(
        first_reception_month=F("birth_month"), first_reception_day__lt=F("birth_day")
    )
    return (
        ExtractYear("first_reception_date")
        - ExtractYear("birth_date")
        - Case(
            When(birthday_not_reached, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


def _age_category(counted: QuerySet) -> QuerySet:
    return counted.annotate(
        birth_month=ExtractMonth("birth_date"),
        birth_day=ExtractDay("birth_date"),
        first_reception_month=ExtractMonth("first_reception_date"),
        first_reception_day=ExtractDay("first_reception_date"),
    ).annotate(age=_age_at_first_reception())


def _eighteenth_birthday_cutoff(day: datetime.date) -> datetime.date:
    """Born after this date: under 18 on `day`."""
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February: 18 years before is 28 February (born on 1 March: minor)
        return day.replace(year=day.year - 18, day=28)


def distribution(code: str, counted: QuerySet, unit: str, period: Period) -> list[tuple]:
    """(unit id, category key, count) for a profile table."""
    if code == IndicatorCode.EDUCATION_LEVEL:
        rows = counted.values(unit, "level_1969").annotate(n=Count("pk"))
        return [(row[unit], row["level_1969"] or "unknown", row["n"]) for row in rows]
    if code == IndicatorCode.AGE_AT_FIRST_RECEPTION:
        rows = _age_category(counted).values(unit, "age").annotate(n=Count("pk"))
        return [(row[unit], _age_key(row["age"]), row["n"]) for row in rows]
    cutoff = _eighteenth_birthday_cutoff(period.end)
    rows = (
        counted.annotate(
            category=Case(
                When(birth_date__gt=cutoff, then=Value("minor")),
                default=Value("adult"),
            )
        )
        .values(unit, "category")
        .annotate(n=Count("pk"))
    )
    return [(row[unit], row["category"], row["n"]) for row in rows]


def _age_key(age: int) -> str:
    if age < 16:
        return "under_16"
    if age >= 26:
        return "26_plus"
    return str(age)


def count_line(key: str, base: QuerySet, period: Period, unit: str) -> dict:
    """{unit id: young people counted} for one line."""
    rows = LINES[key](base, period).values(unit).annotate(n=Count("pk"))
    return {row[unit]: row["n"] for row in rows}

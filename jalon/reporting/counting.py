"""Each indicator line as one set-based query: a queryset of the young people it counts.

The dashboards count it grouped by Mission Locale, site or counsellor (one query per line and
period, whatever the number of young people); the drill-down lists the same queryset, so a
figure and its list can never disagree. Intervals are compared pairwise: on a line, intervals
that meet two by two share a common day, so "a day where the period, the pathway and the
situation overlap" is three pairwise conditions.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import (
    Coalesce,
    ExtractDay,
    ExtractMonth,
    ExtractYear,
    NullIf,
    TruncDate,
)
from django.utils import timezone

from jalon.childwelfare.models import AgeSeventeenInterview, AseFollowUp, AutonomyProject
from jalon.justice.enums import DETENTION_MEASURES, JobEventOutcome, LeavePurpose, SessionStatus
from jalon.justice.models import (
    DetentionSession,
    JobEvent,
    JobEventParticipant,
    Leave,
    PenalSituation,
    SessionInterview,
    TigHabilitation,
    TigPlacement,
)
from jalon.network.models import OrganisationKind
from jalon.pathways.enums import (
    EMPLOYMENT_OR_TRAINING_OUTCOMES,
    ExitOutcome,
    PathwayKind,
    SituationKind,
)
from jalon.pathways.models import Pathway, Situation
from jalon.reception.models import DiagnosticInterview, FirstReception
from jalon.referrals.enums import LiaisonDirection
from jalon.referrals.models import LiaisonForm
from jalon.reporting.definitions import IndicatorCode
from jalon.reporting.periods import Period
from jalon.scheduling.enums import AppointmentStatus, ParticipationStatus
from jalon.scheduling.models import Appointment, Participation
from jalon.youngpeople.enums import PriorityPublic
from jalon.youngpeople.models import PriorityPublicPeriod, YoungPerson

_ALL = object()  # no row filter: the whole line

# The path from a young person to the unit a row of a table stands for.
PERSON_UNITS = {
    "region": "mission_locale__region",
    "mission_locale": "mission_locale",
    "site": "site",
    "referent": "referent",
    "departement": "ase_follow_up__departement",
}

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
    # Appointments first: most young people received had one, and PostgreSQL stops at the first
    # kind found (the nation: 2.4 M index probes instead of 3.9 M).
    events = [appointments, first_receptions, interviews, participations]
    if qpv:
        # The QPV period of the file counted (`received` correlates each event to it), not
        # of the event's young person, the same one: PostgreSQL then probes each file's
        # events instead of hashing the whole network's. One Mission Locale (national
        # dataset): 0.07 s instead of 1.8 s; the nation, whose counts are stored
        # (`snapshots`): 30 s instead of 17 s.
        day = (OuterRef("day"), OuterRef("day"))
        events = [records.filter(_qpv(day, person=OuterRef(OuterRef("pk")))) for records in events]
    return events


def _received(period: Period, *, qpv: bool = False) -> Q:
    condition = Q()
    for records in _held_events(period, qpv=qpv):
        condition |= _of(records)
    return condition


def _living_in_qpv(base: QuerySet, period: Period) -> QuerySet:
    """The files with a QPV period meeting the period: only they can count on a QPV line (its
    day is in the period). About one in eight, so the records of the line are probed for them
    alone (the nation: a tenth of the time for the young people received)."""
    return base.filter(
        pk__in=PriorityPublicPeriod.objects.filter(public=PriorityPublic.QPV)
        .filter(_meets(period.start, period.end))
        .values("young_person")
    )


def received(base: QuerySet, period: Period, *, qpv: bool = False) -> QuerySet:
    if qpv:
        base = _living_in_qpv(base, period)
    return base.filter(_received(period, qpv=qpv))


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
        base = _living_in_qpv(base, period)
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
        base = _living_in_qpv(base, period)
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
    birthday_not_reached = Q(first_reception_date__month__lt=ExtractMonth("birth_date")) | Q(
        first_reception_date__month=ExtractMonth("birth_date"),
        first_reception_date__day__lt=ExtractDay("birth_date"),
    )
    return (
        ExtractYear("first_reception_date")
        - ExtractYear("birth_date")
        - Case(
            When(birthday_not_reached, then=Value(1)), default=Value(0), output_field=IntegerField()
        )
    )


def _eighteenth_birthday_cutoff(day: datetime.date) -> datetime.date:
    """Born after this date: under 18 on `day`."""
    try:
        return day.replace(year=day.year - 18)
    except ValueError:  # 29 February: 18 years before is 28 February (born on 1 March: minor)
        return day.replace(year=day.year - 18, day=28)


def _latest(records: QuerySet, order: str, value: str) -> Subquery:
    return Subquery(records.order_by(f"-{order}", "-pk").values(value)[:1])


def _or_unknown(value) -> Coalesce:
    """A category left blank (NULL or empty) is the "unknown" one."""
    return Coalesce(NullIf(value, Value("")), Value("unknown"))


def _category(code: str, period: Period):
    """The expression of a young person's category in a distribution (the age in years for the
    age profile: `_age_key` makes it a category)."""
    if code == IndicatorCode.EDUCATION_LEVEL:
        return _or_unknown(F("level_1969"))
    if code == IndicatorCode.AGE_AT_FIRST_RECEPTION:
        return _age_at_first_reception()
    if code == IndicatorCode.JSMJ_BY_MEASURE:
        periods = PriorityPublicPeriod.objects.filter(
            young_person=OuterRef("pk"),
            public=PriorityPublic.JUSTICE,
            start_date__lte=period.end,
        )
        return _or_unknown(_latest(periods, "start_date", "detail"))
    if code == IndicatorCode.JUSTICE_RELEASE:
        releases = _detention_releases(period).filter(young_person=OuterRef("pk"))
        return _or_unknown(_latest(releases, "released_on", "release_situation"))
    cutoff = _eighteenth_birthday_cutoff(period.end)
    return Case(When(birth_date__gt=cutoff, then=Value("minor")), default=Value("adult"))


def _category_key(code: str, value) -> str:
    return _age_key(value) if code == IndicatorCode.AGE_AT_FIRST_RECEPTION else value


def distributions(codes, counted: QuerySet, unit: str, period: Period) -> dict:
    """{(code, unit id, category key): count} for profiles of the same population (`counted`)
    in one query: the population, the costliest part, is counted once and each of its groups
    carries every profile's category (the nation: 8 s instead of 30 s a year)."""
    names = {code: f"category_{i}" for i, code in enumerate(codes)}
    rows = (
        counted.annotate(**{name: _category(code, period) for code, name in names.items()})
        .values(unit, *names.values())
        .annotate(n=Count("pk"))
    )
    counts = {}
    for row in rows:
        for code, name in names.items():
            key = (code, row[unit], _category_key(code, row[name]))
            counts[key] = counts.get(key, 0) + row["n"]
    return counts


def in_category(code: str, counted: QuerySet, period: Period, category: str) -> QuerySet:
    """The young people of one category of a distribution (the drill-down of a figure)."""
    annotated = counted.annotate(category=_category(code, period))
    if code == IndicatorCode.AGE_AT_FIRST_RECEPTION:
        ages = annotated.values_list("pk", "category")
        return counted.filter(pk__in=[pk for pk, age in ages if _age_key(age) == category])
    return annotated.filter(category=category)


def _age_key(age: int) -> str:
    if age < 16:
        return "under_16"
    if age >= 26:
        return "26_plus"
    return str(age)


def count_line(key: str, missions_locales, period: Period, breakdown: str) -> dict:
    """{unit id: count} for one line over the files (or records) of these Missions Locales."""
    if key in RECORD_LINES:
        line = RECORD_LINES[key]
        unit = line.unit_path(breakdown)
        counted = Count(line.distinct, distinct=True) if line.distinct else Count("pk")
        totals = {}
        for records in line.of(missions_locales, period):
            if unit is None:
                rows = [{"unit": None, "n": records.aggregate(n=counted)["n"]}]
            else:
                rows = records.values(unit=F(unit)).annotate(n=counted).values("unit", "n")
            for row in rows:
                totals[row["unit"]] = totals.get(row["unit"], 0) + row["n"]
        return {u: n for u, n in totals.items() if n}
    base = YoungPerson.objects.live().filter(mission_locale__in=missions_locales)
    unit = PERSON_UNITS[breakdown]
    rows = LINES[key](base, period).values(unit).annotate(n=Count("pk"))
    return {row[unit]: row["n"] for row in rows}


def young_people_of_line(key: str, base: QuerySet, period: Period, breakdown: str, unit):
    """The young people behind a line (optionally one row: a unit id, or None for the row
    "without unit"). Raises KeyError for a line whose records have no young person."""
    if key in RECORD_LINES:
        line = RECORD_LINES[key]
        if not line.person:
            raise KeyError(key)
        missions_locales = base.values("mission_locale")
        condition = Q(pk__in=[])
        for records in line.of(missions_locales, period):
            path = line.unit_path(breakdown)
            if unit is not _ALL and path is None:
                records = records if unit is None else records.none()
            elif unit is not _ALL:
                records = records.filter(**{path: unit})
            condition |= Q(pk__in=records.values(line.person))
        return base.filter(condition)
    counted = LINES[key](base, period)
    if unit is not _ALL:
        counted = counted.filter(**{PERSON_UNITS[breakdown]: unit})
    return counted


# --- Justice agreement (seed 000) ----------------------------------------------------------


def _jsmj(*intervals, person="young_person") -> Exists:
    """A "sous main de justice" period of the outer row's young person meeting every interval."""
    periods = PriorityPublicPeriod.objects.filter(
        young_person=OuterRef(person), public=PriorityPublic.JUSTICE
    )
    for start, until in intervals:
        periods = periods.filter(_meets(start, until))
    return Exists(periods)


def _under_justice_in(period: Period, person: str = "young_person") -> Q:
    """Records of young people under justice on a day of the period: a few thousand files,
    from which the planner starts rather than from a year of the network's events."""
    periods = PriorityPublicPeriod.objects.filter(public=PriorityPublic.JUSTICE).filter(
        _meets(period.start, period.end)
    )
    return Q(**{f"{person}__in": periods.values("young_person")})


def _jsmj_interviews(period: Period) -> tuple[QuerySet, QuerySet]:
    """Individual interviews held with a JSMJ: appointments "present" and interviews during a
    held session in detention, each on a day the young person is under justice."""
    start, until = _during(period)
    appointments = (
        Appointment.objects.filter(
            _under_justice_in(period),
            status=AppointmentStatus.PRESENT,
            starts_at__gte=start,
            starts_at__lt=until,
        )
        .annotate(day=TruncDate("starts_at"))
        .filter(_jsmj((OuterRef("day"), OuterRef("day"))))
    )
    in_detention = SessionInterview.objects.filter(
        session__status=SessionStatus.HELD, session__date__range=(period.start, period.end)
    ).filter(_jsmj((OuterRef("session__date"), OuterRef("session__date"))))
    return appointments, in_detention


def jsmj_received(base, period) -> QuerySet:
    """A semi-join on the few interviews of young people under justice (an EXISTS per file
    would probe every file of the network)."""
    files = base.values("pk")
    appointments, in_detention = (
        records.filter(young_person__in=files) for records in _jsmj_interviews(period)
    )
    return base.filter(
        Q(pk__in=appointments.values("young_person"))
        | Q(pk__in=in_detention.values("young_person"))
    )


def jsmj_accompanied(base, period) -> QuerySet:
    """Under justice on a day of the period, with an active pathway or a held event in it."""
    under_justice = Exists(
        PriorityPublicPeriod.objects.filter(
            young_person=OuterRef("pk"), public=PriorityPublic.JUSTICE
        ).filter(_meets(period.start, period.end))
    )
    return base.filter(under_justice).filter(_of(_active_pathways(period)) | _received(period))


def _detention_releases(period: Period) -> QuerySet:
    return PenalSituation.objects.filter(
        measure__in=DETENTION_MEASURES, released_on__range=(period.start, period.end)
    )


def jsmj_released(base, period) -> QuerySet:
    return base.filter(_of(_detention_releases(period)))


@dataclass(frozen=True)
class RecordLine:
    """A line that counts records (interviews, sessions, forms...), not young people.

    `mission_locale`: the path to the Mission Locale that counts the record; `person`: the path
    to its young person, if any (rows by site or counsellor follow the file, and the drill-down
    lists those young people); `units`: paths that differ from these defaults; `distinct`: count
    distinct values of this path instead of records."""

    records: Callable[[Period], QuerySet]
    mission_locale: str
    person: str = ""
    units: dict = field(default_factory=dict)
    distinct: str = ""

    def unit_path(self, breakdown: str) -> str | None:
        if breakdown in self.units:
            return self.units[breakdown]
        if self.person:
            return f"{self.person}__{PERSON_UNITS[breakdown]}"
        if breakdown == "mission_locale":
            return self.mission_locale
        if breakdown == "region":
            return f"{self.mission_locale}__region"
        return None

    def of(self, missions_locales, period: Period) -> list[QuerySet]:
        """The records counted, as one or more querysets whose counts add up."""
        parts = self.records(period)
        parts = parts if isinstance(parts, tuple) else (parts,)
        return [p.filter(**{f"{self.mission_locale}__in": missions_locales}) for p in parts]


def _leaves(period: Period, *, pmsmp: bool = False) -> QuerySet:
    leaves = Leave.objects.filter(starts_on__range=(period.start, period.end)).filter(
        _jsmj((OuterRef("starts_on"), OuterRef("starts_on")), person="situation__young_person")
    )
    return leaves.filter(purpose=LeavePurpose.PMSMP) if pmsmp else leaves


def _justice_forms(period: Period) -> QuerySet:
    return LiaisonForm.objects.filter(
        direction=LiaisonDirection.TO_MISSION_LOCALE,
        sender_organisation__kind__in=JUSTICE_SENDER_KINDS,
        sent_at__gte=_during(period)[0],
        sent_at__lt=_during(period)[1],
    )


def _tig_habilitations(period: Period) -> QuerySet:
    return TigHabilitation.objects.filter(granted_on__lte=period.end).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=period.start)
    )


JUSTICE_SENDER_KINDS = (OrganisationKind.SPIP, OrganisationKind.PJJ, OrganisationKind.PRISON)
_FILE_ML = "young_person__mission_locale"
_FORM_UNITS = {
    "region": "recipient_organisation__region",
    "mission_locale": "recipient_organisation",
    "establishment": "establishment",
}
_EVENT_ML = "mission_locale"

RECORD_LINES = {
    "jsmj_interviews": RecordLine(_jsmj_interviews, _FILE_ML, person="young_person"),
    "jsmj_participations": RecordLine(
        lambda p: (
            Participation.objects.filter(
                _under_justice_in(p),
                status=ParticipationStatus.PRESENT,
                session__starts_at__gte=_during(p)[0],
                session__starts_at__lt=_during(p)[1],
            )
            .annotate(day=TruncDate("session__starts_at"))
            .filter(_jsmj((OuterRef("day"), OuterRef("day"))))
        ),
        _FILE_ML,
        person="young_person",
    ),
    "jsmj_leaves": RecordLine(
        _leaves, "situation__young_person__mission_locale", person="situation__young_person"
    ),
    "jsmj_pmsmp_leaves": RecordLine(
        lambda p: _leaves(p, pmsmp=True),
        "situation__young_person__mission_locale",
        person="situation__young_person",
    ),
    "justice_forms": RecordLine(
        _justice_forms, "recipient_organisation", person="young_person", units=_FORM_UNITS
    ),
    "justice_forms_young_people": RecordLine(
        lambda p: _justice_forms(p).filter(young_person__isnull=False),
        "recipient_organisation",
        person="young_person",
        units=_FORM_UNITS,
        distinct="young_person",
    ),
    "cjml_sessions": RecordLine(
        lambda p: DetentionSession.objects.filter(
            status=SessionStatus.HELD, date__range=(p.start, p.end)
        ),
        _EVENT_ML,
        units={"referent": "cjml"},
    ),
    "tig_paths": RecordLine(
        lambda p: TigPlacement.objects.filter(ordered_on__range=(p.start, p.end)),
        "host_mission_locale",
        person="young_person",
        units={"region": "host_mission_locale__region", "mission_locale": "host_mission_locale"},
    ),
    "tig_habilitated": RecordLine(_tig_habilitations, _EVENT_ML, distinct="mission_locale"),
    "job_events": RecordLine(
        lambda p: JobEvent.objects.filter(held_on__range=(p.start, p.end)), _EVENT_ML
    ),
    "job_event_participations": RecordLine(
        lambda p: JobEventParticipant.objects.filter(
            event__held_on__range=(p.start, p.end)
        ).exclude(outcome=JobEventOutcome.ABSENT),
        "event__mission_locale",
        person="young_person",
        units={
            "region": "event__mission_locale__region",
            "mission_locale": "event__mission_locale",
        },
    ),
}


# --- Child welfare (seed 002 §5) ------------------------------------------------------------


def _follow_ups(**held) -> Q:
    return Q(pk__in=AseFollowUp.objects.filter(**held).values("young_person"))


def ase_cej(base, period) -> QuerySet:
    cej = _active_pathways(period).filter(kind=PathwayKind.CEJ)
    return base.filter(ase_follow_up__isnull=False).filter(_of(cej))


def _ase_lines(period: Period) -> dict:
    days = (period.start, period.end)
    return {
        "ase_asked": _follow_ups(requested_by_departement_on__range=days),
        "ase_joint_interviews": Q(
            pk__in=AgeSeventeenInterview.objects.filter(
                held_on__range=days, held_jointly=True
            ).values("follow_up__young_person")
        ),
        "ase_diagnostics": _follow_ups(bilan_diagnostic__completed_on__range=days),
        "ase_registered": _follow_ups(registered_on__range=days),
        "ase_joint_projects": Q(
            pk__in=AutonomyProject.objects.filter(
                drawn_up_on__range=days, built_jointly=True
            ).values("follow_up__young_person")
        ),
    }


def _ase_line(key: str):
    return lambda base, period: base.filter(_ase_lines(period)[key])


LINES.update(
    {
        "jsmj_received": jsmj_received,
        "jsmj_accompanied": jsmj_accompanied,
        "jsmj_released": jsmj_released,
        **{
            key: _ase_line(key)
            for key in (
                "ase_asked",
                "ase_joint_interviews",
                "ase_diagnostics",
                "ase_registered",
                "ase_joint_projects",
            )
        },
        "ase_cej": ase_cej,
    }
)

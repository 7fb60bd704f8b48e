"""The deadlines the law and the agreements set, as pure functions of dated facts.

Each rule returns a `Finding` when the person responsible should act, or None. A finding's
`key` names the occurrence (the pathway, the form, the reference date): recomputing finds the
same key, so an alert is never duplicated, and a handled one does not come back for the same
occurrence. Thresholds come from `thresholds.for_mission_locale` (national defaults in the
settings, overridden per Mission Locale by its director).
"""

import datetime
from dataclasses import dataclass, field
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from jalon.alerts.enums import AlertLevel, AlertRule

DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Finding:
    rule: str
    key: str
    due_date: datetime.date
    level: int
    # Dates and figures the explanation quotes: never a name, never free text.
    params: dict = field(default_factory=dict)


def _level(today: datetime.date, due: datetime.date) -> int:
    return AlertLevel.NOW if today >= due else AlertLevel.SOON


def _approaching(rule, key, *, due, warn_from, today, **params) -> Finding | None:
    """A deadline announced from `warn_from`, to be acted on from `due`."""
    if today < warn_from:
        return None
    return Finding(rule, key, due, _level(today, due), {"due": due.isoformat(), **params})


def youth_guarantee(
    *,
    young_person_id: int,
    neet_on_arrival: bool,
    first_reception: datetime.date,
    first_offer: datetime.date | None,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """European Youth Guarantee (seed 003): a NEET young person gets an offer (contracted
    pathway, job, training, immersion, service civique...) within 4 months of first reception."""
    if not neet_on_arrival or (first_offer is not None and first_offer <= today):
        return None
    due = first_reception + relativedelta(months=thresholds["youth_guarantee_months"])
    warn_from = first_reception + relativedelta(months=thresholds["youth_guarantee_warn_months"])
    return _approaching(
        AlertRule.YOUTH_GUARANTEE,
        f"{young_person_id}:{first_reception.isoformat()}",
        due=due,
        warn_from=warn_from,
        today=today,
        first_reception=first_reception.isoformat(),
    )


def programme_limit(
    *,
    pathway_id: int,
    rule: str,
    start: datetime.date,
    max_months: int,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """The orientation sequence lasts 4 months at most, the PACEA 24 consecutive months: the
    counsellor prepares what follows before the limit."""
    due = start + relativedelta(months=max_months)
    return _approaching(
        rule,
        str(pathway_id),
        due=due,
        warn_from=due - thresholds["pathway_limit_warn_days"] * DAY,
        today=today,
        months=max_months,
    )


def cej_ending(
    *, pathway_id: int, planned_end: datetime.date, today: datetime.date, thresholds: dict
) -> Finding | None:
    """A CEJ ends on its planned date unless renewed: decide renewal or exit in time."""
    return _approaching(
        AlertRule.CEJ_ENDING,
        f"{pathway_id}:{planned_end.isoformat()}",
        due=planned_end,
        warn_from=planned_end - thresholds["cej_end_warn_days"] * DAY,
        today=today,
    )


def cej_low_activity(
    *,
    pathway_id: int,
    weekly_hours: list[tuple[datetime.date, float]],
    minimum: float,
    today: datetime.date,
) -> Finding | None:
    """The CEJ asks 15 to 20 hours of activity a week: two consecutive complete weeks under the
    minimum call for a talk (the latest such pair only, not one alert per week)."""
    complete = [(monday, hours) for monday, hours in weekly_hours if monday + 7 * DAY <= today]
    for (first, first_hours), (second, second_hours) in reversed(list(pairwise(complete))):
        if second - first == 7 * DAY and first_hours < minimum and second_hours < minimum:
            due = second + 7 * DAY
            return Finding(
                AlertRule.CEJ_LOW_ACTIVITY,
                f"{pathway_id}:{second.isoformat()}",
                due,
                AlertLevel.NOW,
                {
                    "weeks": [first.isoformat(), second.isoformat()],
                    "hours": [float(first_hours), float(second_hours)],
                    "minimum": float(minimum),
                },
            )
    return None


def cej_breach_to_review(
    *,
    appointment_id: int,
    absent_on: datetime.date,
    last_sanctioned_breach: datetime.date | None,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """An absence during a CEJ is a possible breach (R5131-18): the counsellor decides a
    sanction or not; an absence already covered by a later sanction needs nothing."""
    if last_sanctioned_breach is not None and absent_on <= last_sanctioned_breach:
        return None
    due = absent_on + thresholds["cej_breach_review_days"] * DAY
    return Finding(
        AlertRule.CEJ_BREACH_TO_REVIEW,
        str(appointment_id),
        due,
        _level(today, due),
        {"absent_on": absent_on.isoformat(), "due": due.isoformat()},
    )


def no_contact(
    *,
    young_person_id: int,
    since: datetime.date,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """A young person in a contracted pathway is seen regularly: more than 30 days without a
    held interview or workshop (counted from the pathway start at the latest) is a warning."""
    limit = thresholds["no_contact_days"]
    if (today - since).days <= limit:
        return None
    return Finding(
        AlertRule.NO_CONTACT,
        f"{young_person_id}:{since.isoformat()}",
        since + (limit + 1) * DAY,
        AlertLevel.NOW,
        {"since": since.isoformat(), "days": limit},
    )


def age_limit(
    *,
    pathway_id: int,
    birth_date: datetime.date,
    limit_age: int,
    planned_end: datetime.date,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """Missions Locales accompany until the day before the 26th birthday (the 30th with RQTH
    in a CEJ): a pathway planned beyond it must end or hand over."""
    birthday = birth_date + relativedelta(years=limit_age)
    if birthday > planned_end:
        return None
    return _approaching(
        AlertRule.AGE_LIMIT,
        str(pathway_id),
        due=birthday,
        warn_from=birthday - thresholds["age_limit_warn_days"] * DAY,
        today=today,
        age=limit_age,
    )


def liaison_form_waiting(
    *, form_id: int, waiting_since: datetime.date, today: datetime.date, thresholds: dict
) -> Finding | None:
    """A partner's liaison form is answered within 7 days (seed 000: the CJML reads it before
    meeting the young person)."""
    due = waiting_since + thresholds["liaison_form_wait_days"] * DAY
    if today <= due:
        return None
    return Finding(
        AlertRule.LIAISON_FORM_WAITING,
        str(form_id),
        due,
        AlertLevel.NOW,
        {"since": waiting_since.isoformat()},
    )


def transfer_waiting(
    *, transfer_id: int, requested_on: datetime.date, today: datetime.date, thresholds: dict
) -> Finding:
    """A file on its way from another Mission Locale waits for acceptance: continuity for the
    young person; it is urgent after a few days."""
    due = requested_on + thresholds["transfer_wait_days"] * DAY
    return Finding(
        AlertRule.TRANSFER_WAITING,
        str(transfer_id),
        due,
        _level(today, due),
        {"since": requested_on.isoformat()},
    )


def release_without_plan(
    *,
    situation_id: int,
    foreseeable_release: datetime.date,
    has_plan: bool,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """Seed 000: prepare the release to avoid a "sortie sèche": a detention ending within 60
    days has a release plan (address, Mission Locale, first appointment, pathway, housing)."""
    if has_plan:
        return None
    return _approaching(
        AlertRule.RELEASE_WITHOUT_PLAN,
        str(situation_id),
        due=foreseeable_release,
        warn_from=foreseeable_release - thresholds["release_plan_days"] * DAY,
        today=today,
    )


def release_without_first_appointment(
    *,
    situation_id: int,
    released_on: datetime.date,
    first_held: datetime.date | None,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """Continuity "dedans-dehors": after the release, the young person is met by the Mission
    Locale; a release with no held interview since is followed up, urgently after 7 days."""
    if today <= released_on or (first_held is not None and first_held >= released_on):
        return None
    due = released_on + thresholds["release_first_appointment_days"] * DAY
    return Finding(
        AlertRule.RELEASE_WITHOUT_FIRST_APPOINTMENT,
        str(situation_id),
        due,
        _level(today, due),
        {"released_on": released_on.isoformat(), "due": due.isoformat()},
    )


def obligation_without_solution(
    *,
    mission_locale_id: int,
    waiting: list[datetime.date],
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """Obligation de formation (L114-1 Code de l'éducation): each 16-17 year old of the lists
    is contacted and convoked; the cases imported more than 15 days ago and still neither
    solved nor convoked are recalled once a week (one alert for the Mission Locale, not one per
    young person: lists hold thousands)."""
    late = [day for day in waiting if day + thresholds["obligation_contact_days"] * DAY < today]
    if not late:
        return None
    year, week, _ = today.isocalendar()
    return Finding(
        AlertRule.OBLIGATION_WITHOUT_SOLUTION,
        f"{mission_locale_id}:{year}-W{week:02d}",
        min(late) + thresholds["obligation_contact_days"] * DAY,
        AlertLevel.NOW,
        {"count": len(late), "since": min(late).isoformat()},
    )


def obligation_report_due(
    *, mission_locale_id: int, due_dates: list[datetime.date], today: datetime.date
) -> Finding | None:
    """Two months after the convocation, a young person still without solution is reported to
    the président du conseil départemental (seed 002: the ML's only duty to the Département)."""
    due = [day for day in due_dates if day <= today]
    if not due:
        return None
    first = min(due)
    return Finding(
        AlertRule.OBLIGATION_REPORT_DUE,
        f"{mission_locale_id}:{first.isoformat()}",
        first,
        AlertLevel.NOW,
        {"count": len(due), "due": first.isoformat()},
    )


def ase_interview_at_17(
    *,
    young_person_id: int,
    due_by: datetime.date,
    majority: datetime.date,
    planned: bool,
    held: bool,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """CASF L222-5-1 (seed 002): the interview at 17 is held at the latest one year before
    majority (as soon as possible when taken into care later: `childwelfare.rules.
    interview_due_by`); three months before, it must be planned; past the date, held."""
    if held or today >= majority or (planned and today < due_by):
        return None
    return _approaching(
        AlertRule.ASE_INTERVIEW_AT_17,
        str(young_person_id),
        due=due_by,
        warn_from=due_by - thresholds["ase_interview_warn_days"] * DAY,
        today=today,
    )


def ase_autonomy_project(
    *,
    young_person_id: int,
    majority: datetime.date,
    has_project: bool,
    today: datetime.date,
    thresholds: dict,
) -> Finding | None:
    """Seed 002: the projet d'accès à l'autonomie is ready when the young person comes of age;
    announced three months before the 18th birthday, recalled during the following year."""
    if has_project or today >= majority + relativedelta(years=1):
        return None
    return _approaching(
        AlertRule.ASE_AUTONOMY_PROJECT,
        str(young_person_id),
        due=majority,
        warn_from=majority - thresholds["ase_autonomy_warn_days"] * DAY,
        today=today,
    )


def cej_for_formerly_placed(
    *, young_person_id: int, majority: datetime.date, proposal_due: bool, ase_follow_up: bool
) -> Finding | None:
    """Seed 002: the CEJ is proposed "systématiquement" to young adults formerly placed (ASE or
    PJJ); when it is due is `childwelfare.rules.cej_proposal_due` (tested there)."""
    if not proposal_due:
        return None
    return Finding(
        AlertRule.CEJ_FOR_FORMERLY_PLACED,
        str(young_person_id),
        majority,
        AlertLevel.NOW,
        {"ase_follow_up": ase_follow_up},
    )

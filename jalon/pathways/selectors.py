"""Reads of the pathway: current situation, CEJ weeks of activity, allowance schedule."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone

from jalon.pathways import reference, rules
from jalon.pathways.enums import PathwayKind, ProposalStatus, ReferenceKey
from jalon.pathways.models import Pathway, Pmsmp, Proposal

WORKING_DAYS = Decimal(5)


def current_situation(young_person, today=None):
    """The latest situation ongoing today, derived from the dated situations."""
    today = today or timezone.localdate()
    ongoing = [s for s in young_person.situations.all() if s.status_on(today) == "ongoing"]
    return max(ongoing, key=lambda s: s.start_date, default=None)


def active_pathway(young_person):
    return next((p for p in young_person.pathways.all() if p.is_active), None)


def _monday(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _weekdays(start: datetime.date, end: datetime.date) -> int:
    return sum(
        1 for n in range((end - start).days + 1) if (start + datetime.timedelta(n)).weekday() < 5
    )


def cej_weeks(pathway: Pathway, today=None) -> list[dict]:
    """Each week of a CEJ up to today: hours by type of action, and whether it is under 15 h.

    Hours come from held appointments and workshops (scheduling), immersions (their weekly
    hours, prorated to the working days of the week) and proposals carried out.
    """
    return cej_weeks_of([pathway], today)[pathway.pk]


def cej_weeks_of(pathways, today=None) -> dict[int, list[dict]]:
    """`cej_weeks` of many CEJs at once (a Mission Locale's nightly alerts), by pathway id:
    five queries whatever their number."""
    from jalon.scheduling.selectors import activity_hours_by_person

    today = today or timezone.localdate()
    spans = {}
    for pathway in pathways:
        last_day = min(pathway.end_date or today, today)
        if last_day >= pathway.start_date:
            spans[pathway.pk] = (pathway.start_date, last_day)
    result = {pathway.pk: [] for pathway in pathways}
    if not spans:
        return result
    first = min(start for start, _ in spans.values())
    last = max(end for _, end in spans.values())
    people = {p.young_person_id for p in pathways if p.pk in spans}
    activity = activity_hours_by_person(people, first, last)
    pmsmps = defaultdict(list)
    for pmsmp in Pmsmp.objects.filter(
        young_person_id__in=people, start_date__lte=last, end_date__gte=first
    ):
        pmsmps[pmsmp.young_person_id].append(pmsmp)
    proposals = defaultdict(list)
    for proposal in Proposal.objects.filter(
        young_person_id__in=people,
        status=ProposalStatus.DONE,
        done_on__range=(first, last),
        cej_hours__gt=0,
    ):
        proposals[proposal.young_person_id].append(proposal)
    minimum_on = reference.history(ReferenceKey.CEJ_WEEKLY_HOURS_MIN)
    for pathway in pathways:
        if pathway.pk not in spans:
            continue
        start, last_day = spans[pathway.pk]
        person = pathway.young_person_id
        by_week: dict[datetime.date, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
        for day, label, hours in activity.get(person, ()):
            if start <= day <= last_day:
                by_week[_monday(day)][label] += Decimal(hours)
        for pmsmp in pmsmps[person]:
            if pmsmp.start_date > last_day or pmsmp.end_date < start:
                continue
            week = _monday(max(pmsmp.start_date, start))
            while week <= min(pmsmp.end_date, last_day):
                days = _weekdays(
                    max(week, pmsmp.start_date, start),
                    min(week + datetime.timedelta(days=6), pmsmp.end_date, last_day),
                )
                if days:
                    by_week[week]["Immersion (PMSMP)"] += pmsmp.weekly_hours * days / WORKING_DAYS
                week += datetime.timedelta(days=7)
        for proposal in proposals[person]:
            if start <= proposal.done_on <= last_day:
                by_week[_monday(proposal.done_on)][proposal.get_kind_display()] += (
                    proposal.cej_hours
                )
        minimum = minimum_on(ReferenceKey.CEJ_WEEKLY_HOURS_MIN, start)
        if minimum is None:  # before the CEJ existed: the French error of the reference data
            minimum = reference.value_on(ReferenceKey.CEJ_WEEKLY_HOURS_MIN, start)
        result[pathway.pk] = _weeks(start, last_day, today, by_week, minimum)
    return result


def _weeks(start, last_day, today, by_week, minimum) -> list[dict]:
    weeks = []
    week = _monday(start)
    while week <= last_day:
        detail = {
            label: hours.quantize(Decimal("0.1")) for label, hours in sorted(by_week[week].items())
        }
        total = sum(detail.values(), Decimal(0))
        weeks.append(
            {
                "monday": week,
                "iso": week.isocalendar(),
                "detail": detail,
                "total": total,
                "under_minimum": total < minimum,
                "is_current": week <= today < week + datetime.timedelta(days=7),
            }
        )
        week += datetime.timedelta(days=7)
    return weeks


def allowance_schedule(pathway: Pathway, today=None) -> list[dict]:
    """CEJ months from the start to today: amount due, sanctions, what was recorded as paid."""
    from jalon.pathways.services import cej_allowance_for_month

    if pathway.kind != PathwayKind.CEJ:
        return []
    today = today or timezone.localdate()
    last = rules.first_of_month(min(pathway.end_date or today, today))
    sanctions = list(pathway.sanctions.all())
    paid = {payment.month: payment for payment in pathway.payments.all()}
    months = []
    month = rules.first_of_month(pathway.start_date)
    while month <= last:
        try:
            due = cej_allowance_for_month(pathway, month, sanctions)
            problem = ""
        except ValidationError as error:  # a missing reference amount is shown, not raised
            due, problem = None, " ".join(error.messages)
        months.append(
            {
                "month": month,
                "due": due,
                "problem": problem,
                "sanctions": [s for s in sanctions if rules.first_of_month(s.month) == month],
                "payment": paid.get(month),
            }
        )
        month = rules.add_months(month, 1)
    return months

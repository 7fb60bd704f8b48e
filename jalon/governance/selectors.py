"""Reads of the governance area: the counts of the justice agreement's follow-up table.

`governance_counts` and `barometer_results` are what the indicator engine calls for the
agreement's yearly table (seed 000, annex 3); both are aggregates.
"""

import datetime

from django.conf import settings
from django.db.models import Avg, Count, Q, Sum

from jalon import policy
from jalon.governance import rules
from jalon.governance.enums import SATISFACTION_QUESTIONS, Evolution, GovernanceKind
from jalon.governance.models import BarometerAnswer, GovernanceRecord


def governance_counts(user, *, start: datetime.date, end: datetime.date) -> list[dict]:
    """Per kind: records held between `start` and `end` (inclusive) and their participants,
    within what the user may read."""
    rows = {
        row["kind"]: row
        for row in GovernanceRecord.objects.visible_to(user)
        .filter(held_on__range=(start, end))
        .values("kind")
        .annotate(count=Count("pk"), participants=Sum("participants"))
    }
    return [
        {
            "kind": kind,
            "label": label,
            "count": rows.get(kind, {}).get("count", 0),
            "participants": rows.get(kind, {}).get("participants") or 0,
        }
        for kind, label in GovernanceKind.choices
    ]


def percent(part: int, whole: int) -> int:
    """A whole percentage, rounded half up."""
    return (200 * part + whole) // (2 * whole)


def _summary(answers) -> dict:
    """Shares of the answers, ready to read: satisfied per question, commissions, evolution."""
    values = answers.aggregate(
        answers=Count("pk"),
        knows_commissions=Count("pk", filter=Q(knows_integration_commissions=True)),
        **{f"{field}_mean": Avg(field) for field in SATISFACTION_QUESTIONS},
        **{
            f"{field}_satisfied": Count("pk", filter=Q(**{f"{field}__gte": 3}))
            for field in SATISFACTION_QUESTIONS
        },
        **{
            f"evolution_{value}": Count("pk", filter=Q(evolution=value))
            for value in Evolution.values
        },
    )
    n = values["answers"]
    return {
        "questions": [
            {
                "satisfied_percent": percent(values[f"{field}_satisfied"], n),
                "mean": round(values[f"{field}_mean"], 1),
            }
            for field in SATISFACTION_QUESTIONS
        ],
        "knows_commissions_percent": percent(values["knows_commissions"], n),
        "evolution_percents": [
            percent(values[f"evolution_{value}"], n) for value in Evolution.values
        ],
    }


def barometer_results(user, *, year: int) -> dict:
    """The barometer of `year`, aggregated: the whole scope, then each region of it.

    A group with too few answers (settings.GOVERNANCE_BAROMETER_MIN_ANSWERS) shows only that it
    is too small, and the secondary suppression of `rules.suppressed_groups` keeps the hidden
    answers from being recomputed from the total.
    """
    threshold = settings.GOVERNANCE_BAROMETER_MIN_ANSWERS
    regions = list(policy.barometer_regions(user))
    answers = BarometerAnswer.objects.filter(year=year, region__in=regions)
    per_region = dict(answers.values("region").annotate(n=Count("pk")).values_list("region", "n"))
    total = sum(per_region.values())
    total_shown = total >= threshold and len(regions) > 1
    hidden = rules.suppressed_groups(
        {region.pk: per_region.get(region.pk, 0) for region in regions},
        total_shown=total_shown,
        threshold=threshold,
    )
    groups = []
    if len(regions) > 1:
        groups.append(
            {
                "label": "Ensemble",
                "answers": total,
                "summary": _summary(answers) if total_shown else None,
            }
        )
    for region in regions:
        count = per_region.get(region.pk, 0)
        shown = count >= threshold and region.pk not in hidden
        groups.append(
            {
                "label": region.name,
                "answers": count,
                "summary": _summary(answers.filter(region=region)) if shown else None,
            }
        )
    return {
        "year": year,
        "threshold": threshold,
        "groups": groups,
        "questions": list(SATISFACTION_QUESTIONS.values()),
    }

"""Reads of the worklist pages: a bounded number of queries whatever the portfolio's size."""

import datetime

from django.db.models import Count, Q

from jalon.accounts.models import User
from jalon.alerts import presentation
from jalon.alerts.enums import AlertLevel
from jalon.alerts.models import Alert
from jalon.core.links import uid_url
from jalon.pathways.enums import PathwayKind
from jalon.pathways.models import Pathway
from jalon.scheduling.selectors import agenda
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson


def live_alerts(user, today: datetime.date, counsellor=None) -> list[dict]:
    alerts = Alert.objects.visible_to(user).live(today).select_related("young_person")
    if counsellor is not None:
        alerts = alerts.filter(counsellor=counsellor)
    return [
        {
            "alert": alert,
            "explanation": presentation.explanation(alert),
            "why": presentation.RULES[alert.rule].why,
            "action": presentation.RULES[alert.rule].action,
            "action_url": presentation.action_url(alert),
            "file_url": (
                uid_url("youngpeople:detail", alert.young_person.uid) if alert.young_person else ""
            ),
            "handle_url": uid_url("alerts:handle", alert.uid),
            "snooze_url": uid_url("alerts:snooze", alert.uid),
        }
        for alert in alerts.by_urgency()
    ]


def portfolio_counters(user, today: datetime.date) -> dict:
    """The counsellor's files: in follow-up, in each contracted pathway (two queries)."""
    files = YoungPerson.objects.visible_to(user).filter(referent=user, status=FileStatus.ACTIVE)
    by_kind = dict(
        Pathway.objects.filter(young_person__in=files, start_date__lte=today, end_date__isnull=True)
        .values_list("kind")
        .annotate(n=Count("pk"))
    )
    return {
        "files": files.count(),
        "pathways": [(label, by_kind.get(kind, 0)) for kind, label in PathwayKind.choices],
    }


def todays_appointments(user, today: datetime.date):
    return agenda(user, user, today, today)


def alerts_by_counsellor(user, today: datetime.date) -> list[dict]:
    """The director's view: each counsellor's live alerts by level, and their portfolio."""
    live = Alert.objects.visible_to(user).live(today)
    counts = {
        row["counsellor"]: row
        for row in live.values("counsellor").annotate(
            now=Count("pk", filter=Q(level=AlertLevel.NOW)),
            soon=Count("pk", filter=Q(level=AlertLevel.SOON)),
        )
    }
    portfolios = dict(
        YoungPerson.objects.visible_to(user)
        .filter(status=FileStatus.ACTIVE, referent__isnull=False)
        .values_list("referent")
        .annotate(n=Count("pk"))
    )
    rows = []
    for member in team(user):
        row = counts.get(member.pk, {})
        rows.append(
            {
                "counsellor": member,
                "now": row.get("now", 0),
                "soon": row.get("soon", 0),
                "files": portfolios.get(member.pk, 0),
            }
        )
    queue = counts.get(None, {})
    return rows, {"now": queue.get("now", 0), "soon": queue.get("soon", 0)}


def team(user):
    """The counsellors who may hold files in the director's Mission Locale."""
    from jalon import policy

    return [
        member
        for member in User.objects.filter(
            organisation_id=user.organisation_id, is_active=True
        ).order_by("last_name", "first_name")
        if policy.can_hold_portfolio(user, member)
    ]

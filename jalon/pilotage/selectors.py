"""Anonymous aggregates: counts per Mission Locale, never a name."""

from django.db.models import Count, Q
from django.utils import timezone

from jalon import policy
from jalon.youngpeople.enums import FileStatus, PriorityPublic
from jalon.youngpeople.models import PriorityPublicPeriod, YoungPerson


def overview(user) -> dict:
    today = timezone.localdate()
    year_start = today.replace(month=1, day=1)
    missions_locales = policy.aggregate_scope(user).select_related("region", "departement")
    files = YoungPerson.objects.live().filter(mission_locale__in=missions_locales)
    per_ml = {
        row["mission_locale"]: row
        for row in files.values("mission_locale").annotate(
            total=Count("pk"),
            active=Count("pk", filter=Q(status=FileStatus.ACTIVE)),
            received_this_year=Count("pk", filter=Q(first_reception_date__gte=year_start)),
        )
    }
    publics = dict(
        PriorityPublicPeriod.objects.active_on(today)
        .filter(young_person__in=files)
        .values("public")
        .annotate(n=Count("young_person", distinct=True))
        .values_list("public", "n")
    )
    rows = [
        {
            "mission_locale": ml,
            "total": per_ml.get(ml.pk, {}).get("total", 0),
            "active": per_ml.get(ml.pk, {}).get("active", 0),
            "received_this_year": per_ml.get(ml.pk, {}).get("received_this_year", 0),
        }
        for ml in missions_locales.order_by("region__name", "name")
    ]
    return {
        "rows": rows,
        "totals": {
            key: sum(row[key] for row in rows) for key in ("total", "active", "received_this_year")
        },
        "publics": [(label, publics.get(value, 0)) for value, label in PriorityPublic.choices],
        "year_start": year_start,
    }

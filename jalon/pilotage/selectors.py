"""Anonymous aggregates: counts per Mission Locale, never a name."""

from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q, Sum
from django.utils import timezone

from jalon import policy
from jalon.network.models import Departement
from jalon.pilotage.models import CommuneFigures
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


def territorial_data_year(year: int) -> int | None:
    """The most recent year of imported figures up to `year` (the census lags a few years)."""
    return (
        CommuneFigures.objects.filter(year__lte=year)
        .order_by("-year")
        .values_list("year", flat=True)
        .first()
    )


def territorial_context(user, *, year: int) -> dict:
    """Per Mission Locale in the user's aggregate scope: population aged 16-25 and job seekers
    of the communes it covers, and the share of that population it reached in `year`.

    Reached = young people whose file was received (first reception) in `year`; the figures
    are those of the latest imported year up to `year`. A rate is only given where every
    covered commune has figures, so that a partial territory never inflates it.
    """
    scope = policy.aggregate_scope(user)
    missions_locales = scope.select_related("region").annotate(
        communes=Count("communes_covered", distinct=True)
    )
    data_year = territorial_data_year(year)
    figures, departements = {}, []
    if data_year is not None:
        departements = list(
            CommuneFigures.objects.filter(
                year=data_year,
                commune__departement__in=Departement.objects.filter(communes__covered_by__in=scope),
            )
            .values("commune__departement__code", "commune__departement__name")
            .annotate(
                population=Sum("population_16_25"),
                job_seekers_total=Sum("job_seekers"),
                communes=Count("pk"),
            )
            .order_by("commune__departement__code")
        )
        figures = {
            row["commune__covered_by"]: row
            for row in CommuneFigures.objects.filter(year=data_year, commune__covered_by__in=scope)
            .values("commune__covered_by")
            .annotate(
                population=Sum("population_16_25"),
                job_seekers_total=Sum("job_seekers"),
                with_figures=Count("pk"),
                without_job_seekers=Count("pk", filter=Q(job_seekers__isnull=True)),
            )
        }
    received = dict(
        YoungPerson.objects.live()
        .filter(mission_locale__in=scope, first_reception_date__year=year)
        .values("mission_locale")
        .annotate(n=Count("pk"))
        .values_list("mission_locale", "n")
    )
    rows = []
    for ml in missions_locales.order_by("region__name", "name"):
        row = figures.get(ml.pk, {})
        population = row.get("population")
        complete = bool(ml.communes) and row.get("with_figures", 0) == ml.communes
        reached = received.get(ml.pk, 0)
        rows.append(
            {
                "mission_locale": ml,
                "communes": ml.communes,
                "communes_without_figures": ml.communes - row.get("with_figures", 0),
                "population_16_25": population,
                "job_seekers": row.get("job_seekers_total"),
                "job_seekers_partial": row.get("without_job_seekers", 0) > 0,
                "received": reached,
                "reach_percent": reach_percent(reached, population) if complete else None,
            }
        )
    return {"rows": rows, "departements": departements, "year": year, "data_year": data_year}


def reach_percent(received: int, population: int | None) -> Decimal | None:
    """Young people received per hundred inhabitants aged 16-25, to one decimal (half up)."""
    if not population:
        return None
    tenths = (Fraction(received * 1000, population) + Fraction(1, 2)).__floor__()
    return Decimal(tenths).scaleb(-1)

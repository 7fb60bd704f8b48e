"""National and regional indicators from stored per-Mission-Locale counts.

A young person is counted in the Mission Locale that holds the file, so a period's counts of
the Mission Locales add up to their region's and the nation's, line by line and category by
category. Each Mission Locale's counts of a period are stored (`CountSnapshot`) with the
version of its data they were computed at; a commit that changes a record the indicators count
moves that version on (`signals`), so reading a national table recounts only the Mission
Locales changed since, then adds the stored rows up. The counting itself stays the
statements of `selectors._counting_queries`, generic over whatever the definitions hold,
shared out between sessions (`parallel`); custom ranges and the site/counsellor views of a
Mission Locale are counted live.
"""

import hashlib
import inspect
from collections import defaultdict
from functools import partial

from django.db import transaction
from django.db.models import F

from jalon.core import routers
from jalon.network.models import Organisation
from jalon.reporting import counting, parallel, selectors
from jalon.reporting.definitions import INDICATORS
from jalon.reporting.models import CountSnapshot, MissionLocaleDataVersion
from jalon.reporting.periods import Period, PeriodKind

STORED_BREAKDOWNS = ("region", "mission_locale")


def _additive(indicator) -> bool:
    """Stored per Mission Locale: the indicators whose figures add up over Missions Locales —
    young people (each in the Mission Locale of their file) and records (each counted by one
    Mission Locale). Those with rows of their own kind (Départements, establishments) or
    counting distinct people across records (a young person oriented to two Missions Locales
    is one) are counted live: small tables."""
    if indicator.breakdown:
        return False
    lines = [counting.RECORD_LINES.get(column.key) for column in indicator.columns]
    return all(line is None or line.distinct in ("", line.mission_locale) for line in lines)


STORED = {code: indicator for code, indicator in INDICATORS.items() if _additive(indicator)}


def definitions_fingerprint() -> str:
    """Changes with the indicators, their columns or the counting rules: counts stored under
    another fingerprint are recounted (a deployment that changes a rule needs no command)."""
    columns = [(str(code), [c.key for c in ind.columns]) for code, ind in STORED.items()]
    text = repr(columns) + inspect.getsource(counting)
    return hashlib.sha256(text.encode()).hexdigest()


FINGERPRINT = definitions_fingerprint()


def covers(breakdown: str, period: Period) -> bool:
    """Months, quarters and years by region or Mission Locale are stored; a custom range is
    counted live (any two dates: storing them would keep what nobody reads again)."""
    return breakdown in STORED_BREAKDOWNS and period.kind != PeriodKind.CUSTOM


def mark_changed(mission_locale_ids) -> None:
    """Move on the data version of these Mission Locales (called after a commit)."""
    ids = set(
        Organisation.objects.missions_locales()
        .filter(pk__in=[i for i in mission_locale_ids if i])
        .values_list("pk", flat=True)
    )
    if not ids:
        return
    with transaction.atomic():
        MissionLocaleDataVersion.objects.bulk_create(
            [MissionLocaleDataVersion(mission_locale_id=i) for i in sorted(ids)],
            ignore_conflicts=True,
        )
        MissionLocaleDataVersion.objects.filter(pk__in=ids).update(version=F("version") + 1)


def refresh(periods, mission_locale_ids=None, *, cold: bool = False) -> int:
    """Recount the Mission Locales (all by default) whose stored counts of a period (one or a
    list) are missing or stale, or all of them when `cold`; returns how many counts were
    recounted. The counts of every period share the counting sessions (`parallel`).

    Versions are read before counting, on the same database as the counts: a change committed
    meanwhile leaves a version ahead of the stored one, recounted next time."""
    periods = [periods] if isinstance(periods, Period) else list(periods)
    with routers.reporting_reads():
        missions_locales = Organisation.objects.missions_locales()
        if mission_locale_ids is not None:
            missions_locales = missions_locales.filter(pk__in=list(mission_locale_ids))
        ids = list(missions_locales.values_list("pk", flat=True))
        versions = dict(
            MissionLocaleDataVersion.objects.filter(pk__in=ids).values_list(
                "mission_locale_id", "version"
            )
        )
        stale = {period: ids if cold else _stale(period, ids, versions) for period in periods}
        stale = {period: ml_ids for period, ml_ids in stale.items() if ml_ids}
        queries = [
            partial(_of_period, index, query)
            for index, (period, ml_ids) in enumerate(stale.items())
            for query in selectors._counting_queries(
                _named(ml_ids, missions_locales, ids), "mission_locale", period, STORED
            )
        ]
        live = parallel.run(queries)
    by_ml = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for (index, code, column, ml), n in live.items():
        if n:
            by_ml[index][ml][str(code)][column] = n
    CountSnapshot.objects.bulk_create(
        [
            CountSnapshot(
                mission_locale_id=ml,
                period_start=period.start,
                period_end=period.end,
                version=versions.get(ml, 0),
                definitions=FINGERPRINT,
                counts=by_ml[index].get(ml, {}),
            )
            for index, (period, ml_ids) in enumerate(stale.items())
            for ml in ml_ids
        ],
        update_conflicts=True,
        unique_fields=["period_start", "period_end", "mission_locale"],
        update_fields=["version", "definitions", "counts", "computed_at"],
    )
    return sum(len(ml_ids) for ml_ids in stale.values())


def _named(ml_ids: list, missions_locales, ids: list):
    """These Mission Locales as a query: when they are all of them, the query that found them
    (a list of 436 ids makes PostgreSQL plan the nation's counts worse: 12.8 s, not 10.1 s)."""
    if len(ml_ids) == len(ids):
        return missions_locales
    return Organisation.objects.filter(pk__in=ml_ids)


def _stale(period: Period, ids: list, versions: dict) -> list:
    stored = {
        ml: (version, fingerprint)
        for ml, version, fingerprint in _stored(period, ids).values_list(
            "mission_locale_id", "version", "definitions"
        )
    }
    return [ml for ml in ids if stored.get(ml) != (versions.get(ml, 0), FINGERPRINT)]


def _of_period(index: int, query) -> dict:
    return {(index, *key): n for key, n in query().items()}


def counts(missions_locales, breakdown: str, period: Period, indicators=None) -> dict:
    """What `selectors._counts` returns, {(code, column, unit id): count}, added up from the
    stored counts (refreshed first) when they cover the breakdown and period; the indicators
    not stored are counted live."""
    indicators = indicators or INDICATORS
    if not covers(breakdown, period):
        return selectors._counts(missions_locales, breakdown, period, indicators)
    live = {code: ind for code, ind in indicators.items() if code not in STORED}
    result = defaultdict(int)
    with routers.reporting_reads():
        if live:
            result.update(selectors._counts(missions_locales, breakdown, period, live))
        unit = "region_id" if breakdown == "region" else "pk"
        unit_of = dict(missions_locales.values_list("pk", unit))
    refresh(period, unit_of)
    with routers.reporting_reads():
        rows = _stored(period, unit_of).values_list("mission_locale_id", "counts")
        for ml, stored in rows.iterator():
            for code, columns in stored.items():
                if code not in indicators:
                    continue
                for column, n in columns.items():
                    result[(code, column, unit_of[ml])] += n
    return dict(result)


def refresh_stored(since) -> int:
    """Recount what changed in every period stored that ends on or after `since` (the
    background task keeps the tables pilots opened recently up to date)."""
    periods = (
        CountSnapshot.objects.filter(period_end__gte=since)
        .values_list("period_start", "period_end")
        .distinct()
    )
    return refresh([_stored_period(start, end) for start, end in periods])


def forget() -> int:
    """Drop every stored count (the next read counts from cold)."""
    deleted, _ = CountSnapshot.objects.all().delete()
    return deleted


def _stored(period: Period, mission_locale_ids):
    return CountSnapshot.objects.filter(
        period_start=period.start,
        period_end=period.end,
        mission_locale_id__in=list(mission_locale_ids),
    )


def _stored_period(start, end) -> Period:
    """Only months, quarters and years are stored; their kind follows from their length."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    kind = {1: PeriodKind.MONTH, 3: PeriodKind.QUARTER}.get(months, PeriodKind.YEAR)
    return Period(kind, start, end)

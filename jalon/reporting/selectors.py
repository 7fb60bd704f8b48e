"""The tables of a scope and a period, as each user may read them.

A scope is one Mission Locale, a region or the nation (`ml:<code>`, `region:<code>`,
`national`), always within `policy.indicator_missions_locales(user)`. Its rows are the units one
level below (regions of the nation, Missions Locales of a region; sites or counsellors of a
Mission Locale for its staff, the Mission Locale itself for a pilot). For pilots every table is
anonymised (`anonymisation.protect`, all the tables of a period as one system) before it
leaves this module.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from jalon import policy
from jalon.accounts.models import Role, User
from jalon.network.models import Organisation, Region, Site
from jalon.reporting import anonymisation, counting, parallel, snapshots
from jalon.reporting.definitions import INDICATORS, Indicator, TableShape
from jalon.reporting.periods import Period
from jalon.youngpeople.models import YoungPerson

BREAKDOWN_LABELS = {
    "region": "Région",
    "mission_locale": "Mission Locale",
    "site": "Site",
    "referent": "Conseiller·ère référent·e",
    "departement": "Département",
    "establishment": "Établissement pénitentiaire",
}
NO_UNIT_LABELS = {
    "site": "Sans site",
    "referent": "Sans référent·e",
    "establishment": "Sans établissement (milieu ouvert)",
    "departement": "Département non renseigné",
}
SCOPE_ERROR = "Périmètre inconnu ou hors de vos droits."


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    missions_locales: object  # QuerySet of Organisation
    breakdown: str
    kind: str  # "national", "region" or "ml"
    region: Region | None = None
    mission_locale: Organisation | None = None


def scope_choices(user) -> list[tuple[str, str]]:
    """The scopes a user may pick, widest first."""
    missions_locales = policy.indicator_missions_locales(user).select_related("region")
    choices = []
    if user.role == Role.NATIONAL_PILOT:
        choices.append(("national", "France entière"))
    if user.is_pilot:
        regions = Region.objects.filter(pk__in=missions_locales.values("region_id"))
        choices += [(f"region:{r.code}", f"Région {r.name}") for r in regions.order_by("name")]
    choices += [(f"ml:{ml.code}", ml.name) for ml in missions_locales.order_by("name")]
    return choices


def default_scope_key(user) -> str:
    choices = scope_choices(user)
    return choices[0][0] if choices else ""


def resolve_scope(user, key: str, breakdown: str = "") -> Scope:
    """The scope named by `key` if the user may read it, or a French `ValidationError`."""
    if key not in dict(scope_choices(user)):
        raise ValidationError({"perimetre": SCOPE_ERROR})
    allowed = policy.indicator_missions_locales(user)
    if key == "national":
        return Scope(key, "France entière", allowed, "region", "national")
    kind, code = key.split(":", 1)
    if kind == "region":
        region = Region.objects.get(code=code)
        return Scope(
            key,
            f"Région {region.name}",
            allowed.filter(region=region),
            "mission_locale",
            "region",
            region,
        )
    mission_locale = allowed.get(code=code)
    staff_breakdowns = policy.indicator_breakdowns(user)
    if not staff_breakdowns:
        unit = "mission_locale"
    elif breakdown in staff_breakdowns:
        unit = breakdown
    else:
        unit = staff_breakdowns[0]
    return Scope(
        key,
        mission_locale.name,
        allowed.filter(pk=mission_locale.pk),
        unit,
        "ml",
        mission_locale.region,
        mission_locale,
    )


def counted_base(scope: Scope):
    """Every file the scope's indicators count: merged files once (in the kept file),
    anonymised ones included (their dates and outcomes are kept for this)."""
    return YoungPerson.objects.live().filter(mission_locale__in=scope.missions_locales)


@dataclass
class Row:
    key: str
    label: str
    values: list = field(default_factory=list)
    total: int | None = None
    scope_key: str = ""  # the scope a pilot opens from this row (drill down to the ML level)


@dataclass
class Table:
    indicator: Indicator
    scope: Scope
    period: Period
    breakdown_label: str
    rows: list[Row]
    totals: list
    grand_total: int | None
    previous_period: Period
    previous_totals: list
    previous_grand_total: int | None
    anonymised: bool
    threshold: int

    @property
    def has_row_totals(self) -> bool:
        return self.indicator.shape == TableShape.DISTRIBUTION

    def _cells(self, values) -> list[tuple]:
        """(column key, value, whether its young people can be listed) for the templates."""
        return [
            (column.key, value, column.drillable)
            for column, value in zip(self.indicator.columns, values, strict=True)
        ]

    @property
    def body(self) -> list[tuple]:
        return [(row, self._cells(row.values)) for row in self.rows]

    @property
    def total_cells(self) -> list[tuple]:
        return self._cells(self.totals)

    @property
    def comparison(self) -> list[dict]:
        """Each column's total now and in the previous period (the chart's data)."""
        columns = list(self.indicator.columns)
        now, before = list(self.totals), list(self.previous_totals)
        if self.has_row_totals:
            columns.insert(0, type(columns[0])("total", "Ensemble"))
            now.insert(0, self.grand_total)
            before.insert(0, self.previous_grand_total)
        return [
            {
                "key": column.key,
                "label": column.label,
                "value": value,
                "previous": previous,
                "change": value - previous if value is not None and previous is not None else None,
            }
            for column, value, previous in zip(columns, now, before, strict=True)
        ]


TOTAL = "total"


def _breakdown(indicator: Indicator, scope_breakdown: str) -> str:
    return indicator.breakdown or scope_breakdown


def _unit_labels(breakdown: str, ids) -> dict:
    ids = [i for i in ids if i is not None]
    if breakdown == "region":
        return {r.pk: r.name for r in Region.objects.filter(pk__in=ids)}
    if breakdown in ("mission_locale", "departement", "establishment"):
        return {ml.pk: ml.name for ml in Organisation.objects.filter(pk__in=ids)}
    if breakdown == "site":
        return {s.pk: s.name for s in Site.objects.filter(pk__in=ids)}
    return {u.pk: u.get_full_name() or u.email for u in User.objects.filter(pk__in=ids)}


def _listed_units(missions_locales, breakdown, mission_locale=None) -> set:
    """Units shown even when nobody is counted in them."""
    if breakdown == "region":
        return set(missions_locales.values_list("region_id", flat=True))
    if breakdown == "mission_locale":
        return set(missions_locales.values_list("pk", flat=True))
    if breakdown == "site":
        sites = Site.objects.filter(mission_locale=mission_locale)
        return set(sites.values_list("pk", flat=True))
    return set()


def _counts(missions_locales, breakdown: str, period: Period, indicators=None) -> dict:
    """{(indicator code, column key, unit id): count} for every table."""
    indicators = indicators or INDICATORS
    return parallel.run(_counting_queries(missions_locales, breakdown, period, indicators))


def _counting_queries(missions_locales, breakdown: str, period: Period, indicators) -> list:
    """One query per line, and one per population for its profiles and its own line (the young
    people received are counted once for the five tables that need them), costliest first."""
    base = YoungPerson.objects.live().filter(mission_locale__in=missions_locales)
    profiles = defaultdict(list)
    for code, indicator in indicators.items():
        if indicator.shape == TableShape.DISTRIBUTION:
            profiles[(indicator.population, _breakdown(indicator, breakdown))].append(code)
    queries = [
        partial(
            _count_population,
            counting.LINES[population[1]](files, period),
            population if population[0] in indicators else None,
            unit,
            codes,
            period,
        )
        for (population, unit), codes in profiles.items()
        for files in _shares(base, missions_locales)
    ]
    for code, indicator in indicators.items():
        if indicator.shape != TableShape.LINES:
            continue
        unit = _breakdown(indicator, breakdown)
        for column in indicator.columns:
            if ((code, column.key), unit) not in profiles:
                queries.append(
                    partial(_count_line, code, column.key, missions_locales, period, unit)
                )
    return queries


def _shares(base, missions_locales) -> list:
    """The files of the scope in as many parts as there are counting sessions (`parallel`), by
    Mission Locale: the young people received, the costliest query, probe each file's events,
    so each session counts a part of them in a part of the time."""
    sessions = parallel.sessions()
    ids = list(missions_locales.values_list("pk", flat=True)) if sessions > 1 else []
    if len(ids) < 2:
        return [base]
    return [base.filter(mission_locale__in=ids[i::sessions]) for i in range(sessions)]


def _count_population(counted, line, unit: str, codes: list, period: Period) -> dict:
    rows = counting.distributions(codes, counted, counting.PERSON_UNITS[unit], period)
    counts = {(code, category, unit_id): n for (code, unit_id, category), n in rows.items()}
    if line:
        for (code, unit_id, _), n in rows.items():
            if code == codes[0]:
                key = (*line, unit_id)
                counts[key] = counts.get(key, 0) + n
    return counts


def _count_line(code: str, key: str, missions_locales, period: Period, unit: str) -> dict:
    counted = counting.count_line(key, missions_locales, period, unit)
    return {(code, key, unit_id): n for unit_id, n in counted.items()}


def _system(counts: dict, units_of: dict, indicators=None):
    """Every number the tables publish (each unit and the TOTAL of the scope) and the
    equations that tie them: units add up to the total, and a distribution's categories add
    up to its population (the young people received, CPO n°2, for the profiles) in each unit."""
    values, equations = {}, []
    for code, indicator in (indicators or INDICATORS).items():
        units = units_of[code]
        for column in indicator.columns:
            parts = tuple((code, column.key, u) for u in units)
            for key in parts:
                values[key] = counts.get(key, 0)
            values[(code, column.key, TOTAL)] = sum(values[key] for key in parts)
            equations.append(anonymisation.Equation(parts, (code, column.key, TOTAL)))
        if indicator.shape == TableShape.DISTRIBUTION:
            for u in [*units, TOTAL]:
                equations.append(
                    anonymisation.Equation(
                        tuple((code, c.key, u) for c in indicator.columns),
                        (*indicator.population, u),
                    )
                )
    return values, equations


def _units_of(counts: dict, listed: set, indicators) -> dict:
    """The rows of each table: the units listed for the scope (those of a fixed kind only
    where something is counted) and every unit something is counted in."""
    counted = {}
    for code, _, unit in counts:
        counted.setdefault(code, set()).add(unit)
    return {
        code: sorted(
            (set() if indicator.breakdown else listed) | counted.get(code, set()),
            key=lambda u: (u is None, u or 0),
        )
        for code, indicator in indicators.items()
    }


def readable_indicators(user, scope: Scope) -> dict:
    """The tables a user reads for a scope: penal ones for justice-habilitated staff and
    pilots; tables with rows of their own kind (Départements, establishments) are published
    to pilots at region and nation level, where they are protected with the rest."""
    anonymised = policy.indicators_are_anonymised(user)
    return {
        code: indicator
        for code, indicator in INDICATORS.items()
        if (not indicator.penal or policy.can_read_penal_indicators(user))
        and not (anonymised and indicator.breakdown and scope.kind == "ml")
    }


def _published(user, scope: Scope, period: Period, indicators: dict) -> tuple[dict, dict]:
    """The units of each table and every published number by (code, column, unit or TOTAL):
    None when hidden."""
    if not policy.indicators_are_anonymised(user):
        counts = snapshots.counts(scope.missions_locales, scope.breakdown, period, indicators)
        listed = _listed_units(scope.missions_locales, scope.breakdown, scope.mission_locale)
        units_of = _units_of(counts, listed, indicators)
        values, _ = _system(counts, units_of, indicators)
        return units_of, values
    units_of, values = _pilot_published(scope.kind, scope.region, scope.mission_locale, period)
    return {code: units_of.get(code, []) for code in indicators}, values


def _pilot_published(kind: str, region, mission_locale, period: Period) -> tuple[dict, dict]:
    """What pilots read, protected as one national hierarchy: a region's figures are
    protected with its total as published in the national table, a Mission Locale's figures
    are its row of its region's table, so no two views of the same figure disagree."""
    threshold = settings.JALON_REPORTING_SMALL_CELL_THRESHOLD
    if kind == "ml":
        _, regional = _pilot_published("region", region, None, period)
        values = {}
        for (code, column, unit), value in regional.items():
            if unit == mission_locale.pk and not INDICATORS[code].breakdown:
                values[(code, column, unit)] = value
                values[(code, column, TOTAL)] = value
        return {code: [mission_locale.pk] for code in INDICATORS}, values
    everyone = Organisation.objects.missions_locales()
    if kind == "national":
        missions_locales, breakdown, locked_shown, locked_hidden = everyone, "region", (), ()
    else:
        _, national = _pilot_published("national", None, None, period)
        missions_locales, breakdown = everyone.filter(region=region), "mission_locale"
        total_of_region = {
            (code, column, TOTAL): value
            for (code, column, unit), value in national.items()
            if unit == region.pk and not INDICATORS[code].breakdown
        }
        locked_shown = {k for k, v in total_of_region.items() if v is not None}
        locked_hidden = {k for k, v in total_of_region.items() if v is None}
    counts = snapshots.counts(missions_locales, breakdown, period)
    units_of = _units_of(counts, _listed_units(missions_locales, breakdown), INDICATORS)
    values, equations = _system(counts, units_of)
    hidden = anonymisation.protect(
        values,
        equations,
        threshold=threshold,
        locked_shown=frozenset(locked_shown),
        locked_hidden=frozenset(locked_hidden),
    )
    return units_of, {k: None if k in hidden else v for k, v in values.items()}


def _refresh_stored(user, scope: Scope, periods: list) -> None:
    """Recount at once what the tables of these periods read from stored counts, so that the
    counting sessions share the recounts of both periods."""
    if not policy.indicators_are_anonymised(user):
        if snapshots.covers(scope.breakdown, periods[0]):
            snapshots.refresh(periods, scope.missions_locales.values_list("pk", flat=True))
    elif snapshots.covers("region", periods[0]):
        snapshots.refresh(periods)  # pilots' tables are protected as one national hierarchy


def _unit_scope_key(scope: Scope, breakdown: str, unit_id, codes) -> str:
    if breakdown == "region":
        return f"region:{codes[unit_id]}"
    if breakdown == "mission_locale" and scope.mission_locale is None:
        return f"ml:{codes[unit_id]}"
    return ""


def tables(user, scope: Scope, period: Period) -> list[Table]:
    """Every table of the scope and period the user reads, with the previous period's
    totals."""
    indicators = readable_indicators(user, scope)
    anonymised = policy.indicators_are_anonymised(user)
    previous_period = period.previous()
    _refresh_stored(user, scope, [period, previous_period])
    units_of, values = _published(user, scope, period, indicators)
    _, previous = _published(user, scope, previous_period, indicators)
    result = []
    for code, indicator in indicators.items():
        breakdown = _breakdown(indicator, scope.breakdown)
        units = list(units_of[code])
        labels = _unit_labels(breakdown, units)
        units.sort(key=lambda u, labels=labels: (u is None, labels.get(u, "")))
        codes = {}
        if breakdown == "region":
            codes = dict(Region.objects.filter(pk__in=units).values_list("pk", "code"))
        elif breakdown == "mission_locale":
            codes = dict(Organisation.objects.filter(pk__in=units).values_list("pk", "code"))
        distribution = indicator.shape == TableShape.DISTRIBUTION
        keys = [c.key for c in indicator.columns]

        def total(published, u, indicator=indicator, distribution=distribution):
            return published.get((*indicator.population, u), 0) if distribution else None

        rows = [
            Row(
                key="none" if unit is None else str(unit),
                label=labels.get(unit) or NO_UNIT_LABELS.get(breakdown, ""),
                values=[values.get((code, k, unit), 0) for k in keys],
                total=total(values, unit),
                scope_key=_unit_scope_key(scope, breakdown, unit, codes),
            )
            for unit in units
        ]
        result.append(
            Table(
                indicator=indicator,
                scope=scope,
                period=period,
                breakdown_label=BREAKDOWN_LABELS[breakdown],
                rows=rows,
                totals=[values.get((code, k, TOTAL), 0) for k in keys],
                grand_total=total(values, TOTAL),
                previous_period=previous_period,
                previous_totals=[previous.get((code, k, TOTAL), 0) for k in keys],
                previous_grand_total=total(previous, TOTAL),
                anonymised=anonymised,
                threshold=settings.JALON_REPORTING_SMALL_CELL_THRESHOLD,
            )
        )
    return result


def table(user, code: str, scope: Scope, period: Period) -> Table:
    """One table, or PermissionDenied when the user may not read it in this scope."""
    if code not in readable_indicators(user, scope):
        raise PermissionDenied
    return next(t for t in tables(user, scope, period) if t.indicator.code == code)


def counted_young_people(user, code: str, column: str, scope: Scope, period: Period, unit: str):
    """The young people behind one figure (a line, optionally one row): how many are counted,
    and those the user may see (files anonymised at the end of their retention are counted but
    shown to nobody; a pilot sees none, `policy.can_list_young_people_counted`)."""
    indicator = readable_indicators(user, scope).get(code)
    if indicator is None:
        raise ValidationError({"indicateur": "Indicateur hors de vos droits."})
    breakdown = _breakdown(indicator, scope.breakdown)
    if not unit:
        unit_id = counting._ALL
    elif unit == "none":
        unit_id = None
    elif unit.isdigit():
        unit_id = int(unit)
    else:
        raise ValidationError({"unite": "Unité inconnue."})
    base = counted_base(scope)
    if indicator.shape == TableShape.LINES:
        columns = {c.key: c for c in indicator.columns}
        if column not in columns or not columns[column].drillable:
            raise ValidationError({"ligne": "Ligne inconnue pour cet indicateur."})
        counted = counting.young_people_of_line(column, base, period, breakdown, unit_id)
    else:
        counted = counting.young_people_of_line(
            indicator.population[1], base, period, breakdown, unit_id
        )
        if column:
            if column not in {c.key for c in indicator.columns}:
                raise ValidationError({"ligne": "Ligne inconnue pour cet indicateur."})
            counted = counting.in_category(code, counted, period, column)
    return counted.count(), policy.scope_counted_young_people(counted, user)

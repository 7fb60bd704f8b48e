"""The tables of a scope and a period, as each user may read them.

A scope is one Mission Locale, a region or the nation (`ml:<code>`, `region:<code>`,
`national`), always within `policy.indicator_missions_locales(user)`. Its rows are the units one
level below (regions of the nation, Missions Locales of a region; sites or counsellors of a
Mission Locale for its staff, the Mission Locale itself for a pilot). For pilots every table is
anonymised (`anonymisation.protect`) before it leaves this module.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError

from jalon import policy
from jalon.accounts.models import Role, User
from jalon.network.models import Organisation, Region, Site
from jalon.reporting import anonymisation, counting
from jalon.reporting.definitions import INDICATORS, Indicator, TableShape
from jalon.reporting.periods import Period
from jalon.youngpeople.models import YoungPerson

UNIT_FIELDS = {
    "region": "mission_locale__region",
    "mission_locale": "mission_locale",
    "site": "site",
    "referent": "referent",
}
BREAKDOWN_LABELS = {
    "region": "Région",
    "mission_locale": "Mission Locale",
    "site": "Site",
    "referent": "Conseiller·ère référent·e",
}
NO_UNIT_LABELS = {"site": "Sans site", "referent": "Sans référent·e"}
SCOPE_ERROR = "Périmètre inconnu ou hors de vos droits."


@dataclass(frozen=True)
class Scope:
    key: str
    label: str
    missions_locales: object  # QuerySet of Organisation
    breakdown: str
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
        return Scope(key, "France entière", allowed, "region")
    kind, code = key.split(":", 1)
    if kind == "region":
        region = Region.objects.get(code=code)
        return Scope(key, f"Région {region.name}", allowed.filter(region=region), "mission_locale")
    mission_locale = allowed.get(code=code)
    staff_breakdowns = policy.indicator_breakdowns(user)
    if not staff_breakdowns:
        unit = "mission_locale"
    elif breakdown in staff_breakdowns:
        unit = breakdown
    else:
        unit = staff_breakdowns[0]
    return Scope(
        key, mission_locale.name, allowed.filter(pk=mission_locale.pk), unit, mission_locale
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

    @property
    def body(self) -> list[tuple]:
        """(row, [(column key, value)...]) for the templates."""
        keys = [c.key for c in self.indicator.columns]
        return [(row, list(zip(keys, row.values, strict=True))) for row in self.rows]

    @property
    def total_cells(self) -> list[tuple]:
        return list(zip([c.key for c in self.indicator.columns], self.totals, strict=True))

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


def _unit_labels(scope: Scope, ids) -> dict:
    ids = [i for i in ids if i is not None]
    if scope.breakdown == "region":
        return {r.pk: r.name for r in Region.objects.filter(pk__in=ids)}
    if scope.breakdown == "mission_locale":
        return {ml.pk: ml.name for ml in Organisation.objects.filter(pk__in=ids)}
    if scope.breakdown == "site":
        return {s.pk: s.name for s in Site.objects.filter(pk__in=ids)}
    return {u.pk: u.get_full_name() or u.email for u in User.objects.filter(pk__in=ids)}


def _listed_units(scope: Scope) -> set:
    """Units shown even when nobody is counted in them."""
    if scope.breakdown == "region":
        return set(scope.missions_locales.values_list("region_id", flat=True))
    if scope.breakdown == "mission_locale":
        return set(scope.missions_locales.values_list("pk", flat=True))
    if scope.breakdown == "site":
        return set(
            Site.objects.filter(mission_locale=scope.mission_locale).values_list("pk", flat=True)
        )
    return set()


def _counts(indicator: Indicator, scope: Scope, period: Period) -> dict:
    """{(unit id, column key): count}."""
    base = counted_base(scope)
    unit = UNIT_FIELDS[scope.breakdown]
    counts = {}
    if indicator.shape == TableShape.LINES:
        for column in indicator.columns:
            for unit_id, n in counting.count_line(column.key, base, period, unit).items():
                counts[(unit_id, column.key)] = n
    else:
        counted = counting.received(base, period)
        for unit_id, category, n in counting.distribution(indicator.code, counted, unit, period):
            counts[(unit_id, category)] = counts.get((unit_id, category), 0) + n
    return counts


def _grid(indicator, units, counts):
    return [[counts.get((unit, c.key), 0) for c in indicator.columns] for unit in units]


def _protected(indicator, grid, anonymised, threshold):
    distribution = indicator.shape == TableShape.DISTRIBUTION
    n_columns = len(indicator.columns)
    if anonymised:
        return anonymisation.protect(
            grid,
            n_columns=n_columns,
            threshold=threshold,
            rows_add_up=True,
            columns_add_up=distribution,
        )
    return anonymisation.ProtectedTable(
        cells=grid,
        column_totals=[sum(row[c] for row in grid) for c in range(n_columns)],
        row_totals=[sum(row) for row in grid] if distribution else None,
        grand_total=sum(map(sum, grid)) if distribution else None,
    )


def _unit_scope_key(scope: Scope, unit_id, codes) -> str:
    if scope.breakdown == "region":
        return f"region:{codes[unit_id]}"
    if scope.breakdown == "mission_locale" and scope.mission_locale is None:
        return f"ml:{codes[unit_id]}"
    return ""


def table(user, code: str, scope: Scope, period: Period) -> Table:
    indicator = INDICATORS[code]
    anonymised = policy.indicators_are_anonymised(user)
    threshold = settings.JALON_REPORTING_SMALL_CELL_THRESHOLD
    previous_period = period.previous()
    counts = _counts(indicator, scope, period)
    previous_counts = _counts(indicator, scope, previous_period)
    unit_ids = (
        _listed_units(scope) | {unit for unit, _ in counts} | {unit for unit, _ in previous_counts}
    )
    labels = _unit_labels(scope, unit_ids)
    units = sorted(unit_ids, key=lambda u: (u is None, labels.get(u, "")))
    current = _protected(indicator, _grid(indicator, units, counts), anonymised, threshold)
    previous = _protected(
        indicator, _grid(indicator, units, previous_counts), anonymised, threshold
    )
    codes = {}
    if scope.breakdown == "region":
        codes = dict(Region.objects.filter(pk__in=units).values_list("pk", "code"))
    elif scope.breakdown == "mission_locale":
        codes = dict(Organisation.objects.filter(pk__in=units).values_list("pk", "code"))
    rows = [
        Row(
            key="none" if unit is None else str(unit),
            label=labels.get(unit) or NO_UNIT_LABELS.get(scope.breakdown, ""),
            values=current.cells[i],
            total=current.row_totals[i] if current.row_totals is not None else None,
            scope_key=_unit_scope_key(scope, unit, codes),
        )
        for i, unit in enumerate(units)
    ]
    return Table(
        indicator=indicator,
        scope=scope,
        period=period,
        breakdown_label=BREAKDOWN_LABELS[scope.breakdown],
        rows=rows,
        totals=current.column_totals,
        grand_total=current.grand_total,
        previous_period=previous_period,
        previous_totals=previous.column_totals,
        previous_grand_total=previous.grand_total,
        anonymised=anonymised,
        threshold=threshold,
    )


def tables(user, scope: Scope, period: Period) -> list[Table]:
    return [table(user, code, scope, period) for code in INDICATORS]


def counted_young_people(user, code: str, column: str, scope: Scope, period: Period, unit: str):
    """The young people behind one figure (a line, optionally one row): how many are counted,
    and those the user may see (files anonymised at the end of their retention are counted but
    shown to nobody; a pilot sees none, `policy.can_list_young_people_counted`)."""
    indicator = INDICATORS[code]
    if indicator.shape == TableShape.LINES:
        if column not in {c.key for c in indicator.columns}:
            raise ValidationError({"ligne": "Ligne inconnue pour cet indicateur."})
        counted = counting.LINES[column](counted_base(scope), period)
    else:
        counted = counting.received(counted_base(scope), period)
        if column:
            keys = {
                (unit_id, category)
                for unit_id, category, _ in counting.distribution(code, counted, "pk", period)
            }
            counted = counted.filter(pk__in=[pk for pk, category in keys if category == column])
    if unit:
        field_name = UNIT_FIELDS[scope.breakdown]
        if unit == "none":
            counted = counted.filter(**{f"{field_name}__isnull": True})
        elif unit.isdigit():
            counted = counted.filter(**{field_name: int(unit)})
        else:
            raise ValidationError({"unite": "Unité inconnue."})
    return counted.count(), policy.scope_counted_young_people(counted, user)

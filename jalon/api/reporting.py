"""The indicators for financers' and pilots' systems: definitions, and values for a scope and
a period with the same anonymisation as the pages (a pilot gets hidden numbers as null)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from jalon import policy
from jalon.api.schemas import ErrorOut, one_of
from jalon.reporting import periods, selectors
from jalon.reporting.definitions import INDICATORS, IndicatorCode, TableShape

router = Router(tags=["indicateurs"])


class ColumnOut(Schema):
    key: str
    label: str


class IndicatorOut(Schema):
    code: one_of(IndicatorCode)
    name: str
    source: str
    counted: str
    counted_on: str
    period_rule: str
    shape: one_of(TableShape)
    columns: list[ColumnOut]


class UnitOut(Schema):
    key: str
    label: str
    scope: str = Field(description="Périmètre à demander pour le détail de cette ligne, ou vide.")
    values: list[int | None]
    total: int | None


class IndicatorValuesOut(Schema):
    code: one_of(IndicatorCode)
    name: str
    scope: str
    scope_label: str
    breakdown: str
    date_from: datetime.date = Field(alias="from")
    date_to: datetime.date = Field(alias="to")
    previous_from: datetime.date
    previous_to: datetime.date
    anonymised: bool
    threshold: int | None
    columns: list[ColumnOut]
    units: list[UnitOut]
    totals: list[int | None]
    grand_total: int | None
    previous_totals: list[int | None]
    previous_grand_total: int | None


class ValuesFilters(Schema):
    scope: str | None = None
    date_from: datetime.date | None = Field(None, alias="from")
    date_to: datetime.date | None = Field(None, alias="to")


def _definition(indicator) -> dict:
    return {
        "code": indicator.code,
        "name": indicator.name,
        "source": indicator.source,
        "counted": indicator.counted,
        "counted_on": indicator.counted_on,
        "period_rule": indicator.period_rule,
        "shape": indicator.shape,
        "columns": [{"key": c.key, "label": c.label} for c in indicator.columns],
    }


@router.get(
    "/indicators",
    summary="Lister les indicateurs",
    response={200: list[IndicatorOut], 401: ErrorOut, 403: ErrorOut},
)
def list_indicators(request):
    """Les définitions : qui est compté, à quelle date, sur quelle période, et la source."""
    if not policy.can_read_indicators(request.auth):
        raise PermissionDenied
    return [_definition(indicator) for indicator in INDICATORS.values()]


@router.get(
    "/indicators/{code}",
    summary="Valeurs d'un indicateur",
    response={200: IndicatorValuesOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    by_alias=True,
)
def indicator_values(request, code: one_of(IndicatorCode), filters: Query[ValuesFilters]):
    """Les valeurs pour un périmètre (`national`, `region:<code INSEE>`, `ml:<code>` ; par
    défaut le plus large permis) et une période de `from` à `to` (par défaut le mois en cours),
    avec la période précédente de même durée. Pour un pilote, les effectifs sous le seuil et
    ceux qui permettraient de les recalculer valent `null`."""
    user = request.auth
    if not policy.can_read_indicators(user):
        raise PermissionDenied
    if code not in INDICATORS:
        raise Http404
    month = periods.containing(periods.PeriodKind.MONTH, timezone.localdate())
    try:
        period = periods.build(
            periods.PeriodKind.CUSTOM,
            start=filters.date_from or month.start,
            end=filters.date_to or month.end,
        )
    except ValidationError as error:
        renamed = {"du": "from", "au": "to", "periode": "from"}
        raise ValidationError(
            {renamed.get(k, k): v for k, v in error.message_dict.items()}
        ) from error
    try:
        scope = selectors.resolve_scope(user, filters.scope or selectors.default_scope_key(user))
    except ValidationError as error:
        raise ValidationError({"scope": error.message_dict["perimetre"]}) from error
    table = selectors.table(user, code, scope, period)
    return {
        "code": code,
        "name": table.indicator.name,
        "scope": scope.key,
        "scope_label": scope.label,
        "breakdown": table.indicator.breakdown or scope.breakdown,
        "from": period.start,
        "to": period.end,
        "previous_from": table.previous_period.start,
        "previous_to": table.previous_period.end,
        "anonymised": table.anonymised,
        "threshold": table.threshold if table.anonymised else None,
        "columns": [{"key": c.key, "label": c.label} for c in table.indicator.columns],
        "units": [
            {
                "key": row.key,
                "label": row.label,
                "scope": row.scope_key,
                "values": row.values,
                "total": row.total,
            }
            for row in table.rows
        ],
        "totals": table.totals,
        "grand_total": table.grand_total,
        "previous_totals": table.previous_totals,
        "previous_grand_total": table.previous_grand_total,
    }

"""Reading the dated reference data: the value of a key in force on a given day."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from jalon.pathways.enums import ReferenceKey
from jalon.pathways.models import ReferenceValue


def values_on(day: datetime.date) -> dict[str, Decimal]:
    """Every key's value in force on `day` (one query)."""
    values = {}
    for row in ReferenceValue.objects.filter(valid_from__lte=day).order_by("key", "-valid_from"):
        values.setdefault(row.key, row.value)
    return values


def history(*keys: str):
    """A function giving each key's value in force on a day, from one query: for code that
    asks the same keys for many days (a whole Mission Locale's pathways)."""
    rows = sorted(
        ReferenceValue.objects.filter(key__in=keys).values_list("key", "valid_from", "value"),
        key=lambda row: row[1],
    )

    def on(key: str, day: datetime.date) -> Decimal | None:
        found = None
        for row_key, valid_from, value in rows:
            if row_key == key and valid_from <= day:
                found = value
        return found

    return on


def value_on(key: str, day: datetime.date, *, required: bool = True) -> Decimal | None:
    row = (
        ReferenceValue.objects.filter(key=key, valid_from__lte=day)
        .order_by("-valid_from")
        .values_list("value", flat=True)
        .first()
    )
    if row is None and required:
        # Before a programme existed its figures have no value: the date is what is wrong.
        raise ValidationError(
            {
                "start_date": (
                    f"Aucune règle en vigueur au {day:%d/%m/%Y} pour "
                    f"« {ReferenceKey(key).label} » : vérifiez la date."
                )
            }
        )
    return row


def months_on(key: str, day: datetime.date) -> int:
    return int(value_on(key, day))


def cej_bases_on(day: datetime.date) -> dict[str, Decimal | None]:
    values = values_on(day)
    return {
        "minor": values.get(ReferenceKey.CEJ_ALLOWANCE_MINOR),
        "non_taxable": values.get(ReferenceKey.CEJ_ALLOWANCE_NON_TAXABLE),
        "first_bracket": values.get(ReferenceKey.CEJ_ALLOWANCE_FIRST_BRACKET),
    }

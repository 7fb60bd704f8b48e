"""Reporting periods: a month, a quarter, a year or a custom range, and the one before it."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models

# Indicators count what counsellors record in Jalon: no period before its time, none far ahead.
EARLIEST = datetime.date(2000, 1, 1)
LATEST = datetime.date(2099, 12, 31)
LONGEST_RANGE_DAYS = 3 * 366


class PeriodKind(models.TextChoices):
    MONTH = "mois", "Mois"
    QUARTER = "trimestre", "Trimestre"
    YEAR = "annee", "Année"
    CUSTOM = "libre", "Période libre"


MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


@dataclass(frozen=True)
class Period:
    kind: str
    start: datetime.date
    end: datetime.date

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return f"{MONTHS[self.start.month - 1]} {self.start.year}"
        if self.kind == PeriodKind.QUARTER:
            return f"{(self.start.month - 1) // 3 + 1}e trimestre {self.start.year}"
        if self.kind == PeriodKind.YEAR:
            return f"année {self.start.year}"
        return f"du {self.start:%d/%m/%Y} au {self.end:%d/%m/%Y}"

    def previous(self) -> "Period":
        """The period of the same kind just before (for a custom range: as many days)."""
        if self.kind == PeriodKind.CUSTOM:
            days = (self.end - self.start).days + 1
            end = self.start - datetime.timedelta(days=1)
            return Period(self.kind, end - datetime.timedelta(days=days - 1), end)
        return containing(self.kind, self.start - datetime.timedelta(days=1))


def _month_start(day: datetime.date, months_back: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months_back
    return datetime.date(index // 12, index % 12 + 1, 1)


def containing(kind: str, day: datetime.date) -> Period:
    """The month, quarter or year that contains `day`."""
    if kind == PeriodKind.MONTH:
        start = _month_start(day)
        length = 1
    elif kind == PeriodKind.QUARTER:
        start = datetime.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        length = 3
    else:
        start = datetime.date(day.year, 1, 1)
        length = 12
    next_start = _month_start(start, -length)
    return Period(kind, start, next_start - datetime.timedelta(days=1))


def build(kind: str, *, day=None, start=None, end=None) -> Period:
    """The period asked for, or a French `ValidationError` keyed by field."""
    if kind not in PeriodKind.values:
        raise ValidationError({"periode": "Type de période inconnu."})
    if kind == PeriodKind.CUSTOM:
        errors = {}
        if start is None:
            errors["du"] = "Indiquez la date de début."
        if end is None:
            errors["au"] = "Indiquez la date de fin."
        if errors:
            raise ValidationError(errors)
        if end < start:
            raise ValidationError({"au": "La fin de la période précède son début."})
        if (end - start).days >= LONGEST_RANGE_DAYS:
            raise ValidationError({"au": "Une période libre couvre trois ans au plus."})
        period = Period(kind, start, end)
    else:
        if day is None:
            raise ValidationError({"date": "Indiquez une date de la période."})
        period = containing(kind, day) if EARLIEST <= day <= LATEST else None
    if period is None or period.start < EARLIEST or period.end > LATEST:
        raise ValidationError(
            {"periode": "Choisissez une période entre le 01/01/2001 et le 31/12/2099."}
        )
    if period.previous().start < EARLIEST:
        raise ValidationError(
            {"periode": "Choisissez une période entre le 01/01/2001 et le 31/12/2099."}
        )
    return period

"""Rules of the territorial reference figures: what an import file must hold."""

import csv
import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError

TERRITORIAL_COLUMNS = ("commune", "population_16_25", "job_seekers")
FIRST_DATA_YEAR = 1990
MAX_SOURCE_LENGTH = 200
# Paris has about 300,000 inhabitants aged 16-25: ten million is a typing error.
MAX_FIGURE = 10_000_000


@dataclass(frozen=True)
class FigureLine:
    commune_code: str
    population_16_25: int
    job_seekers: int | None


def check_source_and_year(*, source: str, year, today) -> None:
    errors = {}
    if not (source or "").strip():
        errors["source"] = "Indiquez la source des données (ex. INSEE, recensement 2021)."
    elif len(source.strip()) > MAX_SOURCE_LENGTH:
        errors["source"] = f"La source dépasse {MAX_SOURCE_LENGTH} caractères."
    elif any(ord(char) < 32 for char in source):
        errors["source"] = "La source contient des caractères de contrôle."
    if isinstance(year, bool) or not isinstance(year, int):
        errors["year"] = "L'année des données doit être un nombre entier."
    elif not FIRST_DATA_YEAR <= year <= today.year:
        errors["year"] = (
            f"L'année des données doit être comprise entre {FIRST_DATA_YEAR} et {today.year}."
        )
    if errors:
        raise ValidationError(errors)


def _count(text: str, *, number: int, label: str, errors: list, optional=False):
    cleaned = text.strip().replace(" ", "").replace("\xa0", "").replace("\u202f", "")
    if not cleaned and optional:
        return None
    if not (cleaned.isascii() and cleaned.isdigit()):
        errors.append(f"Ligne {number} : {label} « {text.strip()} » n'est pas un entier positif.")
        return None
    if int(cleaned) > MAX_FIGURE:
        errors.append(f"Ligne {number} : {label} dépasse {MAX_FIGURE:,}.".replace(",", " "))
        return None
    return int(cleaned)


def parse_territorial_figures(text: str, *, known_communes: set[str]) -> list[FigureLine]:
    """Read the CSV `commune,population_16_25,job_seekers` (INSEE commune codes).

    `job_seekers` may be empty (not published). Every faulty line is reported by its number in
    one French `ValidationError` keyed "file"; nothing is returned unless the whole file is valid.
    """
    text = (text or "").removeprefix("\ufeff")
    lines = text.splitlines()
    if "\x00" in text or not lines or not lines[0].strip():
        raise ValidationError(
            {
                "file": "Le fichier est vide ou illisible : la première ligne doit être "
                "« commune,population_16_25,job_seekers »."
            }
        )
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise ValidationError({"file": f"Le fichier CSV est mal formé ({exc})."}) from exc
    if tuple(cell.strip().casefold() for cell in rows[0]) != TERRITORIAL_COLUMNS:
        raise ValidationError(
            {
                "file": "La première ligne doit nommer les colonnes "
                "« commune,population_16_25,job_seekers »."
            }
        )
    figures, errors, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 3:
            errors.append(f"Ligne {number} : 3 colonnes attendues, {len(row)} lues.")
            continue
        code = row[0].strip().upper()
        if code not in known_communes:
            errors.append(f"Ligne {number} : le code commune « {row[0].strip()} » est inconnu.")
            continue
        if code in seen:
            errors.append(f"Ligne {number} : la commune {code} figure déjà ligne {seen[code]}.")
            continue
        seen[code] = number
        line_errors = []
        population = _count(
            row[1], number=number, label="la population de 16 à 25 ans", errors=line_errors
        )
        job_seekers = _count(
            row[2],
            number=number,
            label="le nombre de jeunes demandeurs d'emploi",
            errors=line_errors,
            optional=True,
        )
        errors.extend(line_errors)
        if not line_errors:
            figures.append(FigureLine(code, population, job_seekers))
    if errors:
        raise ValidationError({"file": errors})
    if not figures:
        raise ValidationError({"file": "Le fichier ne contient aucune commune."})
    return figures

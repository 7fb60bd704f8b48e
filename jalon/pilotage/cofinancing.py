"""Co-financing of the CJML posts: an envelope shared in proportion to the young people released.

Seed 000, annex 5: the Ministry of Justice's yearly envelope (700,000 EUR in 2024) is shared
among regions (or Missions Locales) in proportion to the 16-25 year olds released from detention.
The printed table shows whole percentages that add up to 102 %: each one is rounded on its own
(half up, as a spreadsheet's "0 %" format does). The amounts, on the other hand, must add up to
the envelope to the euro, so they are computed from the exact shares (fractions, never floats)
by the largest-remainder method:

1. every territory gets the whole euros of its exact share (floor of envelope x released / total);
2. the euros left (fewer than the number of territories) go one each to the largest remainders;
   equal remainders are served by the larger number released, then by territory name
   (alphabetical, case-insensitive), so the result never depends on the input order.

Each amount is thus within 1 EUR of its exact share, the amounts sum to the envelope, and a
territory with more young people released never gets less than one with fewer.
"""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import floor
from pathlib import Path

from django.core.exceptions import ValidationError

ANNEX_5_2024_ENVELOPE = 700_000
ANNEX_5_2024_FILE = Path(__file__).parent / "data" / "annex5_2024.csv"
INPUT_COLUMNS = ("territory", "released")
OUTPUT_COLUMNS = ("territory", "released", "share_percent", "amount_eur")
# An envelope above a trillion euros is a typing error, not a budget.
MAX_ENVELOPE = 10**12
MAX_RELEASED = 10**9
MAX_TERRITORIES = 2_000
MAX_TERRITORY_LENGTH = 200


@dataclass(frozen=True)
class Share:
    territory: str
    released: int
    share: Fraction  # exact part of the envelope, between 0 and 1
    exact_amount: Fraction  # envelope x share, before rounding to the euro
    amount_eur: int

    @property
    def share_percent(self) -> int:
        """The percentage as annex 5 prints it: whole, rounded half up."""
        return display_percent(self.share)

    @property
    def exact_percent(self) -> Decimal:
        """The exact share to a hundredth of a percent, for reading beside the rounded one."""
        hundredths = floor(self.share * 10_000 + Fraction(1, 2))
        return Decimal(hundredths).scaleb(-2)


def display_percent(share: Fraction) -> int:
    """Whole percentage rounded half up (0.5 % shows as 1 %), each share on its own."""
    return floor(share * 100 + Fraction(1, 2))


def allocate(*, envelope: int, counts: list[tuple[str, int]]) -> list[Share]:
    """Share `envelope` euros among territories in proportion to their number released.

    Raises a French `ValidationError` keyed by field ("envelope", "counts") on bad input.
    The result keeps the input order.
    """
    check_envelope(envelope)
    check_counts(counts)
    total = sum(released for _, released in counts)
    exact = [Fraction(envelope * released, total) for _, released in counts]
    amounts = [floor(value) for value in exact]
    left = envelope - sum(amounts)
    served_first = sorted(
        range(len(counts)),
        key=lambda i: (-(exact[i] - amounts[i]), -counts[i][1], counts[i][0].casefold()),
    )
    for i in served_first[:left]:
        amounts[i] += 1
    return [
        Share(
            territory=name,
            released=released,
            share=Fraction(released, total),
            exact_amount=value,
            amount_eur=amount,
        )
        for (name, released), value, amount in zip(counts, exact, amounts, strict=True)
    ]


def check_envelope(envelope) -> None:
    if isinstance(envelope, bool) or not isinstance(envelope, int) or envelope <= 0:
        raise ValidationError(
            {"envelope": "L'enveloppe doit être un montant entier en euros, supérieur à zéro."}
        )
    if envelope > MAX_ENVELOPE:
        raise ValidationError({"envelope": "L'enveloppe dépasse 1 000 milliards d'euros."})


def check_counts(counts) -> None:
    if not counts:
        raise ValidationError(
            {"counts": "Indiquez au moins un territoire et son nombre de sortants."}
        )
    if len(counts) > MAX_TERRITORIES:
        raise ValidationError(
            {"counts": f"Au plus {MAX_TERRITORIES} territoires peuvent être répartis à la fois."}
        )
    seen = set()
    for name, released in counts:
        key = name.strip().casefold()
        if key in seen:
            raise ValidationError({"counts": f"Le territoire « {name} » figure deux fois."})
        seen.add(key)
        if isinstance(released, bool) or not isinstance(released, int) or released < 0:
            raise ValidationError(
                {"counts": f"Le nombre de sortants de « {name} » doit être un entier positif."}
            )
    if sum(released for _, released in counts) == 0:
        raise ValidationError(
            {"counts": "Le nombre total de sortants est nul : l'enveloppe ne peut être répartie."}
        )


def parse_envelope(text: str) -> int:
    """An amount in whole euros; spaces between thousands and a trailing "€" are accepted."""
    cleaned = (text or "").replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    cleaned = cleaned.removesuffix("€").removesuffix("EUR")
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValidationError(
            {
                "envelope": f"L'enveloppe « {text} » n'est pas un montant entier en euros "
                "(exemple : 700000)."
            }
        )
    envelope = int(cleaned)
    check_envelope(envelope)
    return envelope


def parse_counts(text: str) -> list[tuple[str, int]]:
    """Read CSV text with the columns `territory,released` (comma or semicolon separated).

    Every faulty line is reported, by its number in the file, in one French `ValidationError`
    keyed "counts"; nothing is returned unless the whole file is valid.
    """
    text = (text or "").removeprefix("\ufeff")
    if "\x00" in text:
        raise ValidationError({"counts": "Le fichier n'est pas un fichier CSV lisible."})
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ValidationError(
            {"counts": "Le fichier est vide : la première ligne doit être « territory,released »."}
        )
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ValidationError({"counts": f"Le fichier CSV est mal formé ({exc})."}) from exc
    header = tuple(cell.strip().casefold() for cell in rows[0])
    if header != INPUT_COLUMNS:
        raise ValidationError(
            {
                "counts": "La première ligne doit nommer les colonnes « territory,released » "
                f"(lu : « {delimiter.join(rows[0])} »)."
            }
        )
    counts, errors, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != 2:
            errors.append(f"Ligne {number} : 2 colonnes attendues, {len(row)} lues.")
            continue
        name, released_text = row[0].strip(), row[1].strip().replace(" ", "")
        if not name:
            errors.append(f"Ligne {number} : le territoire n'est pas nommé.")
            continue
        if len(name) > MAX_TERRITORY_LENGTH:
            errors.append(
                f"Ligne {number} : le nom du territoire dépasse {MAX_TERRITORY_LENGTH} caractères."
            )
            continue
        if not (released_text.isascii() and released_text.isdigit()):
            errors.append(
                f"Ligne {number} : le nombre de sortants « {row[1].strip()} » de « {name} » "
                "n'est pas un nombre entier positif."
            )
            continue
        released = int(released_text)
        if released > MAX_RELEASED:
            errors.append(f"Ligne {number} : le nombre de sortants de « {name} » est trop grand.")
            continue
        if name.casefold() in seen:
            first = seen[name.casefold()]
            errors.append(f"Ligne {number} : le territoire « {name} » figure déjà ligne {first}.")
            continue
        seen[name.casefold()] = number
        counts.append((name, released))
    if errors:
        raise ValidationError({"counts": errors})
    check_counts(counts)
    return counts


def annex_5_2024_counts() -> list[tuple[str, int]]:
    """The 2024 figures of annex 5 (19,625 young people released, 18 regions)."""
    return parse_counts(ANNEX_5_2024_FILE.read_text(encoding="utf-8"))


def to_csv(shares: list[Share]) -> str:
    """The allocation as CSV `territory,released,share_percent,amount_eur` (percent as printed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(OUTPUT_COLUMNS)
    for share in shares:
        writer.writerow([share.territory, share.released, share.share_percent, share.amount_eur])
    return out.getvalue()

import re

from unidecode import unidecode

_NON_LETTERS = re.compile(r"[^a-z0-9]+")


def normalize_text(value: str) -> str:
    """Lower-case ASCII words: "Élodie  DUPONT-Lefèvre" -> "elodie dupont lefevre"."""
    return _NON_LETTERS.sub(" ", unidecode(value or "").lower()).strip()


def normalize_name(*parts: str) -> str:
    return " ".join(filter(None, (normalize_text(part) for part in parts)))

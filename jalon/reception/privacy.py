"""What reception and diagnostics hold about a young person (see jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="reception.OutreachContact",
        to_young_person="young_person",
        label="Contacts de repérage",
        identity=("first_name", "last_name", "birth_date"),
        free_text=("place", "notes"),
    ),
    Holding(
        model="reception.FirstReception",
        to_young_person="young_person",
        label="Accueils",
        free_text=("oriented_to_text", "notes"),
    ),
    Holding(
        model="reception.Diagnostic",
        to_young_person="young_person",
        label="Diagnostics",
        free_text=("conclusions",),
    ),
    Holding(
        model="reception.DiagnosticInterview",
        to_young_person="diagnostic__young_person",
        label="Entretiens de diagnostic",
    ),
    Holding(
        model="reception.DiagnosticArea",
        to_young_person="diagnostic__young_person",
        label="Domaines du diagnostic",
        free_text=("situation", "barriers"),
    ),
]

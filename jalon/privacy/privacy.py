"""The rights requests are themselves held about the young person (jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="privacy.RightsRequest",
        to_young_person="young_person",
        label="Demandes d'exercice des droits",
        free_text=("details", "extension_reason", "answer"),
    ),
]

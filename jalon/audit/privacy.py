"""What the audit app holds about a young person (jalon/privacy/registry.py).

The journal itself is append-only and hash-chained: it is not a holding that anonymisation
rewrites. Emergency accesses are: their stated reason is free text about the person.
"""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="audit.EmergencyAccess",
        to_young_person="young_person",
        label="Accès d'urgence d'une autre Mission Locale",
        free_text=("reason",),
        kept_text=("reason_category",),
        internal=("uid",),
    ),
]

"""What the referrals app holds about a young person (jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="referrals.Consent",
        to_young_person="young_person",
        label="Consentements au partage",
        kept_text=("method",),
        internal=("uid",),
    ),
]

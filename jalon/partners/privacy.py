"""What shared follow-up holds about a young person (jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="partners.FollowUpGroup",
        to_young_person="young_person",
        label="Suivi partagé",
        internal=("uid",),
    ),
    Holding(
        model="partners.FollowUpMember",
        to_young_person="group__young_person",
        label="Membres du suivi partagé",
        internal=("uid",),
    ),
    Holding(
        # Written for the group (partners included): shared by design, still free text, so
        # erased with the comments and on anonymisation.
        model="partners.FollowUpNote",
        to_young_person="group__young_person",
        label="Notes du suivi partagé",
        free_text=("text",),
        internal=("uid",),
    ),
]

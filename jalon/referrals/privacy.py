"""What the referrals app holds about a young person (jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding
from jalon.youngpeople.privacy import ANONYMISED_NAME

HOLDINGS = [
    Holding(
        model="referrals.Consent",
        to_young_person="young_person",
        label="Consentements au partage",
        kept_text=("method",),
        internal=("uid",),
    ),
    Holding(
        model="referrals.LiaisonForm",
        to_young_person="young_person",
        label="Fiches de liaison",
        identity=("last_name", "first_names", "birth_date", "phone", "email"),
        contact=("phone", "email"),
        free_text=(
            "situation_details",
            "reason",
            "needs_details",
            "urgency_reason",
            "diagnostic_conclusions",
            "internal_comment",
        ),
        # The birth month stays, like the file's; situation and urgency are counted.
        replacements={
            "last_name": ANONYMISED_NAME,
            "birth_date": lambda form: form.birth_date.replace(day=1),
        },
        kept_text=(
            "direction",
            "status",
            "situation",
            "urgency",
            "consent_method",
        ),
        internal=("uid", "version", "needs"),
    ),
    Holding(
        model="referrals.LiaisonTransition",
        to_young_person="form__young_person",
        label="Historique des fiches de liaison",
        free_text=("reason",),
        kept_text=("from_status", "to_status"),
    ),
    Holding(
        model="referrals.LiaisonAttachment",
        to_young_person="form__young_person",
        label="Pièces jointes des fiches de liaison",
        identity=("original_name",),
        kept_text=("content_type", "sha256", "stored_name"),
        internal=("uid",),
        delete_on_anonymisation=True,
    ),
]

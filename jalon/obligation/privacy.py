"""What the obligation de formation holds about a young person (jalon/privacy/registry.py).

These are minors' data. A case joined to a file follows the file's retention (this registry);
a case never joined to a file is deleted JALON_OBLIGATION_RETENTION_MONTHS after the young
person's 18th birthday, and a list deposited but never imported after a day
(`jalon purge-obligation`, services.purge_expired).
"""

from jalon.privacy.registry import Holding
from jalon.youngpeople.privacy import ANONYMISED_NAME

HOLDINGS = [
    Holding(
        model="obligation.ObligationCase",
        to_young_person="young_person",
        label="Obligation de formation 16-18 ans",
        identity=(
            "last_name",
            "first_names",
            "birth_date",
            "identity_key",
            "address",
            "postal_code",
            "commune_name",
            "phone",
            "representative",
            "representative_contact",
        ),
        contact=("address", "phone", "representative_contact"),
        free_text=("establishment", "school_class", "solution_details"),
        # The birth month stays, like the file's.
        replacements={
            "last_name": ANONYMISED_NAME,
            "birth_date": lambda case: case.birth_date.replace(day=1),
        },
        internal=("uid",),
    ),
    Holding(
        model="obligation.ContactAttempt",
        to_young_person="case__young_person",
        label="Tentatives de contact (obligation de formation)",
        free_text=("notes",),
        internal=("uid",),
    ),
]

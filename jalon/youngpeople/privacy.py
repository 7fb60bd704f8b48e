"""What the file holds about a young person (see jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding
from jalon.privacy.rules import generalised_birth_date

# Shown wherever an anonymised file is still counted: nothing of the person remains.
ANONYMISED_NAME = "Anonymisé"

HOLDINGS = [
    Holding(
        model="youngpeople.YoungPerson",
        to_young_person="pk",
        label="Dossier",
        identity=(
            "last_name",
            "birth_name",
            "first_names",
            "birth_date",
            "phone",
            "email",
            "address",
            "postal_code",
        ),
        contact=("phone", "email", "address", "postal_code"),
        free_text=("last_class", "diploma", "age_exception_reason"),
        internal=("search_name",),
        # Sex, commune, levels, NEET, first reception, Mission Locale stay: indicators count them.
        replacements={
            "last_name": ANONYMISED_NAME,
            "birth_date": lambda file: generalised_birth_date(
                file.birth_date, file.first_reception_date
            ),
        },
    ),
    Holding(
        model="youngpeople.PriorityPublicPeriod",
        to_young_person="young_person",
        label="Publics prioritaires",
    ),
    Holding(
        model="youngpeople.MergeRecord",
        to_young_person="kept",
        label="Fusions de dossiers",
        # The absorbed file's content at the merge: names and contact details.
        identity=("absorbed_snapshot",),
        kept_text=("moved",),
    ),
    Holding(
        model="youngpeople.Document",
        to_young_person="young_person",
        label="Documents déposés",
        free_text=("original_name",),
        kept_text=("kind", "content_type"),
        internal=("uid", "stored_name", "sha256"),
        # Identity papers and CVs cannot be anonymised: they go, content included.
        delete_on_anonymisation=True,
    ),
    Holding(
        model="youngpeople.FileTransfer",
        to_young_person="young_person",
        label="Transferts entre Missions Locales",
        identity=("new_address", "new_postal_code"),
        contact=("new_address", "new_postal_code"),
        free_text=("reason", "refusal_reason"),
        kept_text=("reason_kind", "status"),
        internal=("uid",),
    ),
    Holding(
        model="youngpeople.FileTransferStatusChange",
        to_young_person="transfer__young_person",
        label="Historique des transferts",
        free_text=("reason",),
        kept_text=("from_status", "to_status"),
    ),
]

"""What the alerts app holds about a young person (jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="alerts.Alert",
        to_young_person="young_person",
        label="Alertes de la liste de travail",
        free_text=("handled_note",),
        kept_text=("rule", "status"),
        internal=("uid", "key", "params", "subject_uid", "level"),
        # A reminder for the staff: nothing to keep once the file is anonymised.
        delete_on_anonymisation=True,
    ),
]
# Who asked for the morning e-mail.
ACCOUNT_TRACES = [("alerts.DigestSubscription", "user_id", "pk")]

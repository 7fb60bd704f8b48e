"""What scheduling holds about a young person and a staff account (jalon/privacy/registry.py)."""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="scheduling.Appointment",
        to_young_person="young_person",
        label="Rendez-vous",
        free_text=("place", "subject", "notes"),
    ),
    Holding(
        model="scheduling.AppointmentStatusChange",
        to_young_person="appointment__young_person",
        label="Changements de statut des rendez-vous",
        free_text=("reason",),
    ),
    Holding(
        model="scheduling.Participation",
        to_young_person="young_person",
        label="Participations aux séances collectives",
    ),
]

# A counsellor's secret agenda address goes with the account.
ACCOUNT_TRACES = [("scheduling.CalendarFeed", "user_id", "pk")]

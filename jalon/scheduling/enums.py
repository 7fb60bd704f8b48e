"""Nomenclatures of appointments and collective sessions (labels follow the field's wording)."""

from django.db import models


class AppointmentMode(models.TextChoices):
    IN_PERSON = "in_person", "En présentiel"
    PHONE = "phone", "Par téléphone"
    VIDEO = "video", "En visioconférence"
    DETENTION = "detention", "En détention"


class AppointmentStatus(models.TextChoices):
    PLANNED = "planned", "Planifié"
    PRESENT = "present", "Présent"
    ABSENT = "absent", "Absent"
    CANCELLED = "cancelled", "Annulé"
    POSTPONED = "postponed", "Reporté"


# Once recorded, these statuses are the appointment's history: they do not change any more.
FINAL_STATUSES = frozenset(
    {
        AppointmentStatus.PRESENT,
        AppointmentStatus.ABSENT,
        AppointmentStatus.CANCELLED,
        AppointmentStatus.POSTPONED,
    }
)
# Whether the young person came can only be said once the appointment has started.
ATTENDANCE_STATUSES = frozenset({AppointmentStatus.PRESENT, AppointmentStatus.ABSENT})


class SessionKind(models.TextChoices):
    WORKSHOP = "workshop", "Atelier collectif"
    INFORMATION_SESSION = "information_session", "Information collective"
    JOB_EVENT = "job_event", "Événement emploi (job dating, forum)"


class ParticipationStatus(models.TextChoices):
    REGISTERED = "registered", "Inscrit"
    PRESENT = "present", "Présent"
    ABSENT = "absent", "Absent"
    EXCUSED = "excused", "Excusé"


# Label of a held individual interview in activity reports (CEJ weeks, timeline).
INTERVIEW_LABEL = "Entretien individuel"

MIN_DURATION_MINUTES = 5
MAX_DURATION_MINUTES = 480

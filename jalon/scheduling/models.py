"""Appointments with a young person, collective sessions and their attendance lists."""

import datetime
import hashlib
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField
from jalon.network.models import Organisation
from jalon.scheduling.enums import (
    FINAL_STATUSES,
    AppointmentMode,
    AppointmentStatus,
    ParticipationStatus,
    SessionKind,
)
from jalon.youngpeople.models import BelongsToYoungPersonQuerySet, YoungPerson


class Appointment(models.Model):
    """A meeting of a counsellor with one young person.

    A held individual interview is an appointment whose status is "present" (`is_interview`).
    Status changes go through `services.appointment_set_status`, which logs them.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, verbose_name="jeune", on_delete=models.CASCADE, related_name="appointments"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère",
        on_delete=models.PROTECT,
        related_name="appointments",
    )
    starts_at = models.DateTimeField("date et heure")
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)", default=45)
    mode = models.CharField(
        "modalité",
        max_length=12,
        choices=AppointmentMode.choices,
        default=AppointmentMode.IN_PERSON,
    )
    place = models.CharField("lieu", max_length=200, blank=True)
    subject = models.CharField("objet", max_length=150, blank=True)
    notes = EncryptedTextField(
        "notes internes",
        blank=True,
        help_text="Réservées à l'équipe de la Mission Locale : jamais dans l'agenda partagé.",
    )
    status = models.CharField(
        "statut",
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.PLANNED,
    )
    postponed_to = models.ForeignKey(
        "self",
        verbose_name="reporté au rendez-vous",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postponed_from",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "rendez-vous"
        verbose_name_plural = "rendez-vous"
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["counsellor", "starts_at"]),
            models.Index(fields=["young_person", "starts_at"]),
            # The indicators count the appointments held in a period, over a whole network.
            models.Index(
                fields=["starts_at"],
                condition=models.Q(status=AppointmentStatus.PRESENT),
                name="appointment_held_by_time",
            ),
            # "Received in the period" probes each file's held appointments: this index answers
            # alone, without reading the appointments (the nation: 6.5 s instead of 9.9 s).
            models.Index(
                fields=["young_person", "starts_at"],
                condition=models.Q(status=AppointmentStatus.PRESENT),
                name="appointment_held_by_person",
            ),
        ]

    def __str__(self):
        return f"Rendez-vous du {timezone.localtime(self.starts_at):%d/%m/%Y à %H:%M}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_interview(self) -> bool:
        """A held individual interview: the young person came."""
        return self.status == AppointmentStatus.PRESENT

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATUSES

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "")


STATUS_BADGES = {
    AppointmentStatus.PLANNED: "fr-badge--info",
    AppointmentStatus.PRESENT: "fr-badge--success",
    AppointmentStatus.ABSENT: "fr-badge--error",
    AppointmentStatus.CANCELLED: "fr-badge--warning",
    AppointmentStatus.POSTPONED: "fr-badge--new",
}


class AppointmentStatusChange(models.Model):
    """Who changed an appointment's status, when, from what to what, and why."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="status_changes"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField("le", default=timezone.now)
    from_status = models.CharField(
        "ancien statut", max_length=10, choices=AppointmentStatus.choices
    )
    to_status = models.CharField("nouveau statut", max_length=10, choices=AppointmentStatus.choices)
    reason = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement de statut de rendez-vous"
        verbose_name_plural = "changements de statut de rendez-vous"
        ordering = ["changed_at"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class CollectiveSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_sessions(self, user)


class CollectiveSession(models.Model):
    """A workshop, an information session or a job event, with its attendance list."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        Organisation,
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="collective_sessions",
    )
    kind = models.CharField("type", max_length=20, choices=SessionKind.choices)
    title = models.CharField("intitulé", max_length=150)
    theme = models.CharField("thème", max_length=150, blank=True)
    starts_at = models.DateTimeField("date et heure")
    duration_minutes = models.PositiveSmallIntegerField("durée (minutes)", default=120)
    place = models.CharField("lieu", max_length=200, blank=True)
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="animateur·rice",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilitated_sessions",
    )
    capacity = models.PositiveSmallIntegerField("places", null=True, blank=True)
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)

    objects = CollectiveSessionQuerySet.as_manager()

    class Meta:
        verbose_name = "séance collective"
        verbose_name_plural = "séances collectives"
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["mission_locale", "starts_at"]),
            # The indicators count the participations of a period, over a whole network.
            models.Index(fields=["starts_at"], name="session_by_time"),
        ]

    def __str__(self):
        return f"{self.title} — {timezone.localtime(self.starts_at):%d/%m/%Y}"

    @property
    def ends_at(self) -> datetime.datetime:
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)


class Participation(models.Model):
    """A line of a session's attendance list.

    Uniqueness per session is checked by the service (not by a constraint) so that merging two
    files that were both registered keeps both lines rather than failing.
    """

    session = models.ForeignKey(
        CollectiveSession, on_delete=models.CASCADE, related_name="participations"
    )
    young_person = models.ForeignKey(
        YoungPerson,
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="session_participations",
    )
    status = models.CharField(
        "présence",
        max_length=10,
        choices=ParticipationStatus.choices,
        default=ParticipationStatus.REGISTERED,
    )
    registered_at = models.DateTimeField("inscrit le", default=timezone.now)

    class Meta:
        verbose_name = "participation"
        verbose_name_plural = "participations"
        indexes = [models.Index(fields=["young_person", "status"])]

    def __str__(self):
        return f"{self.young_person} — {self.session}"


def hash_feed_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def for_raw_token(self, raw: str):
        return self.filter(token_hash=hash_feed_token(raw), user__is_active=True)


class CalendarFeed(models.Model):
    """A counsellor's secret .ics address; only the token's hash is stored."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("créé le", default=timezone.now)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = "abonnement d'agenda"
        verbose_name_plural = "abonnements d'agenda"

    def __str__(self):
        return f"Agenda de {self.user}"

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(32)

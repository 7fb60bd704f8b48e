"""Append-only journal of every read and change of personal data."""

import datetime
import hashlib
import json
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    READ = "read", "Consultation"
    CREATE = "create", "Création"
    UPDATE = "update", "Modification"
    MERGE = "merge", "Fusion"
    EMERGENCY = "emergency", "Accès d'urgence"
    SEARCH = "search", "Recherche dans le journal"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionError("Le journal d'audit ne peut pas être modifié.")

    def delete(self):
        raise PermissionError("Le journal d'audit ne peut pas être effacé.")

    def visible_to(self, user):
        from jalon import policy

        return policy.scope_audit_entries(self, user)


class AuditEntry(models.Model):
    """One line of the journal. Rows are never updated nor deleted (database triggers too).

    Names of the actor and of the structure are copied so the entry stays readable when
    accounts change.
    """

    at = models.DateTimeField("date", default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    actor_label = models.CharField("auteur (libellé)", max_length=300)
    actor_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure de l'auteur",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    channel = models.CharField("canal", max_length=10)  # "web", "api", "command"
    action = models.CharField("action", max_length=10, choices=AuditAction.choices)
    object_type = models.CharField("type d'objet", max_length=50)
    object_id = models.CharField("identifiant", max_length=64, blank=True)
    # The Mission Locale that owns the record: the director reads the journal of theirs.
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale du dossier",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    changes = models.JSONField("changements", default=dict, blank=True)
    # Tamper evidence: each entry seals its content together with the previous entry's seal,
    # so that changing or removing a row breaks the chain (`jalon verify-audit`).
    previous_hash = models.CharField("empreinte précédente", max_length=64, blank=True)
    hash = models.CharField("empreinte", max_length=64, blank=True)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = "entrée du journal d'audit"
        verbose_name_plural = "journal d'audit"
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["mission_locale", "-at"]),
            models.Index(fields=["young_person", "-at"]),
            models.Index(fields=["actor", "-at"]),
            # The journal of a Mission Locale also lists what its staff did elsewhere.
            models.Index(fields=["actor_organisation", "-at"]),
        ]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_label} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionError("Le journal d'audit ne peut pas être modifié.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Le journal d'audit ne peut pas être effacé.")

    def compute_hash(self) -> str:
        """SHA-256 of the entry's content and of the previous entry's hash."""
        content = {
            "at": self.at.astimezone(datetime.UTC).isoformat(),
            "actor": self.actor_id,
            "actor_label": self.actor_label,
            "actor_organisation": self.actor_organisation_id,
            "channel": self.channel,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "mission_locale": self.mission_locale_id,
            "young_person": self.young_person_id,
            "changes": self.changes,
            "previous_hash": self.previous_hash,
        }
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(canonical.encode()).hexdigest()


class EmergencyReason(models.TextChoices):
    YOUNG_PERSON_PRESENT = "present", "Le jeune est présent et a besoin d'une réponse immédiate"
    SAFETY = "safety", "Mise en danger, mise à l'abri ou urgence sociale"
    JUSTICE = "justice", "Sortie de détention ou mesure de justice à mettre en œuvre"
    OTHER = "other", "Autre motif (précisé ci-dessous)"


class EmergencyAccessQuerySet(models.QuerySet):
    def active(self, now=None):
        return self.filter(expires_at__gt=now or timezone.now())

    def visible_to(self, user):
        from jalon import policy

        return policy.scope_emergency_accesses(self, user)


class EmergencyAccess(models.Model):
    """A counsellor's read-only access to a file of another Mission Locale ("break the glass").

    The Missions Locales are copied so the grant stays readable when accounts or files move.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="demandeur",
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
    )
    requester_mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale du demandeur",
        on_delete=models.PROTECT,
        related_name="+",
    )
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.PROTECT,
        related_name="emergency_accesses",
    )
    file_mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale du dossier",
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason_category = models.CharField("motif", max_length=10, choices=EmergencyReason.choices)
    reason = models.TextField("motif détaillé")
    granted_at = models.DateTimeField("accordé le")
    expires_at = models.DateTimeField("expire le")

    objects = EmergencyAccessQuerySet.as_manager()

    class Meta:
        verbose_name = "accès d'urgence"
        verbose_name_plural = "accès d'urgence"
        ordering = ["-granted_at", "-id"]
        indexes = [
            models.Index(fields=["user", "young_person", "-expires_at"]),
            models.Index(fields=["file_mission_locale", "-granted_at"]),
            models.Index(fields=["requester_mission_locale", "-granted_at"]),
        ]

    def __str__(self):
        return f"Accès d'urgence de {self.user} jusqu'au {self.expires_at:%d/%m/%Y %H:%M}"

    def is_active(self, now=None) -> bool:
        return self.expires_at > (now or timezone.now())


class AuditAlertQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_audit_alerts(self, user)


class AuditAlert(models.Model):
    """An account read an unusual number of distinct files in 24 hours (`detect-unusual-reads`).

    One per account and day (unique): the hourly job never raises the same alert twice.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.PROTECT,
        related_name="+",
    )
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure du compte",
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    day = models.DateField("jour")
    distinct_files = models.PositiveIntegerField("dossiers distincts consultés en 24 h")
    usual_median = models.PositiveIntegerField("médiane habituelle par jour", null=True)
    reason = models.CharField("règle déclenchée", max_length=200)
    created_at = models.DateTimeField("levée le", default=timezone.now)
    # Claimed with a conditional UPDATE: only one run sends the e-mails.
    notified_at = models.DateTimeField("notifiée le", null=True, blank=True)
    reviewed_at = models.DateTimeField("examinée le", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="examinée par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    review_comment = models.TextField("commentaire d'examen", blank=True)

    objects = AuditAlertQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte de consultations inhabituelles"
        verbose_name_plural = "alertes de consultations inhabituelles"
        ordering = ["-day", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="audit_alert_one_per_user_day")
        ]
        indexes = [models.Index(fields=["mission_locale", "-day"])]

    def __str__(self):
        return f"{self.user} : {self.distinct_files} dossiers le {self.day:%d/%m/%Y}"

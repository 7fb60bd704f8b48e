"""Append-only journal of every read and change of personal data."""

import datetime
import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditAction(models.TextChoices):
    READ = "read", "Consultation"
    CREATE = "create", "Création"
    UPDATE = "update", "Modification"
    MERGE = "merge", "Fusion"


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

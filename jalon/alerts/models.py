"""Alerts: a deadline found by a rule, in the worklist of whoever must act on it."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.alerts.enums import AlertLevel, AlertRule, AlertStatus
from jalon.core.encryption import EncryptedTextField


class AlertQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_alerts(self, user)

    def live(self, today):
        """In a worklist today: open, or snoozed until today at the latest."""
        return self.filter(
            models.Q(status=AlertStatus.OPEN)
            | models.Q(status=AlertStatus.SNOOZED, snoozed_until__lte=today)
        )

    def by_urgency(self):
        return self.order_by("-level", "due_date", "pk")


class Alert(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    rule = models.CharField("règle", max_length=40, choices=AlertRule.choices)
    # The occurrence the rule found (a pathway, a form, a reference date): see rules.Finding.
    key = models.CharField("occurrence", max_length=120)
    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.CASCADE,
        related_name="alerts",
    )
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="alerts",
    )
    # Whose worklist: the young person's referent; empty for the Mission Locale's shared queue
    # (liaison forms, transfers), which the roles of the rule's audience see.
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="alerts",
    )
    level = models.PositiveSmallIntegerField("urgence", choices=AlertLevel.choices)
    due_date = models.DateField("échéance")
    params = models.JSONField("éléments datés", default=dict, blank=True)
    # The object the action is about (pathway, liaison form, transfer), for the action link.
    subject_uid = models.UUIDField("objet", null=True, blank=True)
    status = models.CharField(
        "statut", max_length=10, choices=AlertStatus.choices, default=AlertStatus.OPEN
    )
    created_at = models.DateTimeField("créée le", default=timezone.now, editable=False)
    refreshed_at = models.DateTimeField("recalculée le", default=timezone.now)
    snoozed_until = models.DateField("reportée au", null=True, blank=True)
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="traitée par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_note = EncryptedTextField("note", blank=True)
    resolved_at = models.DateTimeField("levée le", null=True, blank=True)
    # Set when the daily digest mentioned it: each alert is announced once.
    announced_at = models.DateTimeField("annoncée le", null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = "alerte"
        constraints = [
            models.UniqueConstraint(fields=["rule", "key"], name="alert_one_per_occurrence")
        ]
        indexes = [
            models.Index(fields=["counsellor", "status"]),
            models.Index(fields=["mission_locale", "status"]),
            models.Index(fields=["young_person", "status"]),
        ]

    def __str__(self):
        return f"{self.get_rule_display()} (échéance {self.due_date:%d/%m/%Y})"


class AlertThreshold(models.Model):
    """A Mission Locale's own value for one threshold; the national default otherwise."""

    mission_locale = models.ForeignKey(
        "network.Organisation",
        verbose_name="Mission Locale",
        on_delete=models.CASCADE,
        related_name="alert_thresholds",
    )
    name = models.CharField("seuil", max_length=40)
    value = models.PositiveIntegerField("valeur")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "seuil d'alerte d'une Mission Locale"
        constraints = [
            models.UniqueConstraint(
                fields=["mission_locale", "name"], name="alert_threshold_once_per_ml"
            )
        ]

    def __str__(self):
        return f"{self.name} = {self.value}"


class DigestSubscription(models.Model):
    """A staff member who asked for the morning e-mail listing their new alerts."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="compte",
        on_delete=models.CASCADE,
        related_name="alert_digest",
    )
    subscribed_at = models.DateTimeField("abonné le", default=timezone.now)

    class Meta:
        verbose_name = "abonnement au courriel quotidien des alertes"

    def __str__(self):
        return f"Courriel quotidien des alertes : {self.user}"

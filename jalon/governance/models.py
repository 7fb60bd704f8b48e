"""Governance of the justice agreement: what the pilots record and the cooperation barometer."""

import uuid

from django.conf import settings
from django.db import models

from jalon.governance.enums import Evolution, GovernanceKind, Satisfaction
from jalon.network.models import Region


class GovernanceRecordQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_governance_records(self, user)


class GovernanceRecord(models.Model):
    """A steering committee, a training session, a practice exchange or a tool produced."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField("type", max_length=32, choices=GovernanceKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name="région",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        help_text="Vide pour un événement ou un outil national.",
    )
    held_on = models.DateField("date")
    title = models.CharField("intitulé", max_length=200, blank=True)
    participants = models.PositiveIntegerField("nombre de participants", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField("enregistré le", auto_now_add=True)

    objects = GovernanceRecordQuerySet.as_manager()

    class Meta:
        verbose_name = "événement de gouvernance"
        verbose_name_plural = "événements de gouvernance"
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["kind", "held_on"])]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.held_on:%d/%m/%Y}"


class BarometerParticipation(models.Model):
    """That a CJML answered a year's barometer: one answer each, and never which one.

    Kept apart from the answer itself, which holds no link to its author.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="barometer_participations"
    )
    year = models.PositiveSmallIntegerField("année")

    class Meta:
        verbose_name = "participation au baromètre"
        constraints = [
            models.UniqueConstraint(fields=["user", "year"], name="one_barometer_answer_a_year")
        ]

    def __str__(self):
        return f"Participation au baromètre {self.year}"


class BarometerAnswer(models.Model):
    """One anonymous answer to the cooperation barometer; only its year and region are kept.

    Its key is random, not a sequence: the order of the answers must not match the order of
    the participations in the audit journal.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    year = models.PositiveSmallIntegerField("année")
    region = models.ForeignKey(Region, verbose_name="région", on_delete=models.PROTECT)
    communication = models.PositiveSmallIntegerField(choices=Satisfaction.choices)
    tools = models.PositiveSmallIntegerField(choices=Satisfaction.choices)
    access = models.PositiveSmallIntegerField(choices=Satisfaction.choices)
    knows_integration_commissions = models.BooleanField(
        "connaît les commissions d'insertion professionnelle"
    )
    evolution = models.CharField(
        "évolution du partenariat", max_length=16, choices=Evolution.choices
    )

    class Meta:
        verbose_name = "réponse au baromètre"
        verbose_name_plural = "réponses au baromètre"
        indexes = [models.Index(fields=["year", "region"])]

    def __str__(self):
        return f"Réponse au baromètre {self.year}"

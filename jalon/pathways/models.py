"""Contracted pathways (orientation sequence, PACEA, CEJ), immersions, proposals, situations."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.core.versioning import Versioned
from jalon.pathways.enums import (
    AllowanceCategory,
    ContractType,
    ExitOutcome,
    ExitReason,
    PathwayKind,
    ProposalKind,
    ProposalStatus,
    ReferenceKey,
    SanctionKind,
    SituationKind,
    TrainingType,
)
from jalon.youngpeople.models import BelongsToYoungPersonQuerySet


class ReferenceValue(models.Model):
    """A figure set by law or agreement, valid from a date until the next value of its key."""

    key = models.CharField("valeur", max_length=40, choices=ReferenceKey.choices)
    valid_from = models.DateField("en vigueur à partir du")
    value = models.DecimalField("montant ou nombre", max_digits=10, decimal_places=2)
    to_confirm = models.BooleanField(
        "à confirmer", default=False, help_text="Chiffre non vérifié dans un texte officiel."
    )
    source = models.CharField("source", max_length=250, blank=True)

    class Meta:
        verbose_name = "donnée de référence datée"
        verbose_name_plural = "données de référence datées"
        ordering = ["key", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "valid_from"], name="reference_value_unique_date"
            )
        ]

    def __str__(self):
        return f"{self.get_key_display()} : {self.value} (depuis le {self.valid_from:%d/%m/%Y})"


class PathwayQuerySet(BelongsToYoungPersonQuerySet):
    def active_on(self, day: datetime.date):
        return self.filter(start_date__lte=day).filter(
            models.Q(end_date__isnull=True) | models.Q(end_date__gte=day)
        )


class Pathway(Versioned):
    VERSION_SUBJECT = "Ce parcours"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson", on_delete=models.PROTECT, related_name="pathways"
    )
    kind = models.CharField("parcours", max_length=30, choices=PathwayKind.choices)
    start_date = models.DateField("début")
    planned_end_date = models.DateField("fin prévue")
    exception_reason = models.TextField(
        "motif de la dérogation de durée",
        blank=True,
        help_text="CEJ au-delà de 12 mois (18 au plus) : décision motivée.",
    )
    allowance_category = models.CharField(
        "catégorie d'allocation",
        max_length=20,
        choices=AllowanceCategory.choices,
        blank=True,
        help_text="CEJ : situation fiscale du foyer (les mineurs ont le montant mineur).",
    )
    end_date = models.DateField("date de sortie", null=True, blank=True)
    exit_reason = models.CharField(
        "motif de sortie", max_length=20, choices=ExitReason.choices, blank=True
    )
    exit_outcome = models.CharField(
        "situation à la sortie", max_length=30, choices=ExitOutcome.choices, blank=True
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = PathwayQuerySet.as_manager()

    class Meta:
        verbose_name = "parcours contractualisé"
        verbose_name_plural = "parcours contractualisés"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["young_person", "kind", "start_date"])]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.start_date:%d/%m/%Y}"

    @property
    def is_active(self) -> bool:
        return self.end_date is None


class PaceaPhase(models.Model):
    """A PACEA phase: its objectives, and the evaluation written at its end."""

    pathway = models.ForeignKey(Pathway, on_delete=models.CASCADE, related_name="phases")
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    objectives = models.TextField("objectifs")
    evaluation = models.TextField("évaluation de fin de phase", blank=True)

    class Meta:
        verbose_name = "phase du PACEA"
        ordering = ["start_date"]

    def __str__(self):
        return f"Phase du {self.start_date:%d/%m/%Y}"


class AllowancePayment(models.Model):
    """An allowance paid for a month: occasional for the PACEA, monthly for the CEJ."""

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="payments")
    month = models.DateField("mois", help_text="Premier jour du mois concerné.")
    amount = models.DecimalField("montant (EUR)", max_digits=8, decimal_places=2)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "versement d'allocation"
        ordering = ["month"]

    def __str__(self):
        return f"{self.amount} EUR pour {self.month:%m/%Y}"


class CejSanction(models.Model):
    """A breach of the CEJ commitments and the sanction it carried (R5131-18)."""

    pathway = models.ForeignKey(Pathway, on_delete=models.PROTECT, related_name="sanctions")
    breach_date = models.DateField("date du manquement")
    kind = models.CharField("sanction", max_length=12, choices=SanctionKind.choices)
    month = models.DateField("mois d'allocation concerné")
    reason = models.TextField("motif")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "sanction CEJ"
        ordering = ["breach_date"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.breach_date:%d/%m/%Y})"


class Pmsmp(models.Model):
    """An immersion in a company (période de mise en situation en milieu professionnel)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson", on_delete=models.PROTECT, related_name="pmsmps"
    )
    employer_name = models.CharField("entreprise d'accueil", max_length=200)
    employer_siret = models.CharField("SIRET", max_length=14)
    start_date = models.DateField("début")
    end_date = models.DateField("fin")
    weekly_hours = models.DecimalField(
        "heures par semaine", max_digits=4, decimal_places=1, default=Decimal("35")
    )
    goal = models.CharField(
        "objectif",
        max_length=30,
        choices=[
            ("discover", "Découvrir un métier"),
            ("confirm", "Confirmer un projet professionnel"),
            ("recruit", "Initier une démarche de recrutement"),
        ],
    )
    rome_code = models.CharField("code ROME", max_length=5, blank=True)
    outcome = models.TextField("bilan", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "immersion (PMSMP)"
        verbose_name_plural = "immersions (PMSMP)"
        ordering = ["-start_date"]

    def __str__(self):
        return f"PMSMP chez {self.employer_name}"


class Proposal(models.Model):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson", on_delete=models.PROTECT, related_name="proposals"
    )
    kind = models.CharField("proposition", max_length=30, choices=ProposalKind.choices)
    proposed_on = models.DateField("proposée le")
    description = models.CharField("description", max_length=250)
    status = models.CharField(
        "statut", max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    done_on = models.DateField("réalisée le", null=True, blank=True)
    cej_hours = models.DecimalField(
        "heures d'activité CEJ",
        max_digits=5,
        decimal_places=1,
        default=Decimal("0"),
        help_text="Heures comptées dans l'activité du CEJ une fois la proposition réalisée.",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "proposition"
        ordering = ["-proposed_on"]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.description}"


class Situation(models.Model):
    """What the young person is doing over a period; the current situation is derived."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson", on_delete=models.PROTECT, related_name="situations"
    )
    kind = models.CharField("situation", max_length=20, choices=SituationKind.choices)
    contract_type = models.CharField(
        "contrat", max_length=20, choices=ContractType.choices, blank=True
    )
    training_type = models.CharField(
        "type de formation", max_length=20, choices=TrainingType.choices, blank=True
    )
    start_date = models.DateField("début")
    end_date = models.DateField("fin", null=True, blank=True)
    organisation_name = models.CharField("employeur ou organisme", max_length=200, blank=True)
    rome_code = models.CharField("code ROME", max_length=5, blank=True)
    formacode = models.CharField("Formacode", max_length=5, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "situation"
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["young_person", "start_date"])]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        detail = self.get_contract_type_display() or self.get_training_type_display()
        return f"{self.get_kind_display()} — {detail}" if detail else self.get_kind_display()

    def status_on(self, day: datetime.date) -> str:
        """Planned, ongoing or finished: derived from the dates, never typed."""
        if self.start_date > day:
            return "planned"
        if self.end_date is not None and self.end_date < day:
            return "finished"
        return "ongoing"

    @property
    def status_label(self) -> str:
        return {"planned": "Prévue", "ongoing": "En cours", "finished": "Terminée"}[
            self.status_on(timezone.localdate())
        ]

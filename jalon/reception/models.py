"""Outreach to "invisible" young people, first reception (level 1) and diagnostic (level 2)."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField
from jalon.core.versioning import Versioned
from jalon.network.models import Commune, Organisation, Site
from jalon.reception.enums import (
    Area,
    InterviewMode,
    NextStep,
    OneOffTopic,
    OutreachOutcome,
    ReceptionMode,
    ReceptionOutcome,
)
from jalon.youngpeople.models import BelongsToYoungPersonQuerySet, YoungPerson


class OutreachContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_outreach_contacts(self, user)


class OutreachContact(models.Model):
    """A contact made outside the walls with a young person not registered yet (aller-vers)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    mission_locale = models.ForeignKey(
        Organisation,
        verbose_name="Mission Locale",
        on_delete=models.PROTECT,
        related_name="outreach_contacts",
    )
    contacted_on = models.DateField("date du contact")
    place = models.CharField(
        "lieu", max_length=200, help_text="Par exemple : quartier, pied d'immeuble, événement."
    )
    commune = models.ForeignKey(
        Commune, verbose_name="commune", on_delete=models.PROTECT, null=True, blank=True
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="contact fait par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    partner = models.ForeignKey(
        Organisation,
        verbose_name="structure partenaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    first_name = models.CharField("prénom", max_length=100, blank=True)
    last_name = models.CharField("nom", max_length=100, blank=True)
    approximate_age = models.PositiveSmallIntegerField("âge approximatif", null=True, blank=True)
    birth_date = models.DateField("date de naissance", null=True, blank=True)
    outcome = models.CharField("suite donnée", max_length=20, choices=OutreachOutcome.choices)
    notes = EncryptedTextField("notes", blank=True)
    young_person = models.ForeignKey(
        YoungPerson,
        verbose_name="dossier",
        # Once converted, the contact is part of the file's history (and carries names):
        # it goes with the file.
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outreach_contacts",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = OutreachContactQuerySet.as_manager()

    class Meta:
        verbose_name = "contact de repérage"
        verbose_name_plural = "contacts de repérage"
        ordering = ["-contacted_on", "-created_at"]
        indexes = [models.Index(fields=["mission_locale", "contacted_on"])]

    def __str__(self):
        return f"Contact du {self.contacted_on:%d/%m/%Y} — {self.display_name}"

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in (self.first_name, self.last_name.upper()) if p)
        return name or "Jeune non identifié·e"

    @property
    def made_by_label(self) -> str:
        parts = [str(p) for p in (self.made_by and self.made_by.get_full_name(), self.partner) if p]
        return " avec ".join(parts)


class FirstReception(models.Model):
    """Level 1 of service: a one-off answer, an orientation elsewhere, or to a counsellor."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, verbose_name="jeune", on_delete=models.CASCADE, related_name="receptions"
    )
    received_on = models.DateField("date de l'accueil")
    site = models.ForeignKey(
        Site, verbose_name="lieu d'accueil", on_delete=models.PROTECT, null=True, blank=True
    )
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="accueilli·e par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    mode = models.CharField("modalité", max_length=20, choices=ReceptionMode.choices)
    outcome = models.CharField("suite donnée", max_length=30, choices=ReceptionOutcome.choices)
    topic = models.CharField(
        "sujet de la réponse ponctuelle", max_length=20, choices=OneOffTopic.choices, blank=True
    )
    oriented_to = models.ForeignKey(
        Organisation,
        verbose_name="orienté·e vers (annuaire)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    oriented_to_text = models.CharField(
        "orienté·e vers (autre structure)", max_length=200, blank=True
    )
    notes = EncryptedTextField("notes", blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "accueil"
        verbose_name_plural = "accueils"
        ordering = ["-received_on", "-created_at"]

    def __str__(self):
        return f"Accueil du {self.received_on:%d/%m/%Y}"

    @property
    def oriented_to_label(self) -> str:
        return self.oriented_to.name if self.oriented_to_id else self.oriented_to_text

    @property
    def outcome_summary(self) -> str:
        if self.outcome == ReceptionOutcome.ONE_OFF_ANSWER:
            return f"Réponse ponctuelle : {self.get_topic_display().lower()}"
        if self.outcome == ReceptionOutcome.EXTERNAL_ORIENTATION:
            return f"Orienté·e vers {self.oriented_to_label}"
        return "Orienté·e vers un·e conseiller·ère pour un diagnostic"


class Diagnostic(Versioned):
    """Level 2 of service: one or more interviews, the global approach, conclusions."""

    VERSION_SUBJECT = "Ce diagnostic"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        YoungPerson, verbose_name="jeune", on_delete=models.CASCADE, related_name="diagnostics"
    )
    counsellor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère",
        on_delete=models.PROTECT,
        related_name="+",
    )
    started_on = models.DateField("début du diagnostic")
    # Null until the conclusions are written; pathways check "diagnostic first" with
    # diagnostics.filter(completed_on__isnull=False, completed_on__lte=day).
    completed_on = models.DateField("date des conclusions", null=True, blank=True)
    conclusions = EncryptedTextField("conclusions", blank=True)
    recommended_next_step = models.CharField(
        "suite recommandée", max_length=30, choices=NextStep.choices, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = BelongsToYoungPersonQuerySet.as_manager()

    class Meta:
        verbose_name = "diagnostic"
        verbose_name_plural = "diagnostics"
        ordering = ["-started_on", "-created_at"]
        indexes = [models.Index(fields=["young_person", "completed_on"])]

    def __str__(self):
        return f"Diagnostic du {self.started_on:%d/%m/%Y}"

    @property
    def is_completed(self) -> bool:
        return self.completed_on is not None


class DiagnosticInterview(models.Model):
    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="interviews")
    held_on = models.DateField("date de l'entretien")
    mode = models.CharField(
        "modalité", max_length=20, choices=InterviewMode.choices, default=InterviewMode.IN_PERSON
    )

    class Meta:
        verbose_name = "entretien de diagnostic"
        ordering = ["held_on", "pk"]

    def __str__(self):
        return f"Entretien du {self.held_on:%d/%m/%Y}"


class DiagnosticArea(models.Model):
    """One area of the global approach: the young person's situation and the barriers met."""

    diagnostic = models.ForeignKey(Diagnostic, on_delete=models.CASCADE, related_name="areas")
    area = models.CharField("domaine", max_length=20, choices=Area.choices)
    situation = EncryptedTextField("situation", blank=True)
    barriers = EncryptedTextField("freins", blank=True)

    class Meta:
        verbose_name = "domaine du diagnostic"
        verbose_name_plural = "domaines du diagnostic"
        constraints = [
            models.UniqueConstraint(fields=["diagnostic", "area"], name="one_area_per_diagnostic")
        ]

    def __str__(self):
        return self.get_area_display()

    @property
    def order(self) -> int:
        return Area.values.index(self.area)

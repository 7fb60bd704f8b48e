"""Follow-up of a young person in child welfare (ASE), as the UNML / Départements de France
convention (seed 002) and CASF L222-5-1 describe it.

The ASE status (placed, followed at home, young adult contract) is not stored here: it is the
young person's ASE priority public (`youngpeople.PriorityPublicPeriod`, public "ase", detail the
status), whose dated rows are the status history. One history, so the file's badges, the
priority-public indicators and this follow-up never disagree; `services.ase_status_change`
closes the current period and opens the next one.

Each of the convention's six yearly indicators (§5, per Département, year to 31 December) is
one query on these facts (tests/childwelfare/test_indicators.py):
1. asked by the Département: `AseFollowUp.requested_by_departement_on` in the year;
2. interviews at 17 held jointly: `AgeSeventeenInterview.held_on` in the year, `held_jointly`;
3. orientation diagnostics by a ML counsellor: `AseFollowUp.bilan_diagnostic.completed_on`;
4. registered at the ML for a follow-up: `AseFollowUp.registered_on` in the year;
5. autonomy projects built jointly: `AutonomyProject.drawn_up_on` in the year, `built_jointly`;
6. CEJ beneficiaries: CEJ pathways (`pathways.Pathway`) active in the year.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.childwelfare.enums import AutonomyArea, CejDecision
from jalon.core.encryption import EncryptedTextField
from jalon.core.versioning import Versioned


class AseFollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_ase_follow_ups(self, user)


class AseFollowUp(Versioned):
    """The child-welfare side of one young person's file: which Département, who to call there,
    and the steps the convention sets from 16 to 21."""

    VERSION_SUBJECT = "Ce suivi ASE"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.OneToOneField(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="ase_follow_up",
    )
    departement = models.ForeignKey(
        "network.Organisation",
        verbose_name="Département (conseil départemental)",
        on_delete=models.PROTECT,
        related_name="ase_follow_ups",
    )
    taken_into_care_on = models.DateField(
        "pris·e en charge par l'ASE le",
        help_text="Décide de la date de l'entretien des 17 ans.",
    )
    # The Département's referent: an account of its staff, or a name when they have none.
    departement_referent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="référent·e ASE (compte Jalon)",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ase_follow_ups",
    )
    referent_name = models.CharField("nom du ou de la référent·e ASE", max_length=150, blank=True)
    referent_phone = models.CharField("téléphone professionnel", max_length=20, blank=True)
    referent_email = models.EmailField("courriel professionnel", blank=True)
    requested_by_departement_on = models.DateField(
        "le Département a sollicité la Mission Locale le", null=True, blank=True
    )
    first_contact_on = models.DateField(
        "premier contact avec un·e conseiller·ère le",
        null=True,
        blank=True,
        help_text="Dès 16 ans.",
    )
    registration_proposed_on = models.DateField(
        "inscription à la Mission Locale proposée le", null=True, blank=True
    )
    registered_on = models.DateField(
        "inscrit·e à la Mission Locale pour un suivi le", null=True, blank=True
    )
    bilan_diagnostic = models.ForeignKey(
        "reception.Diagnostic",
        verbose_name="diagnostic d'orientation au bilan de parcours",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The Mission Locale's own comment: never shown to the Département (décret 2015-59).
    internal_comment = EncryptedTextField("commentaire interne à la Mission Locale", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ouvert par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("ouvert le", default=timezone.now, editable=False)

    objects = AseFollowUpQuerySet.as_manager()

    class Meta:
        verbose_name = "suivi ASE"
        verbose_name_plural = "suivis ASE"
        indexes = [
            models.Index(fields=["departement", "requested_by_departement_on"]),
            models.Index(fields=["departement", "registered_on"]),
        ]

    def __str__(self):
        return f"Suivi ASE de {self.young_person}"

    @property
    def referent_label(self) -> str:
        if self.departement_referent_id:
            return self.departement_referent.get_full_name()
        return self.referent_name


class AgeSeventeenInterview(Versioned):
    """The "entretien des 17 ans" the Département holds at the latest one year before majority
    (CASF L222-5-1); a Mission Locale counsellor may take part (the "binôme")."""

    VERSION_SUBJECT = "Cet entretien"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    follow_up = models.ForeignKey(
        AseFollowUp, verbose_name="suivi ASE", on_delete=models.CASCADE, related_name="interviews"
    )
    planned_on = models.DateField("prévu le", null=True, blank=True)
    held_on = models.DateField("réalisé le", null=True, blank=True)
    held_jointly = models.BooleanField("en binôme Département / Mission Locale", default=False)
    ml_participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère de la Mission Locale présent·e",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    departement_participant = models.CharField(
        "professionnel·le du Département présent·e", max_length=150, blank=True
    )
    trusted_person_present = models.BooleanField("personne de confiance présente", default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "entretien des 17 ans"
        verbose_name_plural = "entretiens des 17 ans"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["held_on", "held_jointly"])]

    def __str__(self):
        day = self.held_on or self.planned_on
        return f"Entretien des 17 ans du {day:%d/%m/%Y}" if day else "Entretien des 17 ans"


class AutonomyProject(Versioned):
    """The projet d'accès à l'autonomie, built by the Département with the young person, with a
    Mission Locale counsellor when relevant ("élaboré conjointement")."""

    VERSION_SUBJECT = "Ce projet d'accès à l'autonomie"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    follow_up = models.ForeignKey(
        AseFollowUp,
        verbose_name="suivi ASE",
        on_delete=models.CASCADE,
        related_name="autonomy_projects",
    )
    drawn_up_on = models.DateField("élaboré le")
    built_jointly = models.BooleanField("élaboré avec la Mission Locale", default=False)
    ml_participant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="conseiller·ère de la Mission Locale associé·e",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    departement_participant = models.CharField(
        "professionnel·le du Département", max_length=150, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "projet d'accès à l'autonomie"
        verbose_name_plural = "projets d'accès à l'autonomie"
        ordering = ["-drawn_up_on", "-pk"]
        indexes = [models.Index(fields=["drawn_up_on", "built_jointly"])]

    def __str__(self):
        return f"Projet d'accès à l'autonomie du {self.drawn_up_on:%d/%m/%Y}"


class AutonomyProjectArea(models.Model):
    """One area of the project: what the young person aims at, and who does what."""

    project = models.ForeignKey(
        AutonomyProject, verbose_name="projet", on_delete=models.CASCADE, related_name="areas"
    )
    area = models.CharField("domaine", max_length=24, choices=AutonomyArea.choices)
    objectives = EncryptedTextField("objectifs", blank=True)
    actions = EncryptedTextField("actions", blank=True)

    class Meta:
        verbose_name = "domaine du projet d'accès à l'autonomie"
        verbose_name_plural = "domaines du projet d'accès à l'autonomie"
        constraints = [
            models.UniqueConstraint(fields=["project", "area"], name="one_row_per_autonomy_area")
        ]

    def __str__(self):
        return self.get_area_display()


class CejProposal(models.Model):
    """The CEJ proposed to the young person (systematically to young adults formerly placed,
    CASF L222-5-1), and their answer. The contract itself is a `pathways.Pathway`."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    follow_up = models.ForeignKey(
        AseFollowUp,
        verbose_name="suivi ASE",
        on_delete=models.CASCADE,
        related_name="cej_proposals",
    )
    proposed_on = models.DateField("proposé le")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="proposé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision = models.CharField(
        "réponse du jeune", max_length=10, choices=CejDecision.choices, default=CejDecision.PENDING
    )
    decided_on = models.DateField("réponse le", null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="réponse enregistrée par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "proposition de CEJ"
        verbose_name_plural = "propositions de CEJ"
        ordering = ["-proposed_on", "-pk"]

    def __str__(self):
        return f"CEJ proposé le {self.proposed_on:%d/%m/%Y}"

    @property
    def is_pending(self) -> bool:
        return self.decision == CejDecision.PENDING

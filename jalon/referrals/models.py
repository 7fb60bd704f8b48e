"""What a young person agreed to share, with whom, since when, until when."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField
from jalon.core.versioning import Versioned
from jalon.referrals.enums import (
    ConsentCategory,
    ConsentMethod,
    LiaisonDirection,
    LiaisonNeed,
    LiaisonSituation,
    LiaisonStatus,
    LiaisonUrgency,
)


class ConsentQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_by_young_person(self, user)

    def active(self, at=None):
        """Given (on or before today) and not withdrawn: withdrawal takes effect at once."""
        at = at or timezone.now()
        return self.filter(given_on__lte=timezone.localdate(at)).filter(
            Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at)
        )


class Consent(models.Model):
    """The young person's agreement that one partner structure sees some categories of their
    file. Several may coexist (one per partner, or a wider one later); each is withdrawn alone."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="jeune",
        on_delete=models.CASCADE,
        related_name="consents",
    )
    organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure partenaire",
        on_delete=models.PROTECT,
        related_name="consents",
    )
    shares_identity = models.BooleanField(ConsentCategory.IDENTITY.label, default=False)
    shares_diagnostic = models.BooleanField(ConsentCategory.DIAGNOSTIC.label, default=False)
    shares_pathway = models.BooleanField(ConsentCategory.PATHWAY.label, default=False)
    shares_appointments = models.BooleanField(ConsentCategory.APPOINTMENTS.label, default=False)
    method = models.CharField("recueilli par", max_length=12, choices=ConsentMethod.choices)
    given_on = models.DateField("donné le")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="enregistré par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField("enregistré le", default=timezone.now, editable=False)
    withdrawn_at = models.DateTimeField("retiré le", null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="retrait enregistré par",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = "consentement"
        ordering = ["-given_on", "-recorded_at"]
        indexes = [models.Index(fields=["organisation", "young_person", "withdrawn_at"])]

    def __str__(self):
        return f"Consentement pour {self.organisation}"

    @property
    def categories(self) -> frozenset[str]:
        return frozenset(
            category for category in ConsentCategory.values if getattr(self, f"shares_{category}")
        )

    @property
    def category_labels(self) -> list[str]:
        return [label for value, label in ConsentCategory.choices if value in self.categories]

    def is_active(self, at=None) -> bool:
        at = at or timezone.now()
        return self.given_on <= timezone.localdate(at) and (
            self.withdrawn_at is None or self.withdrawn_at > at
        )


class LiaisonFormQuerySet(models.QuerySet):
    def visible_to(self, user):
        from jalon import policy

        return policy.scope_liaison_forms(self, user)

    def inbox_order(self):
        """Urgent first, then the oldest: the form waiting longest is handled first."""
        urgent_first = models.Case(models.When(urgency=LiaisonUrgency.URGENT, then=0), default=1)
        return self.order_by(urgent_first, "sent_at")


class LiaisonForm(Versioned):
    """A fiche de liaison (seed 000): a partner sends a young person to a Mission Locale, or a
    Mission Locale to a partner, with the young person's consent."""

    VERSION_SUBJECT = "Cette fiche de liaison"

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    direction = models.CharField("sens", max_length=12, choices=LiaisonDirection.choices)
    sender_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure émettrice",
        on_delete=models.PROTECT,
        related_name="liaison_forms_sent",
    )
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="envoyée par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient_organisation = models.ForeignKey(
        "network.Organisation",
        verbose_name="structure destinataire",
        on_delete=models.PROTECT,
        related_name="liaison_forms_received",
    )
    # The young person as the sender knows them.
    last_name = models.CharField("nom", max_length=150)
    first_names = models.CharField("prénoms", max_length=150)
    birth_date = models.DateField("date de naissance")
    phone = models.CharField("téléphone", max_length=20, blank=True)
    email = models.EmailField("courriel", blank=True)
    commune = models.ForeignKey(
        "network.Commune",
        verbose_name="commune de résidence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    situation = models.CharField(
        "situation", max_length=20, choices=LiaisonSituation.choices, default=LiaisonSituation.OTHER
    )
    establishment = models.ForeignKey(
        "network.Organisation",
        verbose_name="établissement pénitentiaire",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    expected_release_date = models.DateField("date de sortie prévue", null=True, blank=True)
    situation_details = EncryptedTextField("précisions sur la situation", blank=True)
    young_person = models.ForeignKey(
        "youngpeople.YoungPerson",
        verbose_name="dossier rapproché",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_forms",
    )
    reason = models.TextField("motif de l'orientation")
    needs = models.JSONField("besoins identifiés", default=list, blank=True)
    needs_details = EncryptedTextField("précisions sur les besoins", blank=True)
    urgency = models.CharField(
        "urgence", max_length=10, choices=LiaisonUrgency.choices, default=LiaisonUrgency.NORMAL
    )
    urgency_reason = models.CharField("motif de l'urgence", max_length=300, blank=True)
    consent_given = models.BooleanField("consentement du jeune", default=False)
    consent_method = models.CharField(
        "consentement recueilli par", max_length=12, choices=ConsentMethod.choices
    )
    consent_date = models.DateField("consentement donné le")
    consent = models.ForeignKey(
        Consent,
        verbose_name="consentement enregistré",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_forms",
    )
    # ML -> partner only, with the "diagnostic" consent: conclusions, never interview notes.
    diagnostic_conclusions = EncryptedTextField("conclusions du diagnostic", blank=True)
    # The recipient Mission Locale's own comment: never shown to a partner.
    internal_comment = EncryptedTextField("commentaire interne", blank=True)
    appointment = models.OneToOneField(
        "scheduling.Appointment",
        verbose_name="rendez-vous",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="liaison_form",
    )
    status = models.CharField(
        "statut", max_length=24, choices=LiaisonStatus.choices, default=LiaisonStatus.SENT
    )
    sent_at = models.DateTimeField("envoyée le", default=timezone.now)
    status_changed_at = models.DateTimeField("statut changé le", default=timezone.now)
    # Claimed by the reminder job with a conditional update (one reminder per period).
    reminded_at = models.DateTimeField("dernière relance", null=True, blank=True)

    objects = LiaisonFormQuerySet.as_manager()

    class Meta:
        verbose_name = "fiche de liaison"
        verbose_name_plural = "fiches de liaison"
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["recipient_organisation", "status"]),
            models.Index(fields=["sender_organisation", "status"]),
        ]

    def __str__(self):
        return f"Fiche de liaison du {timezone.localtime(self.sent_at):%d/%m/%Y}"

    @property
    def person_name(self) -> str:
        return f"{self.first_names} {self.last_name.upper()}"

    @property
    def need_labels(self) -> list[str]:
        return [label for value, label in LiaisonNeed.choices if value in self.needs]

    @property
    def is_urgent(self) -> bool:
        return self.urgency == LiaisonUrgency.URGENT


class LiaisonTransition(models.Model):
    """The status history of a form: who moved it, when, from what to what, and why."""

    form = models.ForeignKey(
        LiaisonForm, verbose_name="fiche", on_delete=models.CASCADE, related_name="transitions"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="par", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("le", default=timezone.now)
    from_status = models.CharField(
        "ancien statut", max_length=24, choices=LiaisonStatus.choices, blank=True
    )
    to_status = models.CharField("nouveau statut", max_length=24, choices=LiaisonStatus.choices)
    reason = models.TextField("motif", blank=True)

    class Meta:
        verbose_name = "changement de statut d'une fiche de liaison"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_status or '—'} → {self.to_status}"


class LiaisonAttachment(models.Model):
    """A document sent with a form: private storage, type sniffed, read through the policy."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    form = models.ForeignKey(
        LiaisonForm, verbose_name="fiche", on_delete=models.CASCADE, related_name="attachments"
    )
    original_name = models.CharField("nom du fichier", max_length=200)
    content_type = models.CharField("type", max_length=50)
    size = models.PositiveIntegerField("taille (octets)")
    sha256 = models.CharField("empreinte SHA-256", max_length=64)
    stored_name = models.CharField(max_length=200, unique=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="déposé par",
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("déposé le", default=timezone.now)

    class Meta:
        verbose_name = "pièce jointe d'une fiche de liaison"
        ordering = ["uploaded_at"]

    def __str__(self):
        return self.original_name

"""Partners' systems subscribed to Jalon's events, and each signed POST owed to them."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from jalon.core.encryption import EncryptedTextField
from jalon.network.models import PARTNER_KINDS, Organisation, OrganisationKind
from jalon.webhooks.events import EVENTS

# Who may receive notifications: a partner structure or a Mission Locale.
SUBSCRIBER_KINDS = sorted({*PARTNER_KINDS, OrganisationKind.MISSION_LOCALE})


class WebhookSubscription(models.Model):
    """One endpoint of an organisation's system and the events it wants.

    The secret signs every delivery. It must be readable to compute signatures, so it is stored
    encrypted (`EncryptedTextField`), and shown to people once, when created or rotated.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name="structure",
        on_delete=models.PROTECT,
        related_name="webhook_subscriptions",
        limit_choices_to={"kind__in": SUBSCRIBER_KINDS},
    )
    label = models.CharField(
        "libellé", max_length=100, help_text="Le système qui reçoit (ex. « Logiciel du SPIP »)."
    )
    target_url = models.URLField("adresse de réception", max_length=500)
    event_types = models.JSONField("événements", default=list)
    secret = EncryptedTextField("secret de signature", editable=False)
    is_active = models.BooleanField("actif", default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="créé par",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField("créé le", default=timezone.now, editable=False)
    secret_rotated_at = models.DateTimeField("secret changé le", null=True, editable=False)

    class Meta:
        verbose_name = "abonnement webhook"
        verbose_name_plural = "abonnements webhook"
        ordering = ["organisation__name", "label"]

    def __str__(self):
        return f"{self.label} ({self.organisation})"

    def event_labels(self) -> list[str]:
        return [EVENTS.get(event, event) for event in self.event_types]


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "En attente"
    DELIVERED = "delivered", "Remise"
    FAILED = "failed", "Échec, nouvel essai prévu"
    ABANDONED = "abandoned", "Abandonnée"


class WebhookDelivery(models.Model):
    """One event owed to one subscription: the exact payload, and how sending it went.

    `uid` goes in the `Jalon-Delivery` header: the same delivery retried or redelivered keeps
    it, so the receiver can ignore what it has already processed.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription,
        verbose_name="abonnement",
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField("événement", max_length=64)
    # Identifiers and statuses only: what the partner may see (see services.notify).
    payload = models.JSONField("contenu")
    status = models.CharField(
        "statut", max_length=16, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField("essais", default=0)
    next_attempt_at = models.DateTimeField("prochain essai", null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField("dernier code HTTP", null=True)
    # A short technical reason (timeout, refused connection...), never the payload.
    last_error = models.CharField("dernière erreur", max_length=200, blank=True)
    created_at = models.DateTimeField("créée le", default=timezone.now)
    delivered_at = models.DateTimeField("remise le", null=True, blank=True)

    class Meta:
        verbose_name = "envoi webhook"
        verbose_name_plural = "envois webhook"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self):
        return f"{self.event} → {self.subscription_id} ({self.get_status_display()})"

    @property
    def event_label(self) -> str:
        return EVENTS.get(self.event, self.event)

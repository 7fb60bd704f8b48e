"""Writes of the webhooks app: emitting events, managing subscriptions, asking a redelivery.

Emitting an event, from any app's service, inside its transaction:

    from jalon.webhooks.services import notify
    notify(organisation=form.sender, event="liaison_form.status_changed",
           payload={"liaison_form": str(form.uid), "status": form.status})

`payload` is exactly what the partner's system will receive: identifiers (uid), codes and
dates, never free text, and names only when the young person's consent allows that partner to
see them (the caller decides, as it does for its pages).
"""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.webhooks.events import EVENTS
from jalon.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from jalon.webhooks.targets import validate_target_url


def generate_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def notify(*, organisation, event: str, payload: dict) -> list[WebhookDelivery]:
    """Queue `event` for every active subscription of `organisation` that asked for it.

    Rows only: `jalon deliver-webhooks` sends them. Called inside the caller's transaction, so
    a change that is rolled back sends nothing, and the worker only sees committed rows.
    """
    if event not in EVENTS:
        raise ValueError(f"Unknown webhook event {event!r}: declare it in jalon/webhooks/events.py")
    now = timezone.now()
    subscriptions = WebhookSubscription.objects.filter(organisation=organisation, is_active=True)
    return WebhookDelivery.objects.bulk_create(
        WebhookDelivery(
            subscription=subscription, event=event, payload=payload, next_attempt_at=now
        )
        for subscription in subscriptions
        if event in subscription.event_types
    )


def _check_events(event_types) -> list[str]:
    chosen = sorted(set(event_types or []))
    if not chosen:
        raise ValidationError({"event_types": "Choisissez au moins un événement."})
    if unknown := [event for event in chosen if event not in EVENTS]:
        raise ValidationError({"event_types": f"Événement inconnu : {', '.join(unknown)}."})
    return chosen


@transaction.atomic
def subscription_create(
    *, actor, organisation, label: str, target_url: str, event_types, channel="web"
) -> tuple[WebhookSubscription, str]:
    """Returns the subscription and its secret, the only time the secret is given out."""
    if not policy.can_manage_webhooks_of(actor, organisation):
        raise PermissionDenied
    validate_target_url(target_url)
    secret = generate_secret()
    subscription = WebhookSubscription.objects.create(
        organisation=organisation,
        label=label.strip(),
        target_url=target_url,
        event_types=_check_events(event_types),
        secret=secret,
        created_by=actor,
    )
    audit.record(
        actor=actor,
        action="create",
        obj=subscription,
        changes={"target_url": target_url, "event_types": subscription.event_types},
        channel=channel,
    )
    return subscription, secret


@transaction.atomic
def subscription_rotate_secret(*, actor, subscription, channel="web") -> str:
    """A new secret at once: deliveries signed from now on use it (the old one stops working)."""
    if not policy.can_manage_webhooks_of(actor, subscription.organisation):
        raise PermissionDenied
    secret = generate_secret()
    subscription.secret = secret
    subscription.secret_rotated_at = timezone.now()
    subscription.save(update_fields=["secret", "secret_rotated_at"])
    audit.record(
        actor=actor,
        action="update",
        obj=subscription,
        changes={"secret": "(nouveau secret)"},
        channel=channel,
    )
    return secret


@transaction.atomic
def subscription_set_active(*, actor, subscription, active: bool, channel="web"):
    """A paused subscription queues nothing new; what was queued waits for its reactivation."""
    if not policy.can_manage_webhooks_of(actor, subscription.organisation):
        raise PermissionDenied
    subscription.is_active = active
    subscription.save(update_fields=["is_active"])
    audit.record(
        actor=actor,
        action="update",
        obj=subscription,
        changes={"is_active": active},
        channel=channel,
    )
    return subscription


@transaction.atomic
def delivery_redeliver(*, actor, delivery, channel="web", now=None) -> WebhookDelivery:
    """Send a delivery again, same id and payload (the receiver may have lost it)."""
    if not policy.can_manage_webhooks_of(actor, delivery.subscription.organisation):
        raise PermissionDenied
    if not delivery.subscription.is_active:
        raise ValidationError("L'abonnement est désactivé : réactivez-le avant de renvoyer.")
    # Conditional: a worker that holds this delivery right now keeps it.
    updated = (
        WebhookDelivery.objects.filter(pk=delivery.pk)
        .exclude(status=DeliveryStatus.PENDING)
        .update(
            status=DeliveryStatus.PENDING,
            attempts=0,
            next_attempt_at=now or timezone.now(),
            last_error="",
        )
    )
    if not updated:
        raise ValidationError("Cet envoi est déjà en attente : il partira au prochain passage.")
    audit.record(
        actor=actor, action="update", obj=delivery, changes={"status": "pending"}, channel=channel
    )
    delivery.refresh_from_db()
    return delivery

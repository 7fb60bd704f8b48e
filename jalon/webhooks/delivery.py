"""The delivery worker behind `jalon deliver-webhooks`.

Due deliveries are claimed one by one with a conditional UPDATE (Healthchecks style): the row
is only taken if it still has the attempt count and the due date that were read, and taking it
pushes its due date past the time a POST can last. Two workers (or two overlapping cron runs)
therefore never send the same attempt twice; a worker that dies mid-send leaves the row due
again after that lease, so a delivery is sent at least once and receivers deduplicate on
`Jalon-Delivery`. Nothing here logs a payload or a secret.
"""

import datetime
import http.client
import json
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Q
from django.utils import timezone

from jalon.webhooks import signing, targets
from jalon.webhooks.models import DeliveryStatus, WebhookDelivery

logger = logging.getLogger(__name__)

DUE_STATUSES = (DeliveryStatus.PENDING, DeliveryStatus.FAILED)


@dataclass
class RunReport:
    delivered: int = 0
    failed: int = 0
    abandoned: int = 0


def body_of(delivery: WebhookDelivery) -> bytes:
    envelope = {
        "id": str(delivery.uid),
        "event": delivery.event,
        "created_at": delivery.created_at.isoformat(),
        "data": delivery.payload,
    }
    return json.dumps(envelope, ensure_ascii=False, separators=(",", ":")).encode()


def retry_delay(attempts: int) -> datetime.timedelta:
    """The wait after the `attempts`-th failure: 1 min, 5 min, 30 min, 2 h, 12 h by default."""
    schedule = settings.WEBHOOK_RETRY_MINUTES or [1]
    return datetime.timedelta(minutes=schedule[min(attempts, len(schedule)) - 1])


def _lease() -> datetime.timedelta:
    return datetime.timedelta(seconds=3 * settings.WEBHOOK_TIMEOUT_SECONDS + 60)


def due(now) -> "list[WebhookDelivery]":
    return list(
        WebhookDelivery.objects.filter(
            status__in=DUE_STATUSES,
            next_attempt_at__lte=now,
            subscription__is_active=True,
        )
        .select_related("subscription")
        .order_by("next_attempt_at")[:100]
    )


def claim(delivery: WebhookDelivery, now) -> bool:
    """Take this attempt, unless another worker took it since it was read."""
    taken = WebhookDelivery.objects.filter(
        pk=delivery.pk,
        status__in=DUE_STATUSES,
        attempts=delivery.attempts,
        next_attempt_at=delivery.next_attempt_at,
    ).update(attempts=F("attempts") + 1, next_attempt_at=now + _lease())
    if taken:
        delivery.attempts += 1
    return bool(taken)


def send(delivery: WebhookDelivery, now) -> tuple[int | None, str]:
    """One POST; (HTTP status or None, short error). Never raises for the receiver's faults."""
    body = body_of(delivery)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Jalon-Webhooks/1",
        signing.SIGNATURE_HEADER: signing.signature_header(
            delivery.subscription.secret, body, int(now.timestamp())
        ),
        signing.EVENT_HEADER: delivery.event,
        signing.DELIVERY_HEADER: str(delivery.uid),
    }
    try:
        status = targets.post(
            delivery.subscription.target_url, body, headers, settings.WEBHOOK_TIMEOUT_SECONDS
        )
    except targets.RefusedTarget as exc:
        return None, str(exc)
    except TimeoutError:
        return None, "Délai dépassé : le destinataire n'a pas répondu à temps."
    except OSError as exc:  # refused, reset, TLS errors: the class names the fault
        return None, f"Connexion impossible ({type(exc).__name__})."
    except http.client.HTTPException as exc:  # a malformed answer
        return None, f"Réponse illisible ({type(exc).__name__})."
    if 200 <= status < 300:
        return status, ""
    return status, f"Le destinataire a répondu {status}."


def record_result(delivery: WebhookDelivery, status_code, error: str, now) -> str:
    """Delivered, failed (next attempt planned) or abandoned, if the claim still holds."""
    values = {"last_status_code": status_code, "last_error": error[:200]}
    if not error:
        values.update(status=DeliveryStatus.DELIVERED, delivered_at=now, next_attempt_at=None)
    elif delivery.attempts >= settings.WEBHOOK_MAX_ATTEMPTS:
        values.update(status=DeliveryStatus.ABANDONED, next_attempt_at=None)
    else:
        values.update(
            status=DeliveryStatus.FAILED, next_attempt_at=now + retry_delay(delivery.attempts)
        )
    # A redelivery asked meanwhile reset the attempts: it wins, this result is dropped.
    WebhookDelivery.objects.filter(pk=delivery.pk, attempts=delivery.attempts).update(**values)
    return values["status"]


def deliver_due(now=None) -> RunReport:
    """Send every due delivery once; `now` lets tests travel in time instead of sleeping."""
    now = now or timezone.now()
    report = RunReport()
    for delivery in due(now):
        if not claim(delivery, now):
            continue
        status_code, error = send(delivery, now)
        outcome = record_result(delivery, status_code, error, now)
        if outcome == DeliveryStatus.DELIVERED:
            report.delivered += 1
        elif outcome == DeliveryStatus.FAILED:
            report.failed += 1
        else:
            report.abandoned += 1
        # Identifiers and the short error only: never the payload, never the secret.
        logger.info(
            "webhook delivery %s attempt %s: %s %s",
            delivery.uid,
            delivery.attempts,
            outcome,
            error or status_code,
        )
    return report


def purge_settled(now=None) -> int:
    """Deliveries carry identifiers of young people: kept only `WEBHOOK_RETENTION_DAYS`."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=settings.WEBHOOK_RETENTION_DAYS)
    settled = Q(status=DeliveryStatus.DELIVERED) | Q(status=DeliveryStatus.ABANDONED)
    deleted, _ = WebhookDelivery.objects.filter(settled, created_at__lt=limit).delete()
    return deleted

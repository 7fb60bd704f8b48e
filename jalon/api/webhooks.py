"""Webhook deliveries of the caller's organisation: reconcile what was missed, ask a resend."""

import datetime
import uuid

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status

from jalon import policy
from jalon.api.schemas import ErrorOut, one_of
from jalon.webhooks import services
from jalon.webhooks.models import DeliveryStatus, WebhookDelivery

router = Router(tags=["webhooks"])

RECENT = 100


class DeliveryOut(Schema):
    id: uuid.UUID
    subscription: uuid.UUID
    event: str
    status: str
    status_label: str
    attempts: int
    next_attempt_at: datetime.datetime | None
    last_status_code: int | None
    last_error: str
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    data: dict


class DeliveryFilters(Schema):
    status: one_of(DeliveryStatus) | None = None


def _out(delivery: WebhookDelivery) -> dict:
    return {
        "id": delivery.uid,
        "subscription": delivery.subscription.uid,
        "event": delivery.event,
        "status": delivery.status,
        "status_label": delivery.get_status_display(),
        "attempts": delivery.attempts,
        "next_attempt_at": delivery.next_attempt_at,
        "last_status_code": delivery.last_status_code,
        "last_error": delivery.last_error,
        "created_at": delivery.created_at,
        "delivered_at": delivery.delivered_at,
        "data": delivery.payload,
    }


@router.get(
    "/webhooks/deliveries",
    summary="Lister les envois webhook récents",
    response={200: list[DeliveryOut], 400: ErrorOut, 401: ErrorOut, 403: ErrorOut},
)
def list_deliveries(request, filters: Query[DeliveryFilters]):
    """Les 100 derniers envois destinés aux abonnements de votre structure, du plus récent au
    plus ancien, avec leur contenu (`data`, identique au champ `data` du corps envoyé) : de quoi
    rattraper un événement manqué. Réservé à la direction d'une Mission Locale et aux
    professionnels d'une structure partenaire (403 sinon)."""
    if not policy.can_manage_webhooks(request.auth):
        raise PermissionDenied
    deliveries = policy.scope_webhook_deliveries(
        WebhookDelivery.objects.select_related("subscription"), request.auth
    )
    if filters.status:
        deliveries = deliveries.filter(status=filters.status)
    return Status(200, [_out(d) for d in deliveries.order_by("-created_at")[:RECENT]])


@router.post(
    "/webhooks/deliveries/{uuid:uid}/redeliver",
    summary="Renvoyer un envoi webhook",
    response={200: DeliveryOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def redeliver(request, uid: uuid.UUID):
    """Remet l'envoi en attente, avec le même identifiant (`Jalon-Delivery`) et le même contenu :
    il part au prochain passage de l'envoi (dans la minute), signé de l'heure du nouvel essai.
    400 si l'envoi est déjà en attente ou si l'abonnement est suspendu ; 404 si l'envoi n'est
    pas destiné à votre structure."""
    if not policy.can_manage_webhooks(request.auth):
        raise PermissionDenied
    delivery = policy.get_webhook_delivery_or_404(request.auth, uid)
    delivery = services.delivery_redeliver(actor=request.auth, delivery=delivery, channel="api")
    return Status(200, _out(delivery))

"""The "Webhooks" page: an organisation's subscriptions and its recent deliveries."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jalon import policy
from jalon.accounts import reauth
from jalon.web.forms import add_service_errors
from jalon.webhooks import services
from jalon.webhooks.forms import SubscriptionForm
from jalon.webhooks.models import WebhookDelivery, WebhookSubscription

RECENT_DELIVERIES = 50


def _require_manager(request):
    if not policy.can_manage_webhooks(request.user):
        raise PermissionDenied


@login_required
def overview(request):
    _require_manager(request)
    user = request.user
    subscriptions = policy.scope_webhook_subscriptions(WebhookSubscription.objects.all(), user)
    deliveries = policy.scope_webhook_deliveries(
        WebhookDelivery.objects.select_related("subscription"), user
    )[:RECENT_DELIVERIES]
    return render(
        request,
        "webhooks/overview.html",
        {
            "title": "Webhooks",
            "subscriptions": subscriptions,
            "deliveries": deliveries,
            "organisation": user.organisation,
        },
    )


def _secret_page(request, subscription, secret, *, created):
    """Shown once: rendered in the answer to the POST, never stored in the session."""
    response = render(
        request,
        "webhooks/secret.html",
        {
            "title": "Secret de signature",
            "subscription": subscription,
            "secret": secret,
            "created": created,
        },
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@reauth.reauth_required
def subscription_create(request):
    _require_manager(request)
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription, secret = services.subscription_create(
                actor=request.user, organisation=request.user.organisation, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return _secret_page(request, subscription, secret, created=True)
    return render(
        request, "webhooks/subscription_form.html", {"title": "Nouvel abonnement", "form": form}
    )


@login_required
@require_POST
def subscription_rotate(request, uid):
    subscription = policy.get_webhook_subscription_or_404(request.user, uid)
    if pending := reauth.reauth_response(request, next_url=reverse("webhooks:overview")):
        return pending
    secret = services.subscription_rotate_secret(actor=request.user, subscription=subscription)
    return _secret_page(request, subscription, secret, created=False)


@login_required
@require_POST
def subscription_toggle(request, uid):
    subscription = policy.get_webhook_subscription_or_404(request.user, uid)
    services.subscription_set_active(
        actor=request.user, subscription=subscription, active=not subscription.is_active
    )
    messages.success(
        request,
        "L'abonnement est réactivé." if subscription.is_active else "L'abonnement est suspendu.",
    )
    return redirect("webhooks:overview")


@login_required
@require_POST
def delivery_redeliver(request, uid):
    delivery = policy.get_webhook_delivery_or_404(request.user, uid)
    try:
        services.delivery_redeliver(actor=request.user, delivery=delivery)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "L'envoi partira au prochain passage (dans la minute).")
    return redirect("webhooks:overview")

"""The "Webhooks" page and the administration: subscriptions, secret shown once, deliveries."""

import time

import pytest
from django.urls import reverse

from jalon.accounts import reauth
from jalon.audit.models import AuditEntry
from jalon.webhooks import services
from jalon.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription
from tests.webhooks.factories import DeliveryFactory, SubscriptionFactory

FORM = {
    "label": "Logiciel du SPIP",
    "target_url": "https://93.184.215.14/jalon",
    "event_types": ["liaison_form.status_changed", "consent.changed"],
}


def _expire_reauth(client, settings):
    session = client.session
    session[reauth.SESSION_KEY] = time.time() - settings.JALON_REAUTH_MINUTES * 60 - 1
    session.save()


@pytest.fixture
def cpip(personas):
    return personas["cpip"]


def test_rule_the_secret_is_shown_once_when_a_subscription_is_created(cpip, client_for, settings):
    settings.WEBHOOK_ALLOW_LOCAL_TARGETS = False
    client = client_for(cpip)
    page = client.post(reverse("webhooks:subscription_create"), FORM)
    subscription = WebhookSubscription.objects.get()
    assert subscription.organisation == cpip.organisation and subscription.created_by == cpip
    assert subscription.secret in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    overview = client.get(reverse("webhooks:overview")).content.decode()
    assert "Logiciel du SPIP" in overview
    assert subscription.secret not in overview
    entry = AuditEntry.objects.get(object_id=str(subscription.uid))
    assert subscription.secret not in str(entry.changes)


def test_a_private_target_is_refused_in_french_and_the_input_is_kept(cpip, client_for, settings):
    settings.WEBHOOK_ALLOW_LOCAL_TARGETS = False
    page = client_for(cpip).post(
        reverse("webhooks:subscription_create"), {**FORM, "target_url": "https://10.0.0.2/x"}
    )
    content = page.content.decode()
    assert "réseau privé ou local" in content
    assert "Logiciel du SPIP" in content
    assert not WebhookSubscription.objects.exists()


def test_rule_creating_a_subscription_asks_to_confirm_identity(cpip, client_for, settings):
    client = client_for(cpip)
    _expire_reauth(client, settings)
    url = reverse("webhooks:subscription_create")
    response = client.post(url, FORM)
    assert response.url == reauth.reauth_url(url)
    assert not WebhookSubscription.objects.exists()


def test_rule_rotating_the_secret_asks_to_confirm_identity_then_shows_the_new_one(
    director_a, client_for, settings
):
    subscription = SubscriptionFactory(organisation=director_a.organisation)
    old = subscription.secret
    client = client_for(director_a)
    _expire_reauth(client, settings)
    url = reverse("webhooks:subscription_rotate", args=[subscription.uid])
    assert client.post(url).url.startswith(reverse("accounts:reauth"))
    subscription.refresh_from_db()
    assert subscription.secret == old
    client = client_for(director_a)
    page = client.post(url).content.decode()
    subscription.refresh_from_db()
    assert subscription.secret != old and subscription.secret in page


def test_the_page_lists_the_organisations_deliveries_only(director_a, ml_b, client_for):
    own = DeliveryFactory(
        subscription=SubscriptionFactory(organisation=director_a.organisation, label="Notre SI"),
        status=DeliveryStatus.ABANDONED,
        last_error="Délai dépassé : le destinataire n'a pas répondu à temps.",
    )
    SubscriptionFactory(organisation=ml_b, label="Leur SI")
    page = client_for(director_a).get(reverse("webhooks:overview")).content.decode()
    assert "Notre SI" in page and "Abandonnée" in page and "Délai dépassé" in page
    assert "Leur SI" not in page
    assert reverse("webhooks:redeliver", args=[own.uid]) in page


def test_a_suspended_subscription_queues_nothing(director_a, client_for):
    subscription = SubscriptionFactory(organisation=director_a.organisation)
    client_for(director_a).post(reverse("webhooks:subscription_toggle", args=[subscription.uid]))
    subscription.refresh_from_db()
    assert not subscription.is_active
    services.notify(
        organisation=director_a.organisation, event="liaison_form.status_changed", payload={}
    )
    assert not WebhookDelivery.objects.exists()


def test_redelivering_puts_the_delivery_back_in_the_queue_with_the_same_id(director_a, client_for):
    delivery = DeliveryFactory(
        subscription=SubscriptionFactory(organisation=director_a.organisation),
        status=DeliveryStatus.ABANDONED,
        attempts=6,
    )
    client_for(director_a).post(reverse("webhooks:redeliver", args=[delivery.uid]))
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)


def test_the_administrator_creates_a_subscription_and_sees_its_secret_once(
    personas, client_for, settings
):
    settings.WEBHOOK_ALLOW_LOCAL_TARGETS = False
    administrator = personas["administrator"]
    spip = personas["cpip"].organisation
    client = client_for(administrator)
    page = client.post(
        reverse("admin:webhooks_webhooksubscription_add"),
        {**FORM, "organisation": spip.pk, "is_active": "on"},
    )
    subscription = WebhookSubscription.objects.get()
    assert page.status_code == 200
    assert subscription.organisation == spip
    assert subscription.secret in page.content.decode()
    change = client.get(
        reverse("admin:webhooks_webhooksubscription_change", args=[subscription.pk])
    )
    assert subscription.secret not in change.content.decode()


def test_the_administration_asks_to_confirm_identity_before_adding(personas, client_for, settings):
    client = client_for(personas["administrator"])
    _expire_reauth(client, settings)
    url = reverse("admin:webhooks_webhooksubscription_add")
    assert client.get(url).url == reauth.reauth_url(url)

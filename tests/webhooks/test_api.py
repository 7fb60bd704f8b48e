"""GET /api/v1/webhooks/deliveries and POST .../redeliver, for the caller's structure."""

import pytest

from jalon.webhooks.models import DeliveryStatus
from tests.webhooks.factories import DeliveryFactory, SubscriptionFactory


@pytest.fixture
def call(client_for, api_token_for):
    def make(user, method, path, **kwargs):
        headers = {"Authorization": f"Bearer {api_token_for(user)}"}
        return getattr(client_for(None), method)(
            f"/api/v1{path}", headers=headers, content_type="application/json", **kwargs
        )

    return make


def test_a_partner_lists_its_structures_deliveries_to_reconcile(personas, call):
    cpip = personas["cpip"]
    subscription = SubscriptionFactory(organisation=cpip.organisation)
    failed = DeliveryFactory(subscription=subscription, status=DeliveryStatus.FAILED, attempts=2)
    DeliveryFactory(subscription=subscription, status=DeliveryStatus.DELIVERED)
    DeliveryFactory()  # another structure's
    answer = call(cpip, "get", "/webhooks/deliveries")
    assert answer.status_code == 200
    assert len(answer.json()) == 2
    only_failed = call(cpip, "get", "/webhooks/deliveries?status=failed").json()
    assert [d["id"] for d in only_failed] == [str(failed.uid)]
    assert only_failed[0]["data"] == failed.payload
    assert only_failed[0]["subscription"] == str(subscription.uid)


def test_an_unknown_status_filter_is_refused_in_french(personas, call):
    answer = call(personas["cpip"], "get", "/webhooks/deliveries?status=lost")
    assert answer.status_code == 400
    assert "Valeurs possibles" in answer.json()["errors"]["status"][0]


def test_redeliver_requeues_and_refuses_what_is_already_queued(personas, call):
    cpip = personas["cpip"]
    delivery = DeliveryFactory(
        subscription=SubscriptionFactory(organisation=cpip.organisation),
        status=DeliveryStatus.ABANDONED,
        attempts=6,
    )
    path = f"/webhooks/deliveries/{delivery.uid}/redeliver"
    answer = call(cpip, "post", path)
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["attempts"]) == ("pending", 0)
    again = call(cpip, "post", path)
    assert again.status_code == 400
    assert "déjà en attente" in again.json()["message"] + str(again.json()["errors"])


def test_another_structures_delivery_is_not_found(personas, call):
    delivery = DeliveryFactory(status=DeliveryStatus.DELIVERED)
    answer = call(personas["cpip"], "post", f"/webhooks/deliveries/{delivery.uid}/redeliver")
    assert answer.status_code == 404

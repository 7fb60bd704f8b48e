"""Deliveries reach a real receiver, signed, retried with backoff, abandoned, never doubled."""

import datetime
import json
import logging
import socketserver
import threading

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from jalon.webhooks import delivery as worker
from jalon.webhooks import services
from jalon.webhooks.models import DeliveryStatus, WebhookDelivery
from tests.factories import OrganisationFactory
from tests.seed_data import restore_if_flushed
from tests.webhooks.factories import SubscriptionFactory
from tests.webhooks.receiver import Receiver

EVENT = "liaison_form.status_changed"
PAYLOAD = {"liaison_form": "7f1c6c52-0000-4000-8000-000000000001", "status": "received"}


@pytest.fixture
def spip(db):
    return OrganisationFactory(spip=True, code="SPIP-WH")


def _subscribe(organisation, receiver, **extra):
    return SubscriptionFactory(
        organisation=organisation, target_url=receiver.url, secret=receiver.secret, **extra
    )


def test_rule_a_delivery_is_signed_and_the_receiver_verifies_it(spip):
    with Receiver("whsec_test") as receiver:
        _subscribe(spip, receiver)
        [delivery] = services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
        report = worker.deliver_due()
    assert report.delivered == 1
    [(headers, body, verified)] = receiver.calls
    assert verified
    assert headers["Jalon-Event"] == EVENT
    assert headers["Jalon-Delivery"] == str(delivery.uid)
    sent = json.loads(body)
    assert sent["id"] == str(delivery.uid) and sent["event"] == EVENT and sent["data"] == PAYLOAD
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED
    assert delivery.last_status_code == 200 and delivery.delivered_at is not None


def test_a_receiver_with_another_secret_refuses_the_delivery(spip):
    with Receiver("whsec_the_receivers_own") as receiver:
        SubscriptionFactory(organisation=spip, target_url=receiver.url, secret="whsec_jalons")
        services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
        worker.deliver_due()
    assert receiver.calls and not receiver.verified_calls
    failed = WebhookDelivery.objects.get()
    assert failed.status == DeliveryStatus.FAILED
    assert failed.last_status_code == 401


def test_rule_a_failed_delivery_is_retried_after_the_backoff_then_delivered(spip, settings):
    settings.WEBHOOK_RETRY_MINUTES = [1, 5, 30]
    with Receiver("whsec_test", statuses=[503, 200]) as receiver:
        _subscribe(spip, receiver)
        services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
        start = timezone.now()
        first = worker.deliver_due(now=start)
        delivery = WebhookDelivery.objects.get()
        assert (first.failed, delivery.status, delivery.attempts) == (1, "failed", 1)
        assert delivery.next_attempt_at == start + datetime.timedelta(minutes=1)
        assert delivery.last_error == "Le destinataire a répondu 503."
        too_early = worker.deliver_due(now=start + datetime.timedelta(seconds=30))
        assert len(receiver.calls) == 1 and too_early.delivered == too_early.failed == 0
        worker.deliver_due(now=start + datetime.timedelta(seconds=61))
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.DELIVERED and delivery.attempts == 2
    # The same delivery id both times: the receiver can process it once.
    assert {call[0]["Jalon-Delivery"] for call in receiver.calls} == {str(delivery.uid)}
    assert len(receiver.verified_calls) == 2


def test_rule_backoff_grows_1_5_30_minutes_2_then_12_hours():
    delays = [worker.retry_delay(attempt) for attempt in range(1, 7)]
    minutes = [delay.total_seconds() / 60 for delay in delays]
    assert minutes == [1, 5, 30, 120, 720, 720]


def test_rule_a_delivery_is_abandoned_after_the_maximum_attempts(spip, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 3
    with Receiver("whsec_test", statuses=[500]) as receiver:
        _subscribe(spip, receiver)
        services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
        now = timezone.now()
        for _ in range(5):
            worker.deliver_due(now=now)
            now += datetime.timedelta(days=1)
    assert len(receiver.calls) == 3
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == DeliveryStatus.ABANDONED
    assert delivery.next_attempt_at is None


def test_an_unreachable_receiver_is_a_failure_with_a_short_reason(spip):
    with Receiver("whsec_test") as receiver:
        url = receiver.url
    SubscriptionFactory(organisation=spip, target_url=url)  # the server is closed now
    services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
    assert worker.deliver_due().failed == 1
    delivery = WebhookDelivery.objects.get()
    assert delivery.last_error.startswith("Connexion impossible")
    assert delivery.last_status_code is None


def test_rule_two_workers_never_send_the_same_attempt(spip):
    """Both read the same due rows; only the first conditional UPDATE takes each one."""
    subscription = SubscriptionFactory(organisation=spip)
    services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
    now = timezone.now()
    seen_by_first = worker.due(now)
    seen_by_second = worker.due(now)
    assert [d.pk for d in seen_by_first] == [d.pk for d in seen_by_second]
    assert worker.claim(seen_by_first[0], now) is True
    assert worker.claim(seen_by_second[0], now) is False
    # Taken: not due again until the lease has passed (a worker died mid-send).
    assert worker.due(now) == []
    assert len(worker.due(now + datetime.timedelta(hours=1))) == 1
    assert subscription.deliveries.get().attempts == 1


@pytest.fixture(scope="module")
def _seed_data_back(django_db_blocker):
    """The concurrent test commits; the flush after it removes the migrations' data."""
    yield
    with django_db_blocker.unblock():
        restore_if_flushed()
        connections.close_all()  # or PostgreSQL could not drop the test database


@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
def test_rule_concurrent_workers_on_postgresql_send_each_delivery_once(_seed_data_back):
    restore_if_flushed()  # an earlier committing test may have flushed the geography
    spip = OrganisationFactory(spip=True, code="SPIP-PG")
    with Receiver("whsec_test") as receiver:
        _subscribe(spip, receiver)
        for index in range(30):
            services.notify(organisation=spip, event=EVENT, payload={"n": index})
        start = threading.Barrier(3)

        def run():
            start.wait()
            try:
                worker.deliver_due()
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(3)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    ids = [call[0]["Jalon-Delivery"] for call in receiver.calls]
    assert len(ids) == len(set(ids)) == 30
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered"}


def test_rule_a_rolled_back_change_sends_nothing(spip):
    SubscriptionFactory(organisation=spip)
    with pytest.raises(RuntimeError), transaction.atomic():
        services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
        raise RuntimeError("the caller's change fails")
    assert not WebhookDelivery.objects.exists()


def test_notify_queues_only_for_active_subscriptions_that_asked_for_the_event(spip):
    wanted = SubscriptionFactory(organisation=spip)
    SubscriptionFactory(organisation=spip, is_active=False)
    SubscriptionFactory(organisation=spip, event_types=["consent.changed"])
    SubscriptionFactory(event_types=[EVENT])  # another structure
    deliveries = services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
    assert [d.subscription for d in deliveries] == [wanted]


def test_notify_refuses_an_undeclared_event(spip):
    with pytest.raises(ValueError, match=r"events\.py"):
        services.notify(organisation=spip, event="liaison_form.statuts_changed", payload={})


def test_rule_neither_the_secret_nor_the_payload_is_ever_logged(spip, caplog):
    secret_payload = {"liaison_form": "uid-visible-only-to-the-partner", "status": "refused"}
    caplog.set_level(logging.DEBUG)
    with Receiver("whsec_never_in_logs", statuses=[500, 200]) as receiver:
        _subscribe(spip, receiver)
        services.notify(organisation=spip, event=EVENT, payload=secret_payload)
        worker.deliver_due()
        worker.deliver_due(now=timezone.now() + datetime.timedelta(minutes=2))
    assert len(receiver.calls) == 2
    assert caplog.records, "the worker reports its attempts"
    assert "whsec_never_in_logs" not in caplog.text
    assert "uid-visible-only-to-the-partner" not in caplog.text


def test_the_secret_is_stored_encrypted(spip):
    subscription = SubscriptionFactory(organisation=spip, secret="whsec_clear")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT secret FROM webhooks_webhooksubscription WHERE id = %s", [subscription.pk]
        )
        stored = cursor.fetchone()[0]
    assert "whsec_clear" not in stored


def test_settled_deliveries_are_deleted_after_the_retention_period(spip, settings):
    settings.WEBHOOK_RETENTION_DAYS = 30
    subscription = SubscriptionFactory(organisation=spip)
    old = timezone.now() - datetime.timedelta(days=31)
    kept_pending = WebhookDelivery.objects.create(
        subscription=subscription, event=EVENT, payload={}, created_at=old
    )
    WebhookDelivery.objects.create(
        subscription=subscription, event=EVENT, payload={}, created_at=old, status="delivered"
    )
    recent = WebhookDelivery.objects.create(
        subscription=subscription, event=EVENT, payload={}, status="delivered"
    )
    assert worker.purge_settled() == 1
    assert set(WebhookDelivery.objects.all()) == {kept_pending, recent}


def test_a_receiver_answering_garbage_is_a_failure_not_a_crash(spip):
    class Garbage(socketserver.BaseRequestHandler):
        def handle(self):
            self.request.recv(65536)
            self.request.sendall(b"this is not HTTP\r\n\r\n")

    with socketserver.TCPServer(("127.0.0.1", 0), Garbage) as server:
        thread = threading.Thread(target=server.handle_request, daemon=True)
        thread.start()
        url = f"http://127.0.0.1:{server.server_address[1]}/"
        SubscriptionFactory(organisation=spip, target_url=url)
        services.notify(organisation=spip, event=EVENT, payload=PAYLOAD)
        assert worker.deliver_due().failed == 1
        thread.join()
    assert WebhookDelivery.objects.get().last_error == "Réponse illisible (BadStatusLine)."

"""Outside demo mode and tests, Jalon only calls public https addresses (no SSRF)."""

import pytest
from django.core.exceptions import ValidationError

from jalon.webhooks import delivery as worker
from jalon.webhooks import services
from jalon.webhooks.models import WebhookDelivery
from jalon.webhooks.targets import validate_target_url
from tests.factories import OrganisationFactory
from tests.webhooks.factories import SubscriptionFactory
from tests.webhooks.receiver import Receiver


@pytest.fixture
def production(settings):
    settings.WEBHOOK_ALLOW_LOCAL_TARGETS = False


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hook",
        "https://localhost/hook",
        "https://10.1.2.3/hook",
        "https://192.168.0.10/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://[::ffff:127.0.0.1]/hook",
        "https://0.0.0.0/hook",
    ],
)
def test_rule_private_and_loopback_targets_are_refused(production, url):
    with pytest.raises(ValidationError) as refused:
        validate_target_url(url)
    assert "réseau privé ou local" in str(refused.value)


def test_rule_plain_http_is_refused_outside_demo(production):
    with pytest.raises(ValidationError, match="https://"):
        validate_target_url("http://93.184.215.14/hook")


def test_a_public_https_address_is_accepted(production):
    validate_target_url("https://93.184.215.14/hook")


def test_credentials_in_the_url_are_refused(production):
    with pytest.raises(ValidationError, match="identifiant"):
        validate_target_url("https://user:pass@93.184.215.14/hook")


def test_rule_the_check_is_made_again_at_delivery(db, settings):
    """A subscription saved while allowed (or a name that now resolves privately) is not
    called: the address is checked when sending, and the connection goes to it."""
    spip = OrganisationFactory(spip=True)
    with Receiver("whsec_test") as receiver:
        SubscriptionFactory(organisation=spip, target_url=receiver.url, secret=receiver.secret)
        services.notify(organisation=spip, event="liaison_form.status_changed", payload={})
        settings.WEBHOOK_ALLOW_LOCAL_TARGETS = False
        worker.deliver_due()
    assert receiver.calls == []
    assert WebhookDelivery.objects.get().last_error == (
        "L'adresse de réception doit commencer par https://."
    )

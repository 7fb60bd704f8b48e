import factory

from jalon.webhooks import services
from jalon.webhooks.models import WebhookDelivery, WebhookSubscription
from tests.factories import OrganisationFactory


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookSubscription

    organisation = factory.SubFactory(OrganisationFactory)
    label = factory.Sequence(lambda n: f"Système n°{n}")
    target_url = "https://partenaire.example/jalon"
    event_types = factory.LazyFunction(lambda: ["liaison_form.status_changed"])
    secret = factory.LazyFunction(services.generate_secret)


class DeliveryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WebhookDelivery

    subscription = factory.SubFactory(SubscriptionFactory)
    event = "liaison_form.status_changed"
    payload = factory.LazyFunction(lambda: {"liaison_form": "f0", "status": "received"})

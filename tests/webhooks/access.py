"""Access-matrix rows of the webhooks app (collected by tests/test_access_matrix.py)."""

from django.urls import reverse

from jalon.webhooks.models import DeliveryStatus
from tests.access import API_UNAUTHENTICATED, PARTNERS, only
from tests.webhooks.factories import DeliveryFactory, SubscriptionFactory

# The director of a Mission Locale and partner professionals, each for their own structure.
MANAGERS = {"director_a", "director_b"} | PARTNERS

PAGES = {
    "webhooks:overview": ("get", lambda r: reverse("webhooks:overview"), only(200, MANAGERS, 403)),
    "webhooks:subscription_create": (
        "get",
        lambda r: reverse("webhooks:subscription_create"),
        only(200, MANAGERS, 403),
    ),
    # The subscription belongs to Mission Locale A: anyone else does not learn it exists.
    "webhooks:subscription_rotate": (
        "post",
        lambda r: reverse("webhooks:subscription_rotate", args=[r["subscription"].uid]),
        only(200, {"director_a"}, 404),
    ),
    "webhooks:subscription_toggle": (
        "post",
        lambda r: reverse("webhooks:subscription_toggle", args=[r["subscription"].uid]),
        only(302, {"director_a"}, 404),
    ),
    "webhooks:redeliver": (
        "post",
        lambda r: reverse("webhooks:redeliver", args=[r["delivery"].uid]),
        only(302, {"director_a"}, 404),
    ),
}

API = {
    "api:list_deliveries": [
        (
            "get",
            lambda r: "/api/v1/webhooks/deliveries",
            None,
            {**only(200, MANAGERS, 403), "anonymous": API_UNAUTHENTICATED},
        )
    ],
    "api:redeliver": [
        (
            "post",
            lambda r: f"/api/v1/webhooks/deliveries/{r['delivery'].uid}/redeliver",
            None,
            {
                **only(404, MANAGERS, 403),
                "director_a": 200,
                "anonymous": API_UNAUTHENTICATED,
            },
        )
    ],
}


def records(young_person_a) -> dict:
    subscription = SubscriptionFactory(organisation=young_person_a.mission_locale)
    return {
        "subscription": subscription,
        "delivery": DeliveryFactory(subscription=subscription, status=DeliveryStatus.DELIVERED),
    }

"""Request rates of the API (django-ninja throttles), read from the settings at each request."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from ninja.throttling import SimpleRateThrottle


class SettingsRateThrottle(SimpleRateThrottle):
    setting = ""

    def __init__(self):
        # The rate is read per request (not at import) so that the environment and tests set it.
        self.rate = None

    def allow_request(self, request):
        self.rate = getattr(settings, self.setting)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)


class TokenRateThrottle(SettingsRateThrottle):
    """Per IP address (as django-axes sees it): password and code guessing through the API."""

    scope = "token"
    setting = "JALON_API_TOKEN_RATE"

    def get_cache_key(self, request):
        return self.cache_format % {"scope": self.scope, "ident": get_client_ip_address(request)}


class AccountRateThrottle(SettingsRateThrottle):
    """Per account: one partner's system cannot starve the others."""

    scope = "account"
    setting = "JALON_API_RATE"

    def get_cache_key(self, request):
        user = getattr(request, "auth", None)
        if user is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": user.pk}

"""A fixed-window counter in the cache, shared by every server process when the cache is Redis."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def login_attempt_allowed(request) -> bool:
    """Counts every login POST from one IP address; django-axes locks per account besides."""
    window = settings.JALON_LOGIN_IP_WINDOW_MINUTES * 60
    key = f"jalon:login-ip:{get_client_ip_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= settings.JALON_LOGIN_IP_LIMIT

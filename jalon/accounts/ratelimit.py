"""Failed logins per IP address: a fixed-window counter in the cache (shared by every server
process when the cache is Redis). Successful logins cost nothing, so a whole office behind one
address can sign in at 9 o'clock."""

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache


def _key(request) -> str:
    return f"jalon:login-ip-failures:{get_client_ip_address(request)}"


def login_blocked(request) -> bool:
    return cache.get(_key(request), 0) >= settings.JALON_LOGIN_IP_LIMIT


def count_login_failure(request) -> None:
    window = settings.JALON_LOGIN_IP_WINDOW_MINUTES * 60
    key = _key(request)
    cache.add(key, 0, timeout=window)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)

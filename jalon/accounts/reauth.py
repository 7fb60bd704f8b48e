"""Re-authentication for sensitive actions ("sudo mode").

A complete sign-in (password, then the second factor) opens a window of `JALON_REAUTH_MINUTES`;
after it, a sensitive page first asks "Confirmez votre identité" (password, and a code when the
account has a device), then returns to where the user was going.

    @login_required
    @reauth_required
    def my_sensitive_view(request): ...

Inside a view that only protects its POST (or answers htmx), call
`reauth_response(request)`: it returns the redirect to send, or None when the window is open.
"""

import time
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

SESSION_KEY = "jalon_reauthenticated_at"


def mark_reauthenticated(request) -> None:
    request.session[SESSION_KEY] = time.time()


def is_recent(request) -> bool:
    at = request.session.get(SESSION_KEY)
    return at is not None and time.time() - at < settings.JALON_REAUTH_MINUTES * 60


def safe_next(request, candidate: str | None, default: str = "/") -> str:
    """Only a path on this site: never an open redirect."""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def reauth_url(next_url: str) -> str:
    return f"{reverse('accounts:reauth')}?{urlencode({'next': next_url})}"


def reauth_response(request, next_url: str | None = None):
    """None when the window is open; otherwise the redirect to the confirmation page.

    A POST returns to the page it came from (its GET), since the body cannot be replayed;
    htmx gets an `HX-Redirect` so the whole page moves, not a fragment.
    """
    if is_recent(request):
        return None
    target = next_url or (request.path if request.method != "GET" else request.get_full_path())
    url = reauth_url(safe_next(request, target))
    if getattr(request, "htmx", False):
        return HttpResponseClientRedirect(url)
    return redirect(url)


def reauth_required(view):
    """Function-view decorator: a recent re-authentication is required (after login_required)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return reauth_response(request) or view(request, *args, **kwargs)

    return wrapped

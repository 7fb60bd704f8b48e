from django.conf import settings
from django.contrib.auth.backends import ModelBackend

DEMO_PASSWORD = "jalon-demo"  # noqa: S105 - public on purpose, refused outside demo mode


def normalized_username(request, credentials) -> str:
    """The e-mail as accounts store it, so that the lockout counts every spelling together."""
    raw = (credentials or {}).get("username") or request.POST.get("username") or ""
    return raw.strip().lower()


class EmailBackend(ModelBackend):
    """Login by e-mail (case-insensitive); the shared demo password works in demo mode only."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if password == DEMO_PASSWORD and not settings.DEMO_MODE:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def is_not_a_password_attempt(request, credentials) -> bool:
    """django-axes counts password guesses per address; a ProConnect return carries none
    (without this, failed ProConnect returns would all count against one empty name)."""
    return not normalized_username(request, credentials)

"""Typed readers for settings taken from the environment.

They fail loudly at start-up: a typo in a production variable must stop the server,
not silently fall back to a default.
"""

import base64
import hashlib
import os

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name, default)
    if value is None:
        raise ImproperlyConfigured(f"Environment variable {name} is required.")
    return value


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    lowered = raw.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"Environment variable {name} must be a boolean, got {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name} must be an integer.") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# A fixed key for demo mode and tests only: it is public, so it protects nothing.
DEMO_FERNET_KEY = base64.urlsafe_b64encode(
    hashlib.sha256(b"Jalon demo and tests: field encryption key, never for real data").digest()
).decode()


def env_fernet_keys(name: str, *, demo: bool) -> list[str]:
    """Comma-separated Fernet keys (the first encrypts, all decrypt); required outside demo."""
    keys = env_list(name)
    if not keys:
        if demo:
            return [DEMO_FERNET_KEY]
        raise ImproperlyConfigured(
            f"Environment variable {name} is required outside demo mode: it holds the keys that "
            "encrypt sensitive fields (health, diagnostic, justice). Generate one with "
            '`python -c "from cryptography.fernet import Fernet; '
            'print(Fernet.generate_key().decode())"` and keep it out of the database backups.'
        )
    for position, key in enumerate(keys, start=1):
        try:
            Fernet(key)
        except ValueError as exc:
            # The key itself is never echoed.
            raise ImproperlyConfigured(
                f"Environment variable {name}: key number {position} is not a valid Fernet key "
                "(32 bytes, url-safe base64)."
            ) from exc
    return keys

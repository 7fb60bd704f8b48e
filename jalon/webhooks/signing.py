"""Signing Jalon's webhook deliveries, and verifying them on the receiver's side.

Each POST carries
    Jalon-Signature: t=<unix timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>">
    Jalon-Event: <event name>
    Jalon-Delivery: <delivery id, the same on every retry: process each id once>

`verify_signature` depends only on the standard library: a partner may copy it as is
(README, "Webhooks (notifications aux partenaires)").
"""

import hashlib
import hmac
import time

SIGNATURE_HEADER = "Jalon-Signature"
EVENT_HEADER = "Jalon-Event"
DELIVERY_HEADER = "Jalon-Delivery"
DEFAULT_TOLERANCE_SECONDS = 300


class InvalidSignature(Exception):
    """The request does not come from Jalon, was altered, or is a replay of an old one."""


def compute_signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, body: bytes, timestamp: int) -> str:
    return f"t={timestamp},v1={compute_signature(secret, timestamp, body)}"


def verify_signature(secret, headers, body, tolerance=DEFAULT_TOLERANCE_SECONDS, now=None):
    """Check a delivery received from Jalon; return its timestamp or raise InvalidSignature.

    `headers`: a mapping of the request headers (any case); `body`: the raw bytes received,
    before any JSON parsing. A timestamp more than `tolerance` seconds away from `now` is
    refused, so that a captured request cannot be replayed later; the comparison is
    constant-time, so that timing reveals nothing of the expected signature.
    """
    lowered = {str(name).lower(): value for name, value in dict(headers).items()}
    header = lowered.get(SIGNATURE_HEADER.lower())
    if not header:
        raise InvalidSignature("En-tête Jalon-Signature absent.")
    parts = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(parts["t"])
        received = parts["v1"]
    except (KeyError, ValueError) as exc:
        raise InvalidSignature("En-tête Jalon-Signature mal formé.") from exc
    current = time.time() if now is None else now
    if abs(current - timestamp) > tolerance:
        raise InvalidSignature("Horodatage trop ancien ou dans le futur : rejeu refusé.")
    expected = compute_signature(secret, timestamp, body)
    if not hmac.compare_digest(expected.encode(), received.encode()):
        raise InvalidSignature("Signature invalide.")
    return timestamp

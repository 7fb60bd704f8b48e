"""Where Jalon may POST: https, to public addresses only (no SSRF).

Whoever registers a subscription chooses the URL Jalon's server calls. Without a check, it could
make the server reach its own internal network (databases, cloud metadata at 169.254.169.254,
admin interfaces on 127.0.0.1). So outside demo mode and tests (`WEBHOOK_ALLOW_LOCAL_TARGETS`)
a target must be https and every address its host resolves to must be public; the check is made
when the subscription is saved AND at each delivery, and the connection goes to the address that
was checked (no second DNS lookup that a rebinding server could answer differently).
"""

import http.client
import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError


class RefusedTarget(Exception):
    """The URL may not be called; the message is French and names no secret."""


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def resolve(url: str) -> tuple[str, int, str]:
    """(host, port, address to connect to) for an allowed URL; RefusedTarget otherwise."""
    parts = urlsplit(url)
    allow_local = settings.WEBHOOK_ALLOW_LOCAL_TARGETS
    allowed_schemes = {"https", "http"} if allow_local else {"https"}
    if parts.scheme not in allowed_schemes:
        raise RefusedTarget("L'adresse de réception doit commencer par https://.")
    if not parts.hostname or parts.username or parts.password:
        raise RefusedTarget("Adresse de réception invalide (ni identifiant ni mot de passe).")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (ValueError, OSError, UnicodeError) as exc:
        raise RefusedTarget("Le nom d'hôte de l'adresse de réception est introuvable.") from exc
    addresses = [info[4][0] for info in infos]
    if not allow_local and not all(_is_public(address) for address in addresses):
        raise RefusedTarget(
            "L'adresse de réception mène à un réseau privé ou local : elle est refusée."
        )
    return parts.hostname, port, addresses[0]


def validate_target_url(url: str) -> None:
    """For forms and services: the same check as at delivery, as a field error."""
    try:
        resolve(url)
    except RefusedTarget as exc:
        raise ValidationError({"target_url": str(exc)}) from exc


def _pinned(connection_class, address):
    class Pinned(connection_class):
        """Connects to the checked address; TLS still verifies the certificate of the host."""

        def connect(self):
            self._create_connection = lambda target, *args, **kwargs: socket.create_connection(
                (address, target[1]), *args, **kwargs
            )
            super().connect()

    return Pinned


def post(url: str, body: bytes, headers: dict, timeout: float) -> int:
    """POST and return the HTTP status. Redirects are not followed (a 3xx is a failure)."""
    host, port, address = resolve(url)
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection = _pinned(http.client.HTTPSConnection, address)(host, port, timeout=timeout)
    else:
        connection = _pinned(http.client.HTTPConnection, address)(host, port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer's content is not used
        return response.status
    finally:
        connection.close()

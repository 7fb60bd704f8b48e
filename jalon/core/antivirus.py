"""Uploaded files go through ClamAV before they are stored.

The daemon (clamd) is asked over its socket with the INSTREAM command, so the file never has to
be readable by the daemon's account. When `JALON_CLAMAV_ADDRESS` is set, a file that cannot be
scanned is refused (fail closed); when it is not set (the demo, tests), nothing is scanned.
The protocol is four lines; the Python clients on PyPI are unmaintained, hence this module.
"""

import logging
import socket
import struct
from urllib.parse import urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)

CHUNK_BYTES = 64 * 1024


class ScanUnavailable(Exception):
    """The scanner could not give a verdict: the file must not be kept."""


def is_enabled() -> bool:
    return bool(settings.CLAMAV_ADDRESS)


def _connect() -> socket.socket:
    address = urlsplit(settings.CLAMAV_ADDRESS)
    if address.scheme == "unix":
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        target = address.path
    elif address.scheme == "tcp":
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        target = (address.hostname, address.port or 3310)
    else:
        raise ScanUnavailable(f"Adresse ClamAV non reconnue : {settings.CLAMAV_ADDRESS}")
    sock.settimeout(settings.CLAMAV_TIMEOUT_SECONDS)
    try:
        sock.connect(target)
    except OSError as error:
        sock.close()
        raise ScanUnavailable(str(error)) from error
    return sock


def _reply(sock: socket.socket) -> str:
    received = b""
    while not received.endswith(b"\0"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        received += chunk
    return received.rstrip(b"\0").decode("utf-8", "replace").strip()


def find_virus(uploaded) -> str | None:
    """The signature found in the upload, or None when it is clean or scanning is off."""
    if not is_enabled():
        return None
    uploaded.seek(0)
    try:
        with _connect() as sock:
            sock.sendall(b"zINSTREAM\0")
            for chunk in uploaded.chunks(CHUNK_BYTES):
                sock.sendall(struct.pack("!L", len(chunk)) + chunk)
            sock.sendall(struct.pack("!L", 0))
            answer = _reply(sock)
    except OSError as error:
        raise ScanUnavailable(str(error)) from error
    finally:
        uploaded.seek(0)
    # "stream: OK", "stream: <signature> FOUND" or "<message> ERROR".
    verdict = answer.split(":", 1)[-1].strip()
    if verdict == "OK":
        return None
    if verdict.endswith(" FOUND"):
        signature = verdict.removesuffix(" FOUND")
        logger.warning("Upload refused: ClamAV found %s", signature)
        return signature
    raise ScanUnavailable(answer or "réponse vide")

"""Uploads are scanned by ClamAV when it is configured: a threat is refused, and so is a file
the scanner could not judge (fail closed); nothing refused is stored."""

import socketserver
import struct
import tempfile
import threading
from pathlib import Path

import pytest
from django.conf import settings

from jalon.referrals.models import LiaisonAttachment
from jalon.youngpeople.models import Document
from tests.referrals.factories import send
from tests.youngpeople.factories import PDF, upload

# The EICAR test string is what every antivirus detects; clamd answers with its signature.
EICAR_MARKER = b"EICAR-STANDARD-ANTIVIRUS-TEST-FILE"


class FakeClamd(socketserver.StreamRequestHandler):
    """Speaks clamd's INSTREAM protocol: length-prefixed chunks, a zero length to end."""

    def handle(self):
        command = b""
        while not command.endswith(b"\0"):
            command += self.rfile.read(1)
        assert command == b"zINSTREAM\0"
        content = b""
        while length := struct.unpack("!L", self.rfile.read(4))[0]:
            content += self.rfile.read(length)
        verdict = "Eicar-Test-Signature FOUND" if EICAR_MARKER in content else "OK"
        self.wfile.write(f"stream: {verdict}\0".encode())


@pytest.fixture
def clamd(settings):
    directory = tempfile.mkdtemp(prefix="clamd-", dir="/tmp")
    path = str(Path(directory) / "clamd.sock")
    server = socketserver.ThreadingUnixStreamServer(path, FakeClamd)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.CLAMAV_ADDRESS = f"unix://{path}"
    yield server
    server.shutdown()
    server.server_close()


def stored_files() -> set[str]:
    root = Path(settings.UPLOAD_DIR)
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def post_document(client, young_person, content):
    return client.post(
        f"/jeunes/{young_person.uid}/documents/",
        {"kind": "cv", "file": upload("cv.pdf", content)},
    )


def test_rule_an_infected_upload_is_refused_with_its_threat_named(
    clamd, client_for, counsellor_a, young_person_a
):
    before = stored_files()
    response = post_document(client_for(counsellor_a), young_person_a, PDF + EICAR_MARKER)
    assert "L&#x27;antivirus a détecté une menace (Eicar-Test-Signature)" in response.text
    assert not Document.objects.exists() and stored_files() == before


def test_a_clean_upload_passes_the_scan(clamd, client_for, counsellor_a, young_person_a):
    response = post_document(client_for(counsellor_a), young_person_a, PDF)
    assert response.status_code == 302
    assert Document.objects.count() == 1


def test_rule_an_upload_is_refused_when_the_scanner_cannot_be_reached(
    settings, client_for, counsellor_a, young_person_a
):
    settings.CLAMAV_ADDRESS = "unix:///tmp/no-clamd-here.sock"
    response = post_document(client_for(counsellor_a), young_person_a, PDF)
    assert "analyse antivirus est momentanément indisponible" in response.text
    assert not Document.objects.exists()


def test_rule_liaison_form_attachments_are_scanned_too(clamd, personas, ml_a):
    with pytest.raises(Exception, match="Eicar-Test-Signature"):
        send(personas["cpip"], ml_a, attachments=[upload("jugement.pdf", PDF + EICAR_MARKER)])
    assert not LiaisonAttachment.objects.exists()


def test_nothing_is_scanned_when_no_scanner_is_configured(client_for, counsellor_a, young_person_a):
    assert settings.CLAMAV_ADDRESS == ""
    response = post_document(client_for(counsellor_a), young_person_a, PDF + EICAR_MARKER)
    assert response.status_code == 302

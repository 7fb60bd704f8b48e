"""Documents of a file: checked on the way in, private at rest, out only through the policy."""

import pytest
from django.conf import settings
from django.test import override_settings

from jalon.audit import services as audit
from jalon.audit.models import AuditAction, AuditEntry
from jalon.youngpeople import documents, services
from jalon.youngpeople.models import Document
from tests.youngpeople.factories import JPEG, PDF, PNG, stored_document, upload


def stored_files() -> set[str]:
    root = settings.UPLOAD_DIR
    return (
        {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}
        if root.exists()
        else set()
    )


def post_upload(client, young_person, kind="cv", file=None):
    data = {"kind": kind}
    if file is not None:
        data["file"] = file
    return client.post(f"/jeunes/{young_person.uid}/documents/", data)


def test_a_pdf_is_stored_privately_under_a_random_name(client_for, counsellor_a, young_person_a):
    before = stored_files()
    response = post_upload(client_for(counsellor_a), young_person_a, file=upload("CV Lucas.pdf"))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.kind, document.original_name, document.content_type) == (
        "cv",
        "CV Lucas.pdf",
        "application/pdf",
    )
    assert document.size == len(PDF) and len(document.sha256) == 64
    assert document.uploaded_by == counsellor_a
    assert stored_files() - before == {document.stored_name}
    assert "Lucas" not in document.stored_name and not document.stored_name.endswith(".pdf")
    with pytest.raises(ValueError):
        documents.storage().url(document.stored_name)  # no URL serves the directory
    assert (settings.UPLOAD_DIR / document.stored_name).stat().st_mode & 0o077 == 0
    entry = AuditEntry.objects.get(action=AuditAction.CREATE, object_type="youngpeople.document")
    assert entry.changes["sha256"] == [None, document.sha256]
    page = client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/").content.decode()
    assert "CV Lucas.pdf" in page and "Document ajouté : CV" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [("photo.jpg", JPEG), ("scan.png", PNG), ("attestation.PDF", PDF)],
)
def test_pdf_jpeg_and_png_are_accepted(counsellor_a, young_person_a, name, content):
    document = services.document_upload(
        actor=counsellor_a,
        young_person=young_person_a,
        kind="proof",
        uploaded=upload(name, content),
    )
    assert document.content_type in documents.ACCEPTED_TYPES


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (upload("cv.pdf", b"MZ\x90\x00 this is a program"), "ni un PDF, ni une image JPEG ou PNG"),
        (
            upload("notes.pdf", b"Rapport de situation"),
            "ni un PDF, ni une image JPEG ou PNG",
        ),
        (upload("vide.pdf", b""), "Le fichier est vide."),
        (None, "Choisissez un fichier."),
    ],
    ids=["program-renamed-pdf", "text-renamed-pdf", "empty", "missing"],
)
def test_rule_uploads_are_checked_by_content_with_a_french_message(
    client_for, counsellor_a, young_person_a, file, message
):
    before = stored_files()
    response = post_upload(client_for(counsellor_a), young_person_a, file=file)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Document.objects.exists() and stored_files() == before


@override_settings(UPLOAD_MAX_BYTES=1024 * 1024)
def test_rule_an_upload_above_the_maximum_size_is_refused(counsellor_a, young_person_a):
    too_big = upload("gros.pdf", PDF + b"0" * (1024 * 1024))
    with pytest.raises(Exception, match="dépasse la taille maximale de 1 Mo"):
        services.document_upload(
            actor=counsellor_a, young_person=young_person_a, kind="cv", uploaded=too_big
        )
    assert not Document.objects.exists()


def test_a_document_type_must_be_chosen(client_for, counsellor_a, young_person_a):
    response = post_upload(client_for(counsellor_a), young_person_a, kind="", file=upload())
    assert "Choisissez le type de document." in response.content.decode()


def test_a_failed_upload_leaves_no_orphan_content(counsellor_a, young_person_a, monkeypatch):
    before = stored_files()

    def broken(**kwargs):
        raise RuntimeError("journal indisponible")

    monkeypatch.setattr(audit, "record", broken)
    with pytest.raises(RuntimeError):
        services.document_upload(
            actor=counsellor_a, young_person=young_person_a, kind="cv", uploaded=upload()
        )
    assert not Document.objects.exists() and stored_files() == before


def test_rule_a_download_goes_through_the_policy_is_audited_and_never_displayed(
    client_for, counsellor_a, counsellor_b, young_person_a
):
    document = stored_document(young_person_a, name="Mon CV.pdf")
    response = client_for(counsellor_a).get(f"/documents/{document.uid}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Mon CV.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.get(action=AuditAction.READ)
    assert entry.actor == counsellor_a and entry.changes == {"vue": [None, "document"]}
    assert client_for(counsellor_b).get(f"/documents/{document.uid}/").status_code == 404


def test_a_renamed_image_is_downloaded_with_its_real_extension(counsellor_a, young_person_a):
    document = services.document_upload(
        actor=counsellor_a,
        young_person=young_person_a,
        kind="identity",
        uploaded=upload("carte.pdf", PNG),
    )
    assert document.content_type == "image/png"
    assert documents.download_name(document) == "carte.png"


def test_deleting_a_document_deletes_its_content(
    client_for, counsellor_a, young_person_a, django_capture_on_commit_callbacks
):
    document = stored_document(young_person_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(counsellor_a).post(f"/documents/{document.uid}/supprimer/")
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert document.stored_name not in stored_files()
    entry = AuditEntry.objects.get(object_type="youngpeople.document", action=AuditAction.UPDATE)
    assert entry.changes["sha256"] == [document.sha256, None]


def test_any_deletion_of_the_rows_deletes_the_content(
    young_person_a, django_capture_on_commit_callbacks
):
    """The retention job may delete documents in bulk: no content outlives its row."""
    kept = [stored_document(young_person_a).stored_name for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        Document.objects.filter(young_person=young_person_a).delete()
    assert not set(kept) & stored_files()


def test_documents_through_the_api(client_for, counsellor_a, young_person_a, api_token_for):
    document = stored_document(young_person_a, name="Attestation.pdf")
    client = client_for(None)
    headers = {"Authorization": f"Bearer {api_token_for(counsellor_a)}"}
    listing = client.get(f"/api/v1/young-people/{young_person_a.uid}/documents", headers=headers)
    assert listing.json() == [
        {
            "id": str(document.uid),
            "kind": "cv",
            "kind_label": "CV",
            "name": "Attestation.pdf",
            "content_type": "application/pdf",
            "size": len(PDF),
            "sha256": document.sha256,
            "uploaded_at": listing.json()[0]["uploaded_at"],
        }
    ]
    response = client.get(f"/api/v1/documents/{document.uid}", headers=headers)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEntry.objects.filter(action=AuditAction.READ, channel="api").exists()


@override_settings(UPLOAD_MAX_BYTES=5 * 1024 * 1024)
def test_the_form_tells_the_accepted_types_and_maximum(client_for, counsellor_a, young_person_a):
    page = client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/documents/")
    assert "PDF, JPEG ou PNG, 5 Mo au plus." in page.content.decode()
    assert "Fichier (Optionnel)" not in page.content.decode()

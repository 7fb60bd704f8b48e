"""Documents of a file, stored for real in the tests' upload directory."""

from django.core.files.uploadedfile import SimpleUploadedFile

from jalon.youngpeople import documents
from jalon.youngpeople.models import Document

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 40
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 40


def upload(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def stored_document(
    young_person, *, kind="cv", name="CV Lucas.pdf", content=PDF, uploaded_by=None
) -> Document:
    uploaded = upload(name, content)
    stored_name, sha256 = documents.store(uploaded)
    return Document.objects.create(
        young_person=young_person,
        kind=kind,
        original_name=name,
        stored_name=stored_name,
        content_type="application/pdf",
        size=len(content),
        sha256=sha256,
        uploaded_by=uploaded_by or young_person.referent,
    )

"""API operations on the documents of a file: list them, download one (same policy and audit)."""

import datetime
import uuid

from django.http import FileResponse, Http404
from ninja import Router, Schema

from jalon import policy
from jalon.api.schemas import ErrorOut
from jalon.audit import services as audit
from jalon.youngpeople import documents
from jalon.youngpeople.models import Document

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: uuid.UUID
    kind: str
    kind_label: str
    name: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime


@router.get(
    "/young-people/{uuid:uid}/documents",
    response={200: list[DocumentOut], 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Lister les documents d'un jeune",
)
def list_documents(request, uid: uuid.UUID):
    """Les métadonnées des documents du dossier ; le contenu se télécharge un par un."""
    young_person = policy.get_young_person_or_404(request.auth, uid)
    audit.record_read(
        actor=request.auth, young_person=young_person, channel="api", what="documents"
    )
    return [
        {
            "id": d.uid,
            "kind": d.kind,
            "kind_label": d.get_kind_display(),
            "name": d.original_name,
            "content_type": d.content_type,
            "size": d.size,
            "sha256": d.sha256,
            "uploaded_at": d.uploaded_at,
        }
        for d in young_person.documents.all()
    ]


@router.get(
    "/documents/{uuid:uid}",
    response={200: None, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Télécharger un document",
    openapi_extra={
        "responses": {
            200: {
                "description": "Le fichier (PDF, JPEG ou PNG), en pièce jointe.",
                "content": {
                    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
                    "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
                    "image/png": {"schema": {"type": "string", "format": "binary"}},
                },
            }
        }
    },
)
def download_document(request, uid: uuid.UUID):
    """Le contenu du document ; chaque téléchargement est inscrit au journal d'audit."""
    document = policy.get_record_or_404(request.auth, Document.objects.all(), uid)
    audit.record_read(
        actor=request.auth, young_person=document.young_person, channel="api", what="document"
    )
    try:
        content = documents.storage().open(document.stored_name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        content,
        as_attachment=True,
        filename=documents.download_name(document),
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response

"""Documents attached to a file: private storage, what is accepted, and the timeline items."""

import hashlib
import logging
import secrets
from pathlib import PurePath

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage, storages
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import reverse

from jalon.core import antivirus
from jalon.youngpeople.enums import DocumentKind
from jalon.youngpeople.models import Document
from jalon.youngpeople.timeline import TimelineItem

logger = logging.getLogger(__name__)

# Sniffed type -> extension given back on download.
ACCEPTED_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


class PrivateStorage(FileSystemStorage):
    """Nothing stored here has a URL: contents leave only through the download view."""

    def url(self, name):
        raise ValueError("Les documents n'ont pas d'adresse : ils passent par la vue du dossier.")


def storage():
    """The "documents" storage of settings.STORAGES: a private directory shared by the
    application servers, or an object store (docs/scaling.md)."""
    return storages["documents"]


def max_size_label() -> str:
    return f"{settings.UPLOAD_MAX_BYTES // (1024 * 1024)} Mo"


def check_upload(uploaded, kind: str) -> str:
    """The sniffed content type of an acceptable upload; French errors keyed by field."""
    errors = {}
    if kind not in DocumentKind.values:
        errors["kind"] = ["Choisissez le type de document."]
    if uploaded is None:
        errors["file"] = ["Choisissez un fichier."]
    elif uploaded.size == 0:
        errors["file"] = ["Le fichier est vide."]
    elif uploaded.size > settings.UPLOAD_MAX_BYTES:
        errors["file"] = [f"Le fichier dépasse la taille maximale de {max_size_label()}."]
    content_type = ""
    if "file" not in errors:
        uploaded.seek(0)
        content_type = filetype.guess_mime(uploaded.read(2048)) or ""
        uploaded.seek(0)
        if content_type not in ACCEPTED_TYPES:
            errors["file"] = [
                "Ce fichier n'est ni un PDF, ni une image JPEG ou PNG (le type est reconnu "
                "d'après son contenu, pas d'après son nom)."
            ]
    if "file" not in errors:
        errors.update(_virus_errors(uploaded))
    if errors:
        raise ValidationError(errors)
    return content_type


def _virus_errors(uploaded) -> dict:
    try:
        signature = antivirus.find_virus(uploaded)
    except antivirus.ScanUnavailable:
        logger.exception("Upload refused: the antivirus scan is unavailable")
        return {
            "file": [
                "L'analyse antivirus est momentanément indisponible : le fichier n'a pas été "
                "enregistré. Réessayez dans quelques minutes."
            ]
        }
    if signature:
        return {
            "file": [
                f"L'antivirus a détecté une menace ({signature}) : le fichier a été refusé et "
                "n'a pas été enregistré."
            ]
        }
    return {}


def clean_name(name: str) -> str:
    """The name the user gave, without any directory, and of a bounded length."""
    base = PurePath((name or "").replace("\\", "/")).name.strip() or "document"
    return base[-200:]


def download_name(document: Document) -> str:
    """The original name with the extension of its real type (a renamed file gets it back)."""
    stem = PurePath(document.original_name).stem or "document"
    return f"{stem}.{ACCEPTED_TYPES.get(document.content_type, 'bin')}"


def store(uploaded) -> tuple[str, str]:
    """Write the content under a random name: (stored name, sha256)."""
    digest = hashlib.sha256()
    for chunk in uploaded.chunks():
        digest.update(chunk)
    uploaded.seek(0)
    token = secrets.token_hex(16)
    stored_name = storage().save(f"{token[:2]}/{token}", uploaded)
    return stored_name, digest.hexdigest()


def discard(stored_name: str) -> None:
    storage().delete(stored_name)


@receiver(post_delete, sender=Document)
def _delete_content(sender, instance, **kwargs):
    """Whatever deletes the row (service, retention job, cascade), the content goes once the
    deletion is committed; a rolled-back deletion keeps it."""
    transaction.on_commit(lambda: discard(instance.stored_name))


def items(young_person) -> list[TimelineItem]:
    """The file's documents in its timeline (one query)."""
    return [
        TimelineItem(
            day=document.uploaded_at.date(),
            kind="document",
            title=f"Document ajouté : {document.get_kind_display()}",
            detail=f"{document.original_name} ({document.size_label})",
            url=reverse("youngpeople:document_download", args=[document.uid]),
            order=60,
        )
        for document in young_person.documents.all()
    ]

"""Everything held about a young person, for an access request (GDPR article 15)."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from jalon.audit.models import AuditAction, AuditEntry
from jalon.privacy import registry
from jalon.youngpeople.models import YoungPerson


@dataclass(frozen=True)
class Section:
    title: str
    # One list of (label, value) per record; empty values are left out.
    records: list[list[tuple[str, object]]]


@dataclass(frozen=True)
class Access:
    """A consultation or change of the file: when, by which role of which structure.

    Staff acting under the controller's authority are not "recipients" whose identity the
    person is owed (CJEU C-579/21, Pankki S, 22 June 2023): dates, roles and structures are.
    """

    at: datetime.datetime
    action: str
    what: str
    role: str
    organisation: str


@dataclass(frozen=True)
class AccessExport:
    young_person: YoungPerson
    generated_at: datetime.datetime
    sections: list[Section]
    accesses: list[Access]


# Technical fields, and labels for the fields whose models kept Django's English default.
_TECHNICAL = {"version", "search_name", "stored_name"}
_FRENCH_LABELS = {
    "created_at": "créé le",
    "updated_at": "modifié le",
    "recorded_by": "enregistré par",
    "recorded_at": "enregistré le",
    "decided_by": "décidé par",
    "decided_at": "décidé le",
    "merged_by": "fusionné par",
    "merged_at": "fusionné le",
    "merged_into": "fusionné dans",
    "absorbed_snapshot": "contenu du dossier absorbé",
    "moved": "éléments rattachés",
    "kept": "dossier conservé",
    "absorbed": "dossier absorbé",
    "session": "séance collective",
}


def _exported_fields(holding: registry.Holding) -> list[models.Field]:
    skipped = set(holding.internal) | _TECHNICAL
    # The record a row belongs to (a phase's pathway...) is the section above it.
    parent = holding.to_young_person.split("__")[0]
    if parent != holding.to_young_person:
        skipped.add(parent)
    return [
        f
        for f in holding.model_class._meta.concrete_fields
        if not f.primary_key
        and not isinstance(f, models.UUIDField)  # opaque references, not data about anyone
        and f.name not in skipped
        and not (
            f.is_relation and f.related_model is YoungPerson and holding.to_young_person != "pk"
        )
    ]


def _label(model_field: models.Field) -> str:
    label = _FRENCH_LABELS.get(model_field.name, str(model_field.verbose_name))
    return label[:1].upper() + label[1:]


def _value(record, model_field: models.Field):
    if model_field.choices:
        return getattr(record, f"get_{model_field.name}_display")()
    value = getattr(record, model_field.name)
    if model_field.is_relation:
        return str(value) if value is not None else None
    return value


def access_export(young_person: YoungPerson) -> AccessExport:
    sections = []
    for holding in registry.holdings():
        fields = _exported_fields(holding)
        relations = [f.name for f in fields if f.is_relation]
        records = holding.records(young_person.pk).select_related(*relations)
        rows = []
        for record in records:
            row = [(_label(f), _value(record, f)) for f in fields]
            rows.append([(label, value) for label, value in row if value not in (None, "", {})])
        if rows:
            sections.append(Section(holding.label, rows))
    return AccessExport(
        young_person=young_person,
        generated_at=timezone.now(),
        sections=sections,
        accesses=list(_accesses(young_person)),
    )


def _accesses(young_person: YoungPerson):
    files = [young_person.pk, *young_person.absorbed.values_list("pk", flat=True)]
    entries = (
        AuditEntry.objects.filter(young_person_id__in=files)
        .select_related("actor", "actor_organisation")
        .order_by("at", "id")
    )
    for entry in entries.iterator(chunk_size=500):
        what = entry.changes.get("vue", [None, ""])[1] if entry.action == AuditAction.READ else ""
        yield Access(
            at=entry.at,
            action=entry.get_action_display(),
            what=what or "",
            role=entry.actor.get_role_display() if entry.actor else "Traitement automatique",
            organisation=entry.actor_organisation.name if entry.actor_organisation else "",
        )

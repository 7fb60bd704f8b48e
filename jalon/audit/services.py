"""Writing to the audit journal. Call these from services and views, never create rows directly."""

import json

from django.db import connection, transaction

from jalon.audit.models import AuditAction, AuditEntry, EmergencyAccess


def record(
    *,
    actor,
    action: str,
    obj=None,
    object_type: str = "",
    object_id: str = "",
    young_person=None,
    mission_locale=None,
    changes: dict | None = None,
    channel: str = "web",
    at=None,
) -> AuditEntry:
    """Append one entry; `at` dates an event recorded after the fact (default: now)."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "uid", obj.pk))
    if young_person is not None and mission_locale is None:
        mission_locale = young_person.mission_locale
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=_label(actor),
        actor_organisation_id=getattr(actor, "organisation_id", None),
        channel=channel,
        action=action,
        object_type=object_type,
        object_id=object_id,
        young_person=young_person,
        mission_locale=mission_locale,
        changes=changes or {},
    )
    if at is not None:
        entry.at = at
    with transaction.atomic():
        _lock_chain()
        entry.previous_hash = (
            AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first() or ""
        )
        # Round-trip the changes through JSON so the hash covers what the database stores.
        entry.changes = json.loads(json.dumps(entry.changes, default=str))
        entry.hash = entry.compute_hash()
        entry.save()
    return entry


# Any constant: the key of the advisory lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 4_243_001


def _lock_chain() -> None:
    """One writer at a time appends to the chain (SQLite already serialises its writes)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def verify_chain() -> tuple[int, AuditEntry | None]:
    """Walk the journal in order: (entries checked, first entry whose seal is broken)."""
    expected_previous = ""
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=2000):
        if entry.previous_hash != expected_previous or entry.hash != entry.compute_hash():
            return checked, entry
        expected_previous = entry.hash
        checked += 1
    return checked, None


def record_read(*, actor, young_person, channel="web", what="dossier") -> AuditEntry:
    changes = {"vue": [None, what]}
    grant = active_emergency_grant(actor, young_person)
    if grant is not None:
        changes["accès d'urgence"] = [None, str(grant.uid)]
    return record(
        actor=actor,
        action=AuditAction.READ,
        obj=young_person,
        young_person=young_person,
        changes=changes,
        channel=channel,
    )


def active_emergency_grant(user, young_person, now=None):
    """The user's active emergency access to another Mission Locale's file, if any (a file of
    one's own Mission Locale needs none: no query)."""
    if not getattr(user, "is_authenticated", False):
        return None
    if young_person.mission_locale_id == user.organisation_id:
        return None
    return (
        EmergencyAccess.objects.active(now)
        .filter(user=user, young_person=young_person)
        .order_by("-expires_at")
        .first()
    )


def _label(actor) -> str:
    if actor is None or not actor.is_authenticated:
        return "système"
    return f"{actor.get_full_name()} <{actor.email}>"


def diff(before: dict, after: dict) -> dict:
    """Field-by-field changes {field: [old, new]} between two flat snapshots."""
    return {
        field: [before.get(field), value]
        for field, value in after.items()
        if before.get(field) != value
    }

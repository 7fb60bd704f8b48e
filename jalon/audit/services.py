"""Writing to the audit journal. Call these from services and views, never create rows directly."""

from jalon.audit.models import AuditAction, AuditEntry


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
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(getattr(obj, "uid", obj.pk))
    if young_person is not None and mission_locale is None:
        mission_locale = young_person.mission_locale
    return AuditEntry.objects.create(
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


def record_read(*, actor, young_person, channel="web", what="dossier") -> AuditEntry:
    return record(
        actor=actor,
        action=AuditAction.READ,
        obj=young_person,
        young_person=young_person,
        changes={"vue": [None, what]},
        channel=channel,
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

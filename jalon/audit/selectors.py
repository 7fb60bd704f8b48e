"""Reads of the journal: the audit search, emergency accesses and alerts of a Mission Locale."""

import datetime

from django.db.models import F
from django.utils import timezone

from jalon import policy
from jalon.accounts.models import User
from jalon.audit.models import AuditAlert, AuditEntry, EmergencyAccess
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.search import search_young_people

# A name search narrows the journal to the best matching files, not to half the file base.
NAME_MATCHES_LIMIT = 20


def _start_of(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def audit_staff(user):
    """The accounts of the user's structure, for the "staff member" filter."""
    return User.objects.filter(organisation_id=user.organisation_id).order_by(
        "last_name", "first_name"
    )


def search_entries(user, filters: dict):
    """The journal entries the user may read, narrowed by the (already validated) filters."""
    entries = AuditEntry.objects.visible_to(user).select_related("young_person")
    if filters.get("actor"):
        entries = entries.filter(actor=filters["actor"])
    if filters.get("file"):
        entries = entries.filter(young_person__uid=filters["file"])
    if filters.get("young_person_name"):
        # Limited to the director's own files: the scope of `visible_to`.
        matches = search_young_people(
            YoungPerson.objects.visible_to(user), filters["young_person_name"]
        ).values_list("pk", flat=True)[:NAME_MATCHES_LIMIT]
        entries = entries.filter(young_person_id__in=list(matches))
    if filters.get("action"):
        entries = entries.filter(action=filters["action"])
    if filters.get("record_type"):
        entries = entries.filter(object_type=filters["record_type"])
    if filters.get("date_from"):
        entries = entries.filter(at__gte=_start_of(filters["date_from"]))
    if filters.get("date_to"):
        entries = entries.filter(at__lt=_start_of(filters["date_to"] + datetime.timedelta(days=1)))
    return entries


# Details that say what was done, not what the file holds: shown to every reader of the journal.
NEUTRAL_DETAILS = frozenset({"vue", "accès d'urgence", "filtres", "page"})
MASKED = "(valeur masquée)"


def with_displayed_names(user, entries) -> list:
    """Each entry gets `file_label` and `shown_changes`: names and values for the director of
    the file's Mission Locale, its identifier and the changed fields only for anyone else."""
    for entry in entries:
        entry.file_label = _file_label(user, entry.young_person, entry.mission_locale_id)
        if entry.object_type.startswith("audit.") or policy.can_read_names_in_audit(
            user, entry.mission_locale_id
        ):
            entry.shown_changes = entry.changes
        else:
            entry.shown_changes = {
                field: values if field in NEUTRAL_DETAILS else [None, MASKED]
                for field, values in entry.changes.items()
            }
    return entries


def _file_label(user, young_person, mission_locale_id) -> str:
    if young_person is None:
        return ""
    if policy.can_read_names_in_audit(user, mission_locale_id):
        return str(young_person)
    return f"Dossier {young_person.uid}"


def emergency_accesses(user, limit: int = 50) -> list[EmergencyAccess]:
    grants = list(
        EmergencyAccess.objects.visible_to(user).select_related(
            "user", "requester_mission_locale", "file_mission_locale", "young_person"
        )[:limit]
    )
    now = timezone.now()
    for grant in grants:
        grant.file_label = _file_label(user, grant.young_person, grant.file_mission_locale_id)
        grant.active = grant.is_active(now)
    return grants


def audit_alerts(user, limit: int = 50) -> list[AuditAlert]:
    return list(
        AuditAlert.objects.visible_to(user)
        .select_related("user", "reviewed_by")
        .order_by(F("reviewed_at").asc(nulls_first=True), "-day")[:limit]
    )

"""The access policy: the one place that says who may do what to which record.

Pages, API and exports ask this module; querysets are scoped through `visible_to(user)`,
which delegates here. A record outside a user's scope is answered with 404 (`get_*_or_404`),
so that its existence is not revealed.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import Http404

from jalon.accounts.models import Role


def _is_active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


# --- Young people -------------------------------------------------------------------------


def can_read_named_files(user) -> bool:
    """Only Mission Locale staff read nominative files: pilots work on aggregates, partners
    will only see what a young person consents to share with them (referrals, later)."""
    return _is_active(user) and user.is_mission_locale_staff and user.organisation_id is not None


def scope_young_people(queryset: QuerySet, user) -> QuerySet:
    """Staff see the young people of their own Mission Locale; nobody else sees any."""
    if not can_read_named_files(user):
        return queryset.none()
    return queryset.filter(mission_locale_id=user.organisation_id).live()


def get_young_person_or_404(user, uid, queryset=None):
    from jalon.youngpeople.models import YoungPerson

    queryset = queryset if queryset is not None else YoungPerson.objects.all()
    try:
        return queryset.visible_to(user).get(uid=uid)
    except (YoungPerson.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Dossier introuvable.") from exc


def merged_into_visible(user, uid):
    """The file an absorbed one was merged into, when the user may see it (old links)."""
    from jalon.youngpeople.models import YoungPerson

    try:
        absorbed = YoungPerson.objects.select_related("merged_into").get(
            uid=uid, merged_into__isnull=False
        )
    except (YoungPerson.DoesNotExist, ValidationError, ValueError):
        return None
    kept = absorbed.merged_into
    return (
        kept if scope_young_people(YoungPerson.objects.filter(pk=kept.pk), user).exists() else None
    )


def scope_by_young_person(queryset: QuerySet, user) -> QuerySet:
    """Records that belong to a young person (pathways, situations...) follow the file's scope."""
    if not can_read_named_files(user):
        return queryset.none()
    return queryset.filter(
        young_person__mission_locale_id=user.organisation_id,
        young_person__merged_into__isnull=True,
    )


def get_record_or_404(user, queryset: QuerySet, uid):
    """A record belonging to a young person, by its opaque uid, if the user may see the file."""
    try:
        return scope_by_young_person(queryset, user).select_related("young_person").get(uid=uid)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Introuvable.") from exc


def can_create_young_person(user) -> bool:
    """Reception staff open files too: the first reception is theirs."""
    return can_read_named_files(user)


def can_edit_young_person(user, young_person) -> bool:
    return can_read_named_files(user) and young_person.mission_locale_id == user.organisation_id


def is_mission_locale_director(user) -> bool:
    return can_read_named_files(user) and user.role == Role.DIRECTOR


def can_grant_age_exception(user) -> bool:
    """Opening a file outside 16-25 (29 with RQTH) is a director's decision, with a reason."""
    return is_mission_locale_director(user)


def can_merge_young_people(user, first, second) -> bool:
    """A director merges duplicates, and only within their own Mission Locale."""
    return (
        is_mission_locale_director(user)
        and first.pk != second.pk
        and first.mission_locale_id == user.organisation_id
        and second.mission_locale_id == user.organisation_id
    )


def duplicate_disclosure(user, candidate) -> str:
    """How much of a possible duplicate a user may see when creating a file.

    "full" for a file of their own Mission Locale (they may open it), "contact" otherwise:
    only which Mission Locale holds it and how to reach that Mission Locale.
    """
    if can_read_named_files(user) and candidate.mission_locale_id == user.organisation_id:
        return "full"
    return "contact"


# --- Audit --------------------------------------------------------------------------------


def can_read_audit(user) -> bool:
    return is_mission_locale_director(user)


def scope_audit_entries(queryset: QuerySet, user) -> QuerySet:
    """A director reads the journal of their Mission Locale's files and staff."""
    if not can_read_audit(user):
        return queryset.none()
    return queryset.filter(
        Q(mission_locale_id=user.organisation_id) | Q(actor_organisation_id=user.organisation_id)
    )


# --- Network and aggregates ---------------------------------------------------------------


def can_browse_directory(user) -> bool:
    """The network and partner directory is public information among authenticated users."""
    return _is_active(user)


def can_read_aggregates(user) -> bool:
    return _is_active(user) and (
        user.is_pilot or (user.role == Role.DIRECTOR and user.organisation_id is not None)
    )


def aggregate_scope(user) -> QuerySet:
    """The Missions Locales whose aggregated figures a user may read."""
    from jalon.network.models import Organisation

    missions_locales = Organisation.objects.missions_locales()
    if not can_read_aggregates(user):
        return missions_locales.none()
    if user.role == Role.NATIONAL_PILOT:
        return missions_locales
    if user.role == Role.ARML_PILOT:
        return missions_locales.filter(region_id=user.organisation.region_id)
    return missions_locales.filter(pk=user.organisation_id)


# --- Reception ----------------------------------------------------------------------------


def can_record_outreach(user) -> bool:
    """Outreach (repérage, aller-vers) is the Mission Locale's own work: its staff record the
    contacts of its mobile team and partners; pilots and partners see none of it."""
    return can_read_named_files(user)


def scope_outreach_contacts(queryset: QuerySet, user) -> QuerySet:
    """Staff see the outreach contacts of their own Mission Locale; nobody else sees any."""
    if not can_record_outreach(user):
        return queryset.none()
    return queryset.filter(mission_locale_id=user.organisation_id)


def get_outreach_contact_or_404(user, uid, queryset=None):
    from jalon.reception.models import OutreachContact

    queryset = queryset if queryset is not None else OutreachContact.objects.all()
    try:
        return queryset.visible_to(user).get(uid=uid)
    except (OutreachContact.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Contact introuvable.") from exc


def can_record_reception(user, young_person) -> bool:
    """Any staff member of the young person's Mission Locale may record a first reception."""
    return can_edit_young_person(user, young_person)


def can_conduct_diagnostic(user, young_person) -> bool:
    """The diagnostic is a counsellor's act (level 2 of service, seed 003 §1.1.2 a):
    reception staff give the first level and orient to a counsellor for it."""
    return can_edit_young_person(user, young_person) and user.role != Role.RECEPTION


# --- Scheduling ---------------------------------------------------------------------------


def can_use_agenda(user) -> bool:
    """Agendas and collective sessions are the Mission Locale staff's working tools."""
    return can_read_named_files(user)


def can_view_agenda_of(user, counsellor) -> bool:
    """Everyone reads their own agenda; a director reads those of their Mission Locale's staff
    (to organise the team and cover absences)."""
    if not can_use_agenda(user) or counsellor is None:
        return False
    if counsellor.pk == user.pk:
        return True
    return (
        is_mission_locale_director(user)
        and counsellor.organisation_id == user.organisation_id
        and counsellor.is_mission_locale_staff
    )


def agenda_staff(user) -> QuerySet:
    """The people whose agenda a user may open (themselves, or their team for a director)."""
    from jalon.accounts.models import MISSION_LOCALE_ROLES, User

    if not can_use_agenda(user):
        return User.objects.none()
    if is_mission_locale_director(user):
        return User.objects.filter(
            organisation_id=user.organisation_id, role__in=MISSION_LOCALE_ROLES, is_active=True
        )
    return User.objects.filter(pk=user.pk)


def get_appointment_or_404(user, uid, queryset=None):
    from jalon.scheduling.models import Appointment

    queryset = queryset if queryset is not None else Appointment.objects.all()
    try:
        return queryset.visible_to(user).get(uid=uid)
    except (Appointment.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Rendez-vous introuvable.") from exc


def can_manage_appointment(user, appointment) -> bool:
    """Any staff member of the young person's Mission Locale books appointments and records
    whether they were held (reception notes arrivals, colleagues cover absences)."""
    return (
        can_use_agenda(user) and appointment.young_person.mission_locale_id == user.organisation_id
    )


def scope_sessions(queryset: QuerySet, user) -> QuerySet:
    """A Mission Locale's collective sessions are seen by its own staff only."""
    if not can_use_agenda(user):
        return queryset.none()
    return queryset.filter(mission_locale_id=user.organisation_id)


def get_session_or_404(user, uid, queryset=None):
    from jalon.scheduling.models import CollectiveSession

    queryset = queryset if queryset is not None else CollectiveSession.objects.all()
    try:
        return queryset.visible_to(user).get(uid=uid)
    except (CollectiveSession.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Séance introuvable.") from exc


def can_manage_session(user, session) -> bool:
    return can_use_agenda(user) and session.mission_locale_id == user.organisation_id


# --- Documents of a file (integrity) --------------------------------------------------------


def can_manage_documents(user, young_person) -> bool:
    """Staff of the young person's Mission Locale attach and remove the documents of the file
    (reception collects identity documents and certificates too); nobody else sees them."""
    return can_edit_young_person(user, young_person)

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


def scope_young_people(queryset: QuerySet, user, *, include_emergency=False) -> QuerySet:
    """Staff see the young people of their own Mission Locale; nobody else sees any.

    `include_emergency`: also the files of other Missions Locales the user holds an active
    emergency access to. Only read-only pages ask for it, so every write stays own-ML.
    Anonymised files (retention over, or erased) are counted by aggregates, seen by nobody.
    """
    from jalon.youngpeople.enums import FileStatus

    if not can_read_named_files(user):
        return queryset.none()
    own = Q(mission_locale_id=user.organisation_id)
    if include_emergency:
        own |= Q(pk__in=emergency_file_ids(user))
    return queryset.filter(own).live().exclude(status=FileStatus.ANONYMISED)


def get_young_person_or_404(user, uid, queryset=None, *, include_emergency=False):
    from jalon.youngpeople.models import YoungPerson

    queryset = queryset if queryset is not None else YoungPerson.objects.all()
    try:
        return scope_young_people(queryset, user, include_emergency=include_emergency).get(uid=uid)
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


def scope_by_young_person(queryset: QuerySet, user, *, include_emergency=False) -> QuerySet:
    """Records that belong to a young person (pathways, situations...) follow the file's scope."""
    if not can_read_named_files(user):
        return queryset.none()
    own = Q(young_person__mission_locale_id=user.organisation_id)
    if include_emergency:
        own |= Q(young_person_id__in=emergency_file_ids(user))
    return queryset.filter(
        own, young_person__merged_into__isnull=True, young_person__anonymised_at__isnull=True
    )


def get_record_or_404(user, queryset: QuerySet, uid, *, include_emergency=False):
    """A record belonging to a young person, by its opaque uid, if the user may see the file."""
    try:
        return (
            scope_by_young_person(queryset, user, include_emergency=include_emergency)
            .select_related("young_person")
            .get(uid=uid)
        )
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


def disclosed_duplicates(user, candidates) -> list[dict]:
    """Possible duplicates as a page shows them: each with how much the user may see of it."""
    return [{"candidate": c, "disclosure": duplicate_disclosure(user, c)} for c in candidates]


# --- Audit --------------------------------------------------------------------------------


def can_read_audit(user) -> bool:
    """The director and the data protection officer of a Mission Locale read its journal."""
    return is_mission_locale_director(user) or is_data_protection_officer(user)


def scope_audit_entries(queryset: QuerySet, user) -> QuerySet:
    """A director or DPO reads the journal of their Mission Locale's files and staff."""
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


# --- Audit: emergency access, audit search, unusual reads -----------------------------------


def is_data_protection_officer(user) -> bool:
    """The DPO of a Mission Locale controls its journal; they read no named file."""
    return (
        _is_active(user)
        and user.role == Role.DATA_PROTECTION_OFFICER
        and user.organisation_id is not None
    )


# Staff who accompany young people; reception orients, it does not need another ML's file.
EMERGENCY_ACCESS_ROLES = frozenset(
    {Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR}
)


def can_request_emergency_access(user) -> bool:
    """A counsellor facing a young person whose file is held by another Mission Locale may
    open it read-only, for a stated reason ("break the glass")."""
    return can_read_named_files(user) and user.role in EMERGENCY_ACCESS_ROLES


def can_request_emergency_access_to(user, young_person) -> bool:
    """Only for another Mission Locale's live file: one's own needs no emergency."""
    return (
        can_request_emergency_access(user)
        and young_person.mission_locale_id != user.organisation_id
        and young_person.merged_into_id is None
    )


def emergency_file_ids(user) -> QuerySet:
    """Ids of the files the user may read under an active emergency access."""
    from jalon.audit.models import EmergencyAccess

    if not can_request_emergency_access(user):
        return EmergencyAccess.objects.none().values("young_person_id")
    return EmergencyAccess.objects.active().filter(user=user).values("young_person_id")


def scope_emergency_accesses(queryset: QuerySet, user) -> QuerySet:
    """Both directors (the file's and the requester's Mission Locale) and their DPOs see a
    grant; nobody else."""
    if not can_read_audit(user):
        return queryset.none()
    return queryset.filter(
        Q(file_mission_locale_id=user.organisation_id)
        | Q(requester_mission_locale_id=user.organisation_id)
    )


def can_read_names_in_audit(user, mission_locale_id) -> bool:
    """In the journal, a young person's name is shown only to the director of the Mission Locale
    holding the file (who may open it anyway); the DPO and the other Mission Locale see its
    identifier: controlling accesses does not require knowing who the young person is."""
    return is_mission_locale_director(user) and mission_locale_id == user.organisation_id


def scope_audit_alerts(queryset: QuerySet, user) -> QuerySet:
    """Alerts about a Mission Locale's staff go to its director and DPO."""
    if not can_read_audit(user):
        return queryset.none()
    return queryset.filter(mission_locale_id=user.organisation_id)


def get_audit_alert_or_404(user, uid):
    from jalon.audit.models import AuditAlert

    try:
        return scope_audit_alerts(AuditAlert.objects.select_related("user"), user).get(uid=uid)
    except (AuditAlert.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Alerte introuvable.") from exc


# --- Accounts and team --------------------------------------------------------------------


def team_roles() -> list[str]:
    """The roles a director hands out: their Mission Locale's staff and its DPO."""
    from jalon.accounts.models import MISSION_LOCALE_ROLES

    return [role for role in Role.values if role in MISSION_LOCALE_ROLES] + [
        Role.DATA_PROTECTION_OFFICER
    ]


def can_manage_team(user) -> bool:
    """A director opens, changes and closes the accounts of their own Mission Locale."""
    return is_mission_locale_director(user)


def scope_team_members(queryset: QuerySet, user) -> QuerySet:
    if not can_manage_team(user):
        return queryset.none()
    return queryset.filter(organisation_id=user.organisation_id, role__in=team_roles())


def get_team_member_or_404(user, pk, queryset=None):
    """A staff account of the director's Mission Locale (the administrator: any account)."""
    from jalon.accounts.models import User

    queryset = queryset if queryset is not None else User.objects.all()
    if not is_administrator(user):
        queryset = scope_team_members(queryset, user)
    try:
        return queryset.get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("Compte introuvable.") from exc


def is_administrator(user) -> bool:
    return _is_active(user) and user.role == Role.ADMINISTRATOR


def can_change_team_member(user, member) -> bool:
    """Role changes and ends of habilitation, never on one's own account (another director or
    the administrator does it: nobody widens or closes their own access), never on a closed
    one (its habilitation has ended: it is kept for the journal, then anonymised)."""
    return (
        can_manage_team(user)
        and member.pk != user.pk
        and member.is_active
        and member.organisation_id == user.organisation_id
        and member.role in team_roles()
    )


def can_reset_second_factor(user, member) -> bool:
    """A lost phone: the director for their staff, the national administrator for anyone."""
    if member.pk == user.pk:
        return False
    return is_administrator(user) or can_change_team_member(user, member)


# --- Privacy: data subject rights ---------------------------------------------------------


def can_handle_rights_requests(user) -> bool:
    """The director answers for the Mission Locale, controller of its files (décret 2015-59):
    access exports, erasures and the answers to requests are theirs."""
    return is_mission_locale_director(user)


def can_exercise_rights_on(user, young_person) -> bool:
    return (
        can_handle_rights_requests(user) and young_person.mission_locale_id == user.organisation_id
    )


def scope_rights_requests(queryset: QuerySet, user) -> QuerySet:
    """A director sees the requests about their Mission Locale's files, anonymised ones too:
    a request received before an erasure still needs its answer."""
    if not can_handle_rights_requests(user):
        return queryset.none()
    return queryset.filter(young_person__mission_locale_id=user.organisation_id)


def get_rights_request_or_404(user, uid):
    from jalon.privacy.models import RightsRequest

    try:
        return RightsRequest.objects.visible_to(user).select_related("young_person").get(uid=uid)
    except (RightsRequest.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Demande introuvable.") from exc


# --- Documents of a file (integrity) --------------------------------------------------------


def can_manage_documents(user, young_person) -> bool:
    """Staff of the young person's Mission Locale attach and remove the documents of the file
    (reception collects identity documents and certificates too); nobody else sees them."""
    return can_edit_young_person(user, young_person)


# --- Partners: consent ----------------------------------------------------------------------


def can_record_consent(user, young_person) -> bool:
    """Consent is collected with the young person by their Mission Locale's staff."""
    return can_edit_young_person(user, young_person)


def partner_categories(user, young_person) -> frozenset[str]:
    """What a partner user's structure may see of this file now, as the young person agreed
    (nothing for anyone else: staff see files through their own scope). Free text never."""
    from jalon.referrals.services import consented_categories

    if not (_is_active(user) and user.is_partner):
        return frozenset()
    return consented_categories(organisation_id=user.organisation_id, young_person=young_person)


# --- Transfers between Missions Locales -------------------------------------------------------

# Staff who follow young people decide where their file goes; reception orients, it does not
# hand files over.
TRANSFER_ROLES = frozenset({Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR})


def can_handle_transfers(user) -> bool:
    """Counsellors (CJML and justice referents included) and directors send and receive files:
    a move or a release from detention is part of the accompaniment."""
    return can_read_named_files(user) and user.role in TRANSFER_ROLES


def can_request_transfer(user, young_person) -> bool:
    """Only the Mission Locale holding the file may hand it to another one."""
    return (
        can_handle_transfers(user)
        and young_person.mission_locale_id == user.organisation_id
        and young_person.merged_into_id is None
    )


def scope_incoming_transfers(queryset: QuerySet, user) -> QuerySet:
    """The receiving Mission Locale sees the transfers sent to it (a preview, never the file)."""
    if not can_handle_transfers(user):
        return queryset.none()
    return queryset.filter(to_mission_locale_id=user.organisation_id)


def scope_transfers(queryset: QuerySet, user) -> QuerySet:
    """Transfers a user may open: those sent to their Mission Locale, and those it sent while
    it still holds the file (once accepted, the sender sees nothing of it any more)."""
    if not can_handle_transfers(user):
        return queryset.none()
    return queryset.filter(
        Q(to_mission_locale_id=user.organisation_id)
        | Q(
            from_mission_locale_id=user.organisation_id,
            young_person__mission_locale_id=user.organisation_id,
        ),
        young_person__merged_into__isnull=True,
        young_person__anonymised_at__isnull=True,
    )


def get_transfer_or_404(user, uid, queryset=None):
    from jalon.youngpeople.models import FileTransfer

    queryset = queryset if queryset is not None else FileTransfer.objects.all()
    try:
        return scope_transfers(queryset, user).get(uid=uid)
    except (FileTransfer.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Transfert introuvable.") from exc


def can_decide_transfer(user, transfer) -> bool:
    """The receiving Mission Locale accepts or refuses a pending transfer."""
    return (
        can_handle_transfers(user)
        and transfer.is_pending
        and transfer.to_mission_locale_id == user.organisation_id
    )


def can_cancel_transfer(user, transfer) -> bool:
    """The sending Mission Locale may withdraw its request until it is decided."""
    return (
        can_handle_transfers(user)
        and transfer.is_pending
        and transfer.from_mission_locale_id == user.organisation_id
    )


# --- Partners: liaison forms ----------------------------------------------------------------

# Mission Locale roles that handle a received form or send one: reception orients, it does not.
LIAISON_HANDLER_ROLES = frozenset(
    {Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR}
)


def _is_liaison_partner(user) -> bool:
    return _is_active(user) and user.is_partner and user.organisation_id is not None


def can_use_liaison_forms(user) -> bool:
    """Partners send and follow their forms; a Mission Locale's staff receive them."""
    return _is_liaison_partner(user) or can_read_named_files(user)


def can_send_liaison_form(user) -> bool:
    """A partner professional (CPIP, PJJ educator, ASE referent, France Travail adviser) orients
    a young person to a Mission Locale; a counsellor orients one of their Mission Locale's young
    people to a partner."""
    return _is_liaison_partner(user) or (
        can_read_named_files(user) and user.role in LIAISON_HANDLER_ROLES
    )


def scope_liaison_forms(queryset: QuerySet, user) -> QuerySet:
    """The forms a user's structure sent or received; nobody sees another structure's."""
    if not can_use_liaison_forms(user):
        return queryset.none()
    return queryset.filter(
        Q(sender_organisation_id=user.organisation_id)
        | Q(recipient_organisation_id=user.organisation_id)
    )


def get_liaison_form_or_404(user, uid, queryset=None):
    from jalon.referrals.models import LiaisonForm

    queryset = queryset if queryset is not None else LiaisonForm.objects.all()
    try:
        return scope_liaison_forms(queryset, user).get(uid=uid)
    except (LiaisonForm.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Fiche de liaison introuvable.") from exc


def can_handle_liaison_form(user, form) -> bool:
    """The recipient Mission Locale's counsellors, CJML, justice referent and director match a
    received form with a file and set the appointment."""
    from jalon.referrals.enums import LiaisonDirection

    return (
        can_read_named_files(user)
        and user.role in LIAISON_HANDLER_ROLES
        and form.direction == LiaisonDirection.TO_MISSION_LOCALE
        and form.recipient_organisation_id == user.organisation_id
    )


def can_answer_liaison_form_as_partner(user, form) -> bool:
    """A partner receiving a Mission Locale's form acknowledges, refuses or takes it up."""
    from jalon.referrals.enums import LiaisonDirection

    return (
        _is_liaison_partner(user)
        and form.direction == LiaisonDirection.TO_PARTNER
        and form.recipient_organisation_id == user.organisation_id
    )


def can_cancel_liaison_form(user, form) -> bool:
    """The sending structure withdraws its own form (any of its senders: colleagues cover)."""
    return can_send_liaison_form(user) and form.sender_organisation_id == user.organisation_id


def can_add_liaison_attachment(user, form) -> bool:
    """The sending structure completes its own form with documents; the recipient does not
    write into what it received."""
    return can_send_liaison_form(user) and form.sender_organisation_id == user.organisation_id


def can_read_liaison_internal_comment(user, form) -> bool:
    """The Mission Locale's own comments stay with its staff: never a partner (décret 2015-59)."""
    return can_read_named_files(user) and (
        form.recipient_organisation_id == user.organisation_id
        or form.sender_organisation_id == user.organisation_id
    )


def liaison_file_categories(user, form) -> frozenset[str]:
    """What a partner may see of the matched file through a form: what the consent allows."""
    if form.young_person_id is None:
        return frozenset()
    return partner_categories(user, form.young_person)


# --- Partners: shared follow-up, partner view, correspondents ------------------------------


def can_use_partner_portal(user) -> bool:
    """Partner professionals (CPIP, PJJ educators, ASE referents, France Travail advisers) have
    their own space; staff work in the files."""
    return _is_active(user) and user.is_partner and user.organisation_id is not None


def scope_partner_files(queryset: QuerySet, user) -> QuerySet:
    """The files a partner may open in the limited view: least privilege, both conditions at
    once and checked on every request, so ending either removes access at once:
    an active membership of the young person's follow-up group, AND an active consent of the
    young person for the partner's structure. A consent alone (without a group) gives nothing:
    the structure as a whole is not following the young person, one professional is."""
    from django.db.models import Exists, OuterRef

    from jalon.partners.models import FollowUpMember
    from jalon.referrals.models import Consent
    from jalon.youngpeople.enums import FileStatus

    if not can_use_partner_portal(user):
        return queryset.none()
    member = FollowUpMember.objects.active().filter(
        group__young_person=OuterRef("pk"), user_id=user.pk
    )
    consent = Consent.objects.active().filter(
        young_person=OuterRef("pk"), organisation_id=user.organisation_id
    )
    return (
        queryset.filter(Exists(member), Exists(consent))
        .live()
        .exclude(status=FileStatus.ANONYMISED)
    )


def get_partner_file_or_404(user, uid):
    """404, never 403: a partner does not learn that a file exists without consent."""
    from jalon.youngpeople.models import YoungPerson

    try:
        return scope_partner_files(YoungPerson.objects.all(), user).get(uid=uid)
    except (YoungPerson.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Dossier introuvable.") from exc


def can_manage_follow_up(user, young_person) -> bool:
    """The young person's Mission Locale builds the group, as it collects the consent."""
    return can_edit_young_person(user, young_person)


def scope_correspondents(queryset: QuerySet, user) -> QuerySet:
    """Professional contacts between two structures: seen by the people of either structure,
    and by pilots (who animate the network)."""
    if not _is_active(user):
        return queryset.none()
    if user.is_pilot or user.role == Role.ADMINISTRATOR:
        return queryset
    if user.organisation_id is None:
        return queryset.none()
    return queryset.filter(
        Q(organisation_id=user.organisation_id) | Q(counterpart_id=user.organisation_id)
    )


def can_manage_correspondents(user) -> bool:
    """Directors keep their Mission Locale's side of the directory up to date (both ways)."""
    return is_mission_locale_director(user)


def get_managed_correspondent_or_404(user, uid):
    """A correspondent one of whose two structures is the director's Mission Locale."""
    from jalon.partners.models import Correspondent

    if not can_manage_correspondents(user):
        raise Http404("Introuvable.")
    own = Q(organisation_id=user.organisation_id) | Q(counterpart_id=user.organisation_id)
    try:
        return Correspondent.objects.filter(own).get(uid=uid)
    except (Correspondent.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Introuvable.") from exc


def get_follow_up_member_or_404(user, uid):
    """A membership of a group of a file of the user's own Mission Locale."""
    from jalon.partners.models import FollowUpMember

    if not can_read_named_files(user):
        raise Http404("Introuvable.")
    try:
        return FollowUpMember.objects.select_related("user", "group__young_person").get(
            uid=uid, group__young_person__mission_locale_id=user.organisation_id
        )
    except (FollowUpMember.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Introuvable.") from exc


# --- Webhooks -------------------------------------------------------------------------------


def can_manage_webhooks(user) -> bool:
    """The director of a Mission Locale, or a partner professional (CPIP, PJJ educator, ASE
    referent) for their structure, connects their organisation's system to Jalon's events:
    they are the ones who receive these statuses anyway. Payloads carry identifiers only."""
    return (
        _is_active(user)
        and user.organisation_id is not None
        and (is_mission_locale_director(user) or user.is_partner)
    )


def can_manage_webhooks_of(user, organisation) -> bool:
    return can_manage_webhooks(user) and organisation.pk == user.organisation_id


def scope_webhook_subscriptions(queryset: QuerySet, user) -> QuerySet:
    if not can_manage_webhooks(user):
        return queryset.none()
    return queryset.filter(organisation_id=user.organisation_id)


def scope_webhook_deliveries(queryset: QuerySet, user) -> QuerySet:
    if not can_manage_webhooks(user):
        return queryset.none()
    return queryset.filter(subscription__organisation_id=user.organisation_id)


def get_webhook_subscription_or_404(user, uid):
    from jalon.webhooks.models import WebhookSubscription

    try:
        return scope_webhook_subscriptions(WebhookSubscription.objects.all(), user).get(uid=uid)
    except (WebhookSubscription.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Abonnement introuvable.") from exc


def get_webhook_delivery_or_404(user, uid):
    from jalon.webhooks.models import WebhookDelivery

    queryset = WebhookDelivery.objects.select_related("subscription__organisation")
    try:
        return scope_webhook_deliveries(queryset, user).get(uid=uid)
    except (WebhookDelivery.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Envoi introuvable.") from exc


# --- Obligation de formation 16-18 --------------------------------------------------------------

# Staff who accompany young people follow the obligation de formation: they contact, convoke and
# find solutions. Reception orients; it does not need the nominative lists of minors.
OBLIGATION_ROLES = frozenset({Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR})


def can_follow_obligation(user) -> bool:
    """The lists of school leavers are minors' data: the counsellors and the director of the
    Mission Locale that received them, nobody else (pilots count from aggregates)."""
    return can_read_named_files(user) and user.role in OBLIGATION_ROLES


def can_import_leaver_lists(user) -> bool:
    """The rectorat sends the lists to the Mission Locale; its counsellors (the ones who make
    the calls) and its director import them. CJML and justice referents work other publics."""
    return can_read_named_files(user) and user.role in {Role.COUNSELLOR, Role.DIRECTOR}


def can_report_to_departement(user) -> bool:
    """The report to the président du conseil départemental is the Mission Locale's official
    letter: its director prepares it, signs it and records its sending."""
    return is_mission_locale_director(user)


def scope_obligation(queryset: QuerySet, user) -> QuerySet:
    """Lists, cases and reports of the user's own Mission Locale; a case joined to an
    anonymised file is nobody's any more."""
    if not can_follow_obligation(user):
        return queryset.none()
    queryset = queryset.filter(mission_locale_id=user.organisation_id)
    if queryset.model._meta.label == "obligation.ObligationCase":
        queryset = queryset.exclude(young_person__anonymised_at__isnull=False)
    return queryset


def _get_obligation_record_or_404(user, queryset: QuerySet, uid, message: str):
    try:
        return scope_obligation(queryset, user).get(uid=uid)
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404(message) from exc


def get_obligation_case_or_404(user, uid, queryset=None):
    from jalon.obligation.models import ObligationCase

    queryset = queryset if queryset is not None else ObligationCase.objects.all()
    return _get_obligation_record_or_404(user, queryset, uid, "Situation introuvable.")


def get_leaver_list_or_404(user, uid):
    from jalon.obligation.models import LeaverList

    return _get_obligation_record_or_404(user, LeaverList.objects.all(), uid, "Liste introuvable.")


def get_departement_report_or_404(user, uid):
    from jalon.obligation.models import DepartementReport

    queryset = DepartementReport.objects.select_related("departement", "mission_locale")
    return _get_obligation_record_or_404(user, queryset, uid, "Signalement introuvable.")


def can_edit_obligation_case(user, case) -> bool:
    return can_follow_obligation(user) and case.mission_locale_id == user.organisation_id


# --- Justice (seed 000): penal situation, detention, TIG, CJML directory ---------------------

# Mission Locale staff habilitated for justice: the CJML, the justice referent, the director.
JUSTICE_ROLES = frozenset({Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR})
# Partner professionals of justice who may see the penal situation of a file they follow.
JUSTICE_PARTNER_ROLES = frozenset({Role.CPIP, Role.PJJ_EDUCATOR})


def is_justice_habilitated(user) -> bool:
    """The penal situation is known to the staff habilitated for justice (CJML, référent
    justice, director), not to every counsellor nor to reception: least privilege."""
    return can_read_named_files(user) and user.role in JUSTICE_ROLES


def _justice_partner_files(user) -> QuerySet:
    """Files a CPIP or PJJ educator follows in the group, with an active consent of their
    structure that shares "Parcours et situations" (the penal situation goes with them)."""
    from django.db.models import Exists, OuterRef

    from jalon.referrals.models import Consent
    from jalon.youngpeople.models import YoungPerson

    if not (can_use_partner_portal(user) and user.role in JUSTICE_PARTNER_ROLES):
        return YoungPerson.objects.none()
    pathway = Consent.objects.active().filter(
        young_person=OuterRef("pk"), organisation_id=user.organisation_id, shares_pathway=True
    )
    return scope_partner_files(YoungPerson.objects.all(), user).filter(Exists(pathway))


def can_read_public_detail(user, period) -> bool:
    """Every counsellor knows a young person is under justice (a priority public); the measure
    behind it (detention, open environment, PJJ placement) is penal information."""
    from jalon.youngpeople.enums import PriorityPublic

    return period.public != PriorityPublic.JUSTICE or is_justice_habilitated(user)


def can_read_penal_situation(user, young_person) -> bool:
    """Justice-habilitated staff of the file's Mission Locale, and the justice partners of the
    follow-up group as the young person's consent allows."""
    if is_justice_habilitated(user):
        return young_person.mission_locale_id == user.organisation_id
    return _justice_partner_files(user).filter(pk=young_person.pk).exists()


def can_record_penal_situation(user, young_person) -> bool:
    """Recording a measure, an adjustment, a leave or the release is the habilitated staff's."""
    return is_justice_habilitated(user) and young_person.mission_locale_id == user.organisation_id


def can_update_release_date(user, young_person) -> bool:
    """The foreseeable release date moves with the court's decisions: the SPIP or PJJ
    professional of the group knows it first and may update it, as the habilitated staff do."""
    return can_read_penal_situation(user, young_person)


def scope_penal_situations(queryset: QuerySet, user) -> QuerySet:
    """Anything penal (situations and what hangs on them) follows this scope."""
    if is_justice_habilitated(user):
        return queryset.filter(
            young_person__mission_locale_id=user.organisation_id,
            young_person__merged_into__isnull=True,
            young_person__anonymised_at__isnull=True,
        )
    return queryset.filter(young_person__in=_justice_partner_files(user))


def get_penal_situation_or_404(user, uid, queryset=None):
    from jalon.justice.models import PenalSituation

    queryset = queryset if queryset is not None else PenalSituation.objects.all()
    try:
        return scope_penal_situations(queryset, user).select_related("young_person").get(uid=uid)
    except (PenalSituation.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Situation introuvable.") from exc


def get_justice_file_or_404(user, uid):
    """A file whose penal situation the user may read; 404 otherwise, so that a counsellor
    without habilitation does not even learn that the file has a penal side."""
    from jalon.youngpeople.models import YoungPerson

    if is_justice_habilitated(user):
        return get_young_person_or_404(user, uid)
    try:
        return _justice_partner_files(user).get(uid=uid)
    except (YoungPerson.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Dossier introuvable.") from exc


def scope_tig_placements(queryset: QuerySet, user) -> QuerySet:
    """A TIG is a sentence: same scope as the penal situation."""
    return scope_penal_situations(queryset, user)


def get_tig_placement_or_404(user, uid):
    from jalon.justice.models import TigPlacement

    try:
        return scope_tig_placements(TigPlacement.objects.all(), user).get(uid=uid)
    except (TigPlacement.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("TIG introuvable.") from exc


def can_manage_tig_habilitation(user) -> bool:
    """The director records the Mission Locale's habilitation to host TIG."""
    return is_mission_locale_director(user)


def can_work_in_detention(user) -> bool:
    """Sessions in detention, commissions and job events are the justice staff's activity."""
    return is_justice_habilitated(user)


def scope_detention_activity(queryset: QuerySet, user) -> QuerySet:
    """A Mission Locale's sessions, commissions and job events: its justice staff only (they
    list young people under justice)."""
    if not can_work_in_detention(user):
        return queryset.none()
    return queryset.filter(mission_locale_id=user.organisation_id)


def get_detention_record_or_404(user, model, uid):
    try:
        return scope_detention_activity(model.objects.all(), user).get(uid=uid)
    except (model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Introuvable.") from exc


def can_manage_cjml_assignments(user) -> bool:
    """The director and the justice referent keep their CJML's time per establishment."""
    return can_read_named_files(user) and user.role in {Role.DIRECTOR, Role.JUSTICE_REFERENT}


def can_read_cjml_directory(user) -> bool:
    """The national CJML directory is professional information for every signed-in user:
    CPIP and PJJ educators look up whom to send a liaison form to."""
    return _is_active(user)


def can_read_justice_coverage(user) -> bool:
    """The coverage (zones blanches) and the orientations per establishment are aggregates for
    those who organise the CJML network: pilots, directors, justice referents, CJML."""
    return _is_active(user) and (
        user.is_pilot or user.role == Role.ADMINISTRATOR or is_justice_habilitated(user)
    )


# --- Alerts and worklist (issue #7) --------------------------------------------------------

# Who acts on the alerts of the Mission Locale's shared queue, by rule: a waiting liaison form
# goes to those its reminders go to (CJML, justice referent, director), a transfer to all; what
# reveals a penal situation only to the justice-habilitated; the report to the Département only
# to the director, who signs it.
ALERT_QUEUE_AUDIENCE = {
    "liaison_form_waiting": JUSTICE_ROLES,
    "transfer_waiting": TRANSFER_ROLES,
    "release_without_plan": JUSTICE_ROLES,
    "release_without_first_appointment": JUSTICE_ROLES,
    "obligation_without_solution": OBLIGATION_ROLES,
    "obligation_report_due": frozenset({Role.DIRECTOR}),
}
WORKLIST_ROLES = frozenset({Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT, Role.DIRECTOR})


def can_use_worklist(user) -> bool:
    """Those who hold a portfolio or handle what arrives; reception orients, it follows none."""
    return can_read_named_files(user) and user.role in WORKLIST_ROLES


def scope_alerts(queryset: QuerySet, user) -> QuerySet:
    """A counsellor's own alerts and the shared queue of their role; the director sees all the
    Mission Locale's alerts (to balance the load). Never a merged or anonymised file's."""
    if not can_use_worklist(user):
        return queryset.none()
    queryset = queryset.filter(mission_locale_id=user.organisation_id).exclude(
        Q(young_person__merged_into__isnull=False) | Q(young_person__anonymised_at__isnull=False)
    )
    if user.role == Role.DIRECTOR:
        return queryset
    queue_rules = [rule for rule, roles in ALERT_QUEUE_AUDIENCE.items() if user.role in roles]
    return queryset.filter(Q(counsellor=user) | Q(counsellor__isnull=True, rule__in=queue_rules))


def get_alert_or_404(user, uid):
    from jalon.alerts.models import Alert

    try:
        return scope_alerts(Alert.objects.select_related("young_person"), user).get(uid=uid)
    except (Alert.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Alerte introuvable.") from exc


def can_act_on_alert(user, alert) -> bool:
    return scope_alerts(type(alert).objects.filter(pk=alert.pk), user).exists()


def can_supervise_alerts(user) -> bool:
    """The director sees the alerts by counsellor, changes thresholds and reassigns files."""
    return is_mission_locale_director(user)


def can_reassign_young_people(user) -> bool:
    return is_mission_locale_director(user)


def can_hold_portfolio(user, counsellor) -> bool:
    """Files go to an active counsellor (CJML and justice referents included) of the user's
    own Mission Locale."""
    return (
        counsellor.is_active
        and counsellor.organisation_id == user.organisation_id
        and counsellor.role in (Role.COUNSELLOR, Role.CJML, Role.JUSTICE_REFERENT)
    )


# --- Child welfare: ASE follow-up (seed 002) -------------------------------------------------


def is_ase_referent(user) -> bool:
    """A professional of a Département's child-welfare service (ASE)."""
    return can_use_partner_portal(user) and user.role == Role.ASE_REFERENT


def can_use_ase_worklist(user) -> bool:
    """Mission Locale staff list their young people in ASE care; an ASE referent lists those
    of their Département who consented (the list only holds what each may see)."""
    return can_read_named_files(user) or is_ase_referent(user)


def _ase_partner_files(queryset: QuerySet, user) -> QuerySet:
    """Files an ASE referent may open: the partner view's conditions (active membership of the
    follow-up group and active consent), the consent covering the pathway (the ASE follow-up is
    part of it), and their Département in charge of the young person."""
    from django.db.models import Exists, OuterRef

    from jalon.referrals.models import Consent

    pathway_consent = Consent.objects.active().filter(
        young_person=OuterRef("pk"), organisation_id=user.organisation_id, shares_pathway=True
    )
    return scope_partner_files(queryset, user).filter(
        Exists(pathway_consent), ase_follow_up__departement_id=user.organisation_id
    )


def scope_ase_follow_ups(queryset: QuerySet, user) -> QuerySet:
    """Staff of the file's Mission Locale see its ASE follow-up, as the rest of the file; the
    Département's ASE referent sees the follow-ups of the files they may open; nobody else."""
    from jalon.youngpeople.models import YoungPerson

    if can_read_named_files(user):
        files = scope_young_people(YoungPerson.objects.all(), user)
    elif is_ase_referent(user):
        files = _ase_partner_files(YoungPerson.objects.all(), user)
    else:
        return queryset.none()
    return queryset.filter(young_person__in=files.values("pk"))


def get_ase_file_or_404(user, uid):
    """The young person whose ASE follow-up the user may open (it may not exist yet for staff).

    404 for anyone else: a partner does not learn that a file exists without consent."""
    from jalon.youngpeople.models import YoungPerson

    if is_ase_referent(user):
        try:
            return _ase_partner_files(YoungPerson.objects.all(), user).get(uid=uid)
        except (YoungPerson.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
            raise Http404("Dossier introuvable.") from exc
    return get_young_person_or_404(user, uid)


def get_ase_record_or_404(user, queryset: QuerySet, uid):
    """An interview, autonomy project or CEJ proposal, if the user may open its follow-up."""
    from jalon.childwelfare.models import AseFollowUp

    follow_ups = scope_ase_follow_ups(AseFollowUp.objects.all(), user)
    try:
        return (
            queryset.filter(follow_up__in=follow_ups)
            .select_related("follow_up__young_person")
            .get(uid=uid)
        )
    except (queryset.model.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Introuvable.") from exc


def can_open_ase_follow_up(user, young_person) -> bool:
    """The Mission Locale records that a young person is in ASE care: its counsellors and
    director (reception orients; the follow-up is a counsellor's work)."""
    return can_edit_young_person(user, young_person) and user.role != Role.RECEPTION


def can_edit_ase_follow_up(user, follow_up) -> bool:
    """The young person's Mission Locale (counsellors, director) and the Département's ASE
    referent allowed to open the file work on the same follow-up: status, referent, interview
    at 17, autonomy project. The referent's access is checked again on every request (consent
    and membership), so withdrawing either stops it at once."""
    young_person = follow_up.young_person
    if is_ase_referent(user):
        return _ase_partner_files(
            type(young_person).objects.filter(pk=young_person.pk), user
        ).exists()
    return can_open_ase_follow_up(user, young_person)


def can_record_cej_proposal(user, follow_up) -> bool:
    """The CEJ is the Mission Locale's programme: its counsellors propose it and record the
    answer; the Département sees it."""
    return can_open_ase_follow_up(user, follow_up.young_person)


def can_read_ase_internal_comment(user, follow_up) -> bool:
    """The Mission Locale's comment never leaves it (décret 2015-59): no partner reads it."""
    return can_read_named_files(user) and (
        follow_up.young_person.mission_locale_id == user.organisation_id
    )


def get_ase_follow_up_or_404(user, uid):
    """A follow-up by its own uid (the API of the Départements' systems), fetched and
    authorised in one step."""
    from jalon.childwelfare.models import AseFollowUp

    try:
        return (
            scope_ase_follow_ups(AseFollowUp.objects.all(), user)
            .select_related("young_person__mission_locale")
            .get(uid=uid)
        )
    except (AseFollowUp.DoesNotExist, ValidationError, ValueError, TypeError) as exc:
        raise Http404("Suivi introuvable.") from exc


# --- Pilotage of the agreements: co-financing, territorial context, governance (issue #8) ----

# What the pilots of the justice agreement record (seed 000, axis 3 and annex 3). An ARML pilot
# records what happens in their region: regional steering committees, the practice exchanges the
# ARML organises and the tools it produces; national committees and the ENAP / ENPJJ sessions are
# national events, recorded by the UNML.
GOVERNANCE_REGIONAL_KINDS = frozenset({"regional_committee", "practice_exchange", "tool"})


def can_compute_cofinancing(user) -> bool:
    """Sharing the Ministry of Justice's envelope (annex 5) among regions or Missions Locales
    is the pilots' work: the UNML nationally, the ARML for the conventions of its region."""
    return _is_active(user) and user.is_pilot


def can_import_territorial_context(user) -> bool:
    """Population and job-seeker figures are national reference data (INSEE, France Travail):
    one national administrator loads them for everyone, with their source and year."""
    return is_administrator(user)


def can_read_territorial_context(user) -> bool:
    """The territorial context is aggregated figures: those who read aggregates, on their scope
    (`aggregate_scope`: the nation, the ARML's region, the director's Mission Locale)."""
    return can_read_aggregates(user)


def can_read_governance(user) -> bool:
    """Governance of the agreement is the pilots' business; it holds no personal data."""
    return _is_active(user) and user.is_pilot


def scope_governance_records(queryset: QuerySet, user) -> QuerySet:
    """The national pilot reads everything; an ARML pilot national records and their region's."""
    if not can_read_governance(user):
        return queryset.none()
    if user.role == Role.NATIONAL_PILOT:
        return queryset
    return queryset.filter(Q(region__isnull=True) | Q(region_id=user.organisation.region_id))


def get_governance_record_or_404(user, uid, queryset=None):
    from jalon.governance.models import GovernanceRecord

    queryset = scope_governance_records(
        queryset if queryset is not None else GovernanceRecord.objects.all(), user
    )
    try:
        return queryset.get(uid=uid)
    except (GovernanceRecord.DoesNotExist, ValidationError, ValueError) as exc:
        raise Http404("Enregistrement introuvable.") from exc


def can_record_governance(user, *, kind: str, region_id: int | None) -> bool:
    """The national pilot records national records (no region) and may record any region's;
    an ARML pilot records the regional kinds for their own region only."""
    if not can_read_governance(user):
        return False
    if user.role == Role.NATIONAL_PILOT:
        return True
    return (
        kind in GOVERNANCE_REGIONAL_KINDS
        and region_id is not None
        and region_id == user.organisation.region_id
    )


def can_record_governance_events(user) -> bool:
    """The national pilot, and an ARML pilot whose association is attached to a region."""
    return can_read_governance(user) and (
        user.role == Role.NATIONAL_PILOT or user.organisation.region_id is not None
    )


def can_edit_governance_record(user, record) -> bool:
    return can_record_governance(user, kind=record.kind, region_id=record.region_id)


def governance_regions(user) -> QuerySet:
    """The regions a user may record governance events for."""
    from jalon.network.models import Region

    if not can_read_governance(user):
        return Region.objects.none()
    if user.role == Role.NATIONAL_PILOT:
        return Region.objects.all()
    return Region.objects.filter(pk=user.organisation.region_id)


def can_answer_barometer(user) -> bool:
    """The cooperation barometer (seed 000, axis 1 action 2) is opened to the CJML of the
    Missions Locales; each answers for themself, once a year."""
    return _is_active(user) and user.role == Role.CJML and user.organisation_id is not None


def barometer_regions(user) -> QuerySet:
    """Regions whose aggregated barometer results a pilot reads (never an answer alone)."""
    return governance_regions(user)


# --- Reporting: indicators (issue #8) --------------------------------------------------------


def can_read_indicators(user) -> bool:
    """Mission Locale staff read the indicators of their own Mission Locale; pilots (ARML,
    UNML) read the anonymised aggregates of their territory (seed 003 §2: regional and national
    steering of the CPO)."""
    return can_read_named_files(user) or (_is_active(user) and user.is_pilot)


def indicator_missions_locales(user) -> QuerySet:
    """The Missions Locales whose young people a user's indicators count."""
    from jalon.network.models import Organisation

    if can_read_named_files(user):
        return Organisation.objects.missions_locales().filter(pk=user.organisation_id)
    if can_read_indicators(user):
        return aggregate_scope(user)
    return Organisation.objects.none()


def indicators_are_anonymised(user) -> bool:
    """What leaves a Mission Locale for a pilot is anonymised (décret 2015-59: anonymised data
    only for pilots and financers); its own staff already see every file, figures included."""
    return not can_read_named_files(user)


def indicator_breakdowns(user) -> tuple[str, ...]:
    """How a Mission Locale's figures may be split: by site for its staff, by counsellor too
    for its director (who organises the portfolios); pilots stop at the Mission Locale."""
    if not can_read_named_files(user):
        return ()
    if is_mission_locale_director(user):
        return ("site", "referent")
    return ("site",)


def can_read_penal_indicators(user) -> bool:
    """Justice figures (releases, leaves, measures) split by site or counsellor point at a few
    people: in a Mission Locale they are for the staff habilitated for justice; pilots read
    them anonymised (the agreement's yearly transmission)."""
    return is_justice_habilitated(user) or (_is_active(user) and user.is_pilot)


def can_list_young_people_counted(user) -> bool:
    """Staff open any figure of their Mission Locale to the young people it counts; pilots
    never reach a person."""
    return can_read_named_files(user)


def scope_counted_young_people(queryset: QuerySet, user) -> QuerySet:
    """The young people behind a figure that a user may see: those of their own files."""
    if not can_list_young_people_counted(user):
        return queryset.none()
    return scope_young_people(queryset, user)

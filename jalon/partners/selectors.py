"""What a partner may read of a file, built from an explicit whitelist per consent category.

The limited view is a dataclass, never a model instance: a field added to a model later does
not reach a partner until someone adds it here, to the category the young person consents to.
Free text (comments, notes, conclusions written by the Mission Locale, appointment subjects
and places) is in no category and never leaves the Mission Locale (décret 2015-59); neither do
health or justice details (priority publics, diagnostic areas).
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from jalon import policy
from jalon.partners.models import Correspondent, FollowUpMember, FollowUpNote
from jalon.referrals.enums import ConsentCategory
from jalon.scheduling.enums import AppointmentStatus
from jalon.scheduling.models import Appointment
from jalon.youngpeople.models import YoungPerson


@dataclass(frozen=True)
class ProfessionalContact:
    name: str
    organisation: str
    phone: str
    email: str


@dataclass(frozen=True)
class SharedIdentity:
    last_name: str
    first_names: str
    birth_date: datetime.date
    phone: str
    email: str
    commune: str


@dataclass(frozen=True)
class SharedAppointment:
    starts_at: datetime.datetime
    mode_label: str
    counsellor: str


@dataclass(frozen=True)
class SharedPathway:
    kind: str
    kind_label: str
    start_date: datetime.date
    planned_end_date: datetime.date


@dataclass(frozen=True)
class SharedSituation:
    label: str
    start_date: datetime.date
    end_date: datetime.date | None


@dataclass(frozen=True)
class SharedDiagnostic:
    completed_on: datetime.date
    recommended_next_step_label: str


@dataclass(frozen=True)
class PartnerFile:
    uid: object
    categories: frozenset
    mission_locale: ProfessionalContact
    referent: ProfessionalContact | None
    identity: SharedIdentity | None = None
    next_appointment: SharedAppointment | None = None
    pathway: SharedPathway | None = None
    situation: SharedSituation | None = None
    diagnostic: SharedDiagnostic | None = None

    @property
    def display_name(self) -> str:
        if self.identity is None:
            return "Jeune (identité non partagée)"
        return f"{self.identity.last_name.upper()} {self.identity.first_names}"

    @property
    def category_labels(self) -> list[str]:
        return [label for value, label in ConsentCategory.choices if value in self.categories]


def _contact(user) -> ProfessionalContact | None:
    if user is None:
        return None
    return ProfessionalContact(
        name=user.get_full_name(),
        organisation=str(user.organisation or ""),
        phone=user.phone,
        email=user.email,
    )


def partner_file(young_person: YoungPerson, categories: frozenset) -> PartnerFile:
    """The limited view of one file for a partner whose structure has `categories`."""
    from jalon.pathways import selectors as pathway_selectors

    ml = young_person.mission_locale
    shared = {}
    if ConsentCategory.IDENTITY in categories:
        shared["identity"] = SharedIdentity(
            last_name=young_person.last_name,
            first_names=young_person.first_names,
            birth_date=young_person.birth_date,
            phone=young_person.phone,
            email=young_person.email,
            commune=young_person.commune.name if young_person.commune_id else "",
        )
    if ConsentCategory.APPOINTMENTS in categories:
        appointment = (
            Appointment.objects.filter(
                young_person=young_person,
                starts_at__gte=timezone.now(),
                status=AppointmentStatus.PLANNED,
            )
            .select_related("counsellor")
            .order_by("starts_at")
            .first()
        )
        if appointment is not None:
            shared["next_appointment"] = SharedAppointment(
                starts_at=appointment.starts_at,
                mode_label=appointment.get_mode_display(),
                counsellor=appointment.counsellor.get_full_name(),
            )
    if ConsentCategory.PATHWAY in categories:
        pathway = pathway_selectors.active_pathway(young_person)
        if pathway is not None:
            shared["pathway"] = SharedPathway(
                kind=pathway.kind,
                kind_label=pathway.get_kind_display(),
                start_date=pathway.start_date,
                planned_end_date=pathway.planned_end_date,
            )
        situation = pathway_selectors.current_situation(young_person)
        if situation is not None:
            shared["situation"] = SharedSituation(
                label=situation.label, start_date=situation.start_date, end_date=situation.end_date
            )
    if ConsentCategory.DIAGNOSTIC in categories:
        diagnostic = (
            young_person.diagnostics.filter(completed_on__isnull=False)
            .order_by("-completed_on")
            .first()
        )
        if diagnostic is not None:
            shared["diagnostic"] = SharedDiagnostic(
                completed_on=diagnostic.completed_on,
                recommended_next_step_label=diagnostic.get_recommended_next_step_display(),
            )
    return PartnerFile(
        uid=young_person.uid,
        categories=frozenset(categories),
        mission_locale=ProfessionalContact(
            name=ml.name, organisation=ml.name, phone=ml.phone, email=ml.email
        ),
        referent=_contact(young_person.referent),
        **shared,
    )


def _partner_queryset(user):
    return (
        policy.scope_partner_files(YoungPerson.objects.all(), user)
        .select_related("mission_locale", "commune", "referent__organisation")
        .prefetch_related("pathways", "situations")
    )


def partner_files(user) -> list[tuple[YoungPerson, PartnerFile]]:
    """The files a partner follows, each as their structure's consent allows."""
    return [
        (young_person, partner_file(young_person, policy.partner_categories(user, young_person)))
        for young_person in _partner_queryset(user).order_by("last_name", "first_names")
    ]


def partner_file_for(user, uid) -> tuple[YoungPerson, PartnerFile]:
    """Fetch-and-authorise in one step (404 otherwise), then the limited view."""
    young_person = policy.get_partner_file_or_404(user, uid)
    young_person = _partner_queryset(user).get(pk=young_person.pk)
    return young_person, partner_file(young_person, policy.partner_categories(user, young_person))


def group_members(young_person):
    return (
        FollowUpMember.objects.filter(group__young_person=young_person)
        .select_related("user__organisation")
        .order_by("end_date", "start_date")
    )


def group_notes(young_person):
    return FollowUpNote.objects.filter(group__young_person=young_person).select_related(
        "author__organisation"
    )


def correspondents_for(user):
    """Current correspondents the user may see: who to call, per structure."""
    return (
        policy.scope_correspondents(Correspondent.objects.current(), user)
        .select_related("organisation", "counterpart")
        .order_by("counterpart__name", "organisation__name", "person_name")
    )

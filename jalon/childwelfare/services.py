"""Writes of the ASE follow-up: keyword-only, one transaction each, the policy and the rules
checked first, every change journalled (free text only marked as filled)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.childwelfare import rules
from jalon.childwelfare.enums import AutonomyArea, CejDecision
from jalon.childwelfare.models import (
    AgeSeventeenInterview,
    AseFollowUp,
    AutonomyProject,
    AutonomyProjectArea,
    CejProposal,
)
from jalon.core.encryption import redact
from jalon.core.versioning import check_version, update_with_version
from jalon.youngpeople.enums import PriorityPublic
from jalon.youngpeople.models import PriorityPublicPeriod
from jalon.youngpeople.rules import check_no_nul_characters, normalize_phone

FOLLOW_UP_FIELDS = (
    "departement",
    "taken_into_care_on",
    "departement_referent",
    "referent_name",
    "referent_phone",
    "referent_email",
    "requested_by_departement_on",
    "first_contact_on",
    "registration_proposed_on",
    "registered_on",
    "bilan_diagnostic",
    "internal_comment",
)
# What the Département's referent may change: everything but the Mission Locale's own facts
# (its comment, the diagnostic it made, the registration the young person made with it).
REFERENT_FOLLOW_UP_FIELDS = (
    "taken_into_care_on",
    "departement_referent",
    "referent_name",
    "referent_phone",
    "referent_email",
    "requested_by_departement_on",
)
INTERVIEW_FIELDS = (
    "planned_on",
    "held_on",
    "held_jointly",
    "ml_participant",
    "departement_participant",
    "trusted_person_present",
)
PROJECT_FIELDS = ("drawn_up_on", "built_jointly", "ml_participant", "departement_participant")


def _values(instance, fields) -> dict:
    """JSON-ready values (links as their id); encrypted text only marked as filled."""
    values = {}
    for name in fields:
        value = getattr(instance, instance._meta.get_field(name).attname)
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return redact(type(instance), values)


def _clean_text(model, data: dict) -> dict:
    """Stripped text within its column's length, without NUL characters (French refusals)."""
    check_no_nul_characters(data)
    cleaned = {
        name: value.strip() if isinstance(value, str) else value for name, value in data.items()
    }
    rules.check_lengths(model, cleaned)
    return cleaned


def _clean_follow_up(data: dict) -> dict:
    cleaned = _clean_text(AseFollowUp, data)
    if cleaned.get("referent_phone"):
        try:
            cleaned["referent_phone"] = normalize_phone(cleaned["referent_phone"])
        except ValidationError as error:
            raise ValidationError({"referent_phone": error.message_dict["phone"]}) from error
    rules.check_email(cleaned.get("referent_email") or "", "referent_email")
    return cleaned


def current_ase_period(young_person, on=None):
    """The ASE status in force (the young person's ASE priority public period), or None."""
    on = on or timezone.localdate()
    return (
        PriorityPublicPeriod.objects.active_on(on)
        .filter(young_person=young_person, public=PriorityPublic.ASE)
        .order_by("-start_date", "-pk")
        .first()
    )


def _check_follow_up(follow_up: AseFollowUp, today) -> None:
    rules.check_follow_up(
        birth_date=follow_up.young_person.birth_date,
        departement=follow_up.departement,
        taken_into_care_on=follow_up.taken_into_care_on,
        departement_referent=follow_up.departement_referent,
        referent_name=follow_up.referent_name,
        requested_by_departement_on=follow_up.requested_by_departement_on,
        first_contact_on=follow_up.first_contact_on,
        registration_proposed_on=follow_up.registration_proposed_on,
        registered_on=follow_up.registered_on,
        bilan_diagnostic=follow_up.bilan_diagnostic,
        young_person_id=follow_up.young_person_id,
        today=today,
    )


@transaction.atomic
def ase_follow_up_open(
    *, actor, young_person, data: dict, status: str, status_start, channel="web"
) -> AseFollowUp:
    """Record that a young person is in ASE care: the follow-up and its first status.

    When the file already has an ASE priority public in force, it is the status: nothing is
    duplicated; otherwise the status opens the ASE priority public period."""
    if not policy.can_open_ase_follow_up(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas ouvrir le suivi ASE de ce dossier.")
    if AseFollowUp.objects.filter(young_person=young_person).exists():
        raise ValidationError("Le suivi ASE de ce jeune est déjà ouvert.")
    data = _clean_follow_up({name: data.get(name) for name in FOLLOW_UP_FIELDS if name in data})
    follow_up = AseFollowUp(young_person=young_person, created_by=actor)
    for name, value in data.items():
        setattr(follow_up, name, value if value is not None else _empty(name))
    today = timezone.localdate()
    _check_follow_up(follow_up, today)
    current = current_ase_period(young_person, today)
    if current is None:
        rules.check_ase_status(
            status=status,
            start_date=status_start,
            birth_date=young_person.birth_date,
            current_start=None,
            today=today,
        )
    follow_up.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=follow_up,
        young_person=young_person,
        changes={name: [None, value] for name, value in _values(follow_up, data).items()},
        channel=channel,
    )
    if current is None:
        _open_status(actor, follow_up, status, status_start, channel)
    return follow_up


def _empty(name: str):
    return AseFollowUp._meta.get_field(name).get_default()


@transaction.atomic
def ase_follow_up_update(
    *, actor, follow_up: AseFollowUp, data: dict, expected_version: int, channel="web"
) -> AseFollowUp:
    """Change the given fields; the Département's referent changes only the Département's."""
    if not policy.can_edit_ase_follow_up(actor, follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    allowed = REFERENT_FOLLOW_UP_FIELDS if policy.is_ase_referent(actor) else FOLLOW_UP_FIELDS
    refused = set(data) - set(allowed)
    if refused:
        raise PermissionDenied("Ces informations relèvent de la Mission Locale.")
    check_version(follow_up, expected_version)
    data = _clean_follow_up(data)
    before = _values(follow_up, FOLLOW_UP_FIELDS)
    for name, value in data.items():
        setattr(follow_up, name, value if value is not None else _empty(name))
    _check_follow_up(follow_up, timezone.localdate())
    changes = audit.diff(before, _values(follow_up, FOLLOW_UP_FIELDS))
    if changes:
        update_with_version(follow_up, expected_version, list(FOLLOW_UP_FIELDS))
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=follow_up,
            young_person=follow_up.young_person,
            changes=changes,
            channel=channel,
        )
    return follow_up


def _open_status(actor, follow_up, status, start_date, channel) -> PriorityPublicPeriod:
    period = PriorityPublicPeriod.objects.create(
        young_person=follow_up.young_person,
        public=PriorityPublic.ASE,
        detail=status,
        start_date=start_date,
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=follow_up,
        young_person=follow_up.young_person,
        changes={"statut_ase": [None, period.get_detail_display()], "depuis": [None, start_date]},
        channel=channel,
    )
    return period


@transaction.atomic
def ase_status_change(
    *, actor, follow_up: AseFollowUp, status: str, start_date, channel="web"
) -> PriorityPublicPeriod:
    """A new ASE status from `start_date`: the one in force ends the day before (history)."""
    if not policy.can_edit_ase_follow_up(actor, follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    young_person = follow_up.young_person
    # Serialises two status changes of the same file.
    AseFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    today = timezone.localdate()
    current = current_ase_period(young_person, today)
    rules.check_ase_status(
        status=status,
        start_date=start_date,
        birth_date=young_person.birth_date,
        current_start=current.start_date if current else None,
        today=today,
    )
    if current is not None:
        current.end_date = start_date - datetime.timedelta(days=1)
        current.save(update_fields=["end_date"])
    return _open_status(actor, follow_up, status, start_date, channel)


@transaction.atomic
def ase_status_end(*, actor, follow_up: AseFollowUp, end_date, channel="web"):
    """The end of the ASE care (return to the family, end of the young adult contract, 21)."""
    if not policy.can_edit_ase_follow_up(actor, follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    AseFollowUp.objects.select_for_update().get(pk=follow_up.pk)
    today = timezone.localdate()
    current = current_ase_period(follow_up.young_person, today)
    rules.check_ase_end(
        end_date=end_date, current_start=current.start_date if current else None, today=today
    )
    current.end_date = end_date
    current.save(update_fields=["end_date"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=follow_up,
        young_person=follow_up.young_person,
        changes={f"fin {current.get_detail_display()}": [None, end_date.isoformat()]},
        channel=channel,
    )
    return current


def _check_interview(interview: AgeSeventeenInterview, today) -> None:
    young_person = interview.follow_up.young_person
    rules.check_interview(
        planned_on=interview.planned_on,
        held_on=interview.held_on,
        held_jointly=interview.held_jointly,
        ml_participant=interview.ml_participant,
        mission_locale_id=young_person.mission_locale_id,
        birth_date=young_person.birth_date,
        today=today,
    )


@transaction.atomic
def interview_record(
    *, actor, follow_up: AseFollowUp, data: dict, channel="web"
) -> AgeSeventeenInterview:
    """Plan or record the interview at 17 (renewed exceptionally: several may exist)."""
    if not policy.can_edit_ase_follow_up(actor, follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    data = _clean_text(
        AgeSeventeenInterview, {name: data.get(name) for name in INTERVIEW_FIELDS if name in data}
    )
    interview = AgeSeventeenInterview(follow_up=follow_up, recorded_by=actor)
    for name, value in data.items():
        setattr(interview, name, value if value is not None else _field_default(interview, name))
    _check_interview(interview, timezone.localdate())
    interview.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=interview,
        young_person=follow_up.young_person,
        changes={name: [None, value] for name, value in _values(interview, data).items()},
        channel=channel,
    )
    return interview


def _field_default(instance, name):
    return instance._meta.get_field(name).get_default()


@transaction.atomic
def interview_update(
    *, actor, interview: AgeSeventeenInterview, data: dict, expected_version: int, channel="web"
) -> AgeSeventeenInterview:
    """Typically: the planned interview was held (date, binôme, who)."""
    if not policy.can_edit_ase_follow_up(actor, interview.follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    check_version(interview, expected_version)
    data = _clean_text(
        AgeSeventeenInterview, {name: data[name] for name in INTERVIEW_FIELDS if name in data}
    )
    before = _values(interview, INTERVIEW_FIELDS)
    for name, value in data.items():
        setattr(interview, name, value if value is not None else _field_default(interview, name))
    _check_interview(interview, timezone.localdate())
    changes = audit.diff(before, _values(interview, INTERVIEW_FIELDS))
    if changes:
        update_with_version(interview, expected_version, list(INTERVIEW_FIELDS))
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=interview,
            young_person=interview.follow_up.young_person,
            changes=changes,
            channel=channel,
        )
    return interview


def _check_project(project: AutonomyProject, areas: dict, today) -> None:
    young_person = project.follow_up.young_person
    rules.check_autonomy_project(
        drawn_up_on=project.drawn_up_on,
        built_jointly=project.built_jointly,
        ml_participant=project.ml_participant,
        areas=areas,
        mission_locale_id=young_person.mission_locale_id,
        birth_date=young_person.birth_date,
        today=today,
    )


def _normalise_areas(areas: dict) -> dict:
    """{area: (objectives, actions)} stripped; NUL characters refused like everywhere."""
    cleaned = {}
    for area, (objectives, actions) in (areas or {}).items():
        check_no_nul_characters({"areas": objectives or "", f"{area}_actions": actions or ""})
        cleaned[area] = ((objectives or "").strip(), (actions or "").strip())
    return cleaned


def _save_areas(project: AutonomyProject, areas: dict) -> list[str]:
    """Replace the project's areas by the filled ones; the names of the filled areas."""
    project.areas.all().delete()
    filled = [
        AutonomyProjectArea(project=project, area=area, objectives=objectives, actions=actions)
        for area, (objectives, actions) in areas.items()
        if objectives or actions
    ]
    AutonomyProjectArea.objects.bulk_create(filled)
    return sorted(AutonomyArea(row.area).label for row in filled)


@transaction.atomic
def autonomy_project_record(
    *, actor, follow_up: AseFollowUp, data: dict, areas: dict, channel="web"
) -> AutonomyProject:
    """`areas`: {area: (objectives, actions)}; empty areas are not kept."""
    if not policy.can_edit_ase_follow_up(actor, follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    data = _clean_text(
        AutonomyProject, {name: data.get(name) for name in PROJECT_FIELDS if name in data}
    )
    areas = _normalise_areas(areas)
    project = AutonomyProject(follow_up=follow_up, recorded_by=actor)
    for name, value in data.items():
        setattr(project, name, value if value is not None else _field_default(project, name))
    _check_project(project, areas, timezone.localdate())
    project.save()
    filled = _save_areas(project, areas)
    changes = {name: [None, value] for name, value in _values(project, data).items()}
    changes["domaines"] = [None, ", ".join(filled)]
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=project,
        young_person=follow_up.young_person,
        changes=changes,
        channel=channel,
    )
    return project


@transaction.atomic
def autonomy_project_update(
    *,
    actor,
    project: AutonomyProject,
    data: dict,
    areas: dict,
    expected_version: int,
    channel="web",
) -> AutonomyProject:
    if not policy.can_edit_ase_follow_up(actor, project.follow_up):
        raise PermissionDenied("Vous ne pouvez pas modifier ce suivi ASE.")
    check_version(project, expected_version)
    data = _clean_text(
        AutonomyProject, {name: data[name] for name in PROJECT_FIELDS if name in data}
    )
    areas = _normalise_areas(areas)
    before = _values(project, PROJECT_FIELDS)
    before_areas = {row.area: (row.objectives, row.actions) for row in project.areas.all()}
    for name, value in data.items():
        setattr(project, name, value if value is not None else _field_default(project, name))
    _check_project(project, areas, timezone.localdate())
    changes = audit.diff(before, _values(project, PROJECT_FIELDS))
    kept_areas = {area: texts for area, texts in areas.items() if any(texts)}
    if kept_areas != before_areas:
        changes["domaines"] = ["modifiés", ", ".join(_save_areas(project, areas))]
    if changes:
        update_with_version(project, expected_version, list(PROJECT_FIELDS))
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=project,
            young_person=project.follow_up.young_person,
            changes=changes,
            channel=channel,
        )
    return project


@transaction.atomic
def cej_propose(*, actor, follow_up: AseFollowUp, proposed_on, channel="web") -> CejProposal:
    if not policy.can_record_cej_proposal(actor, follow_up):
        raise PermissionDenied("La proposition de CEJ est faite par la Mission Locale.")
    young_person = follow_up.young_person
    rules.check_cej_proposal(
        proposed_on=proposed_on,
        birth_date=young_person.birth_date,
        public_periods=list(young_person.public_periods.all()),
        today=timezone.localdate(),
    )
    if follow_up.cej_proposals.filter(decision=CejDecision.PENDING).exists():
        raise ValidationError(
            {"proposed_on": "Une proposition attend déjà la réponse du jeune : enregistrez-la."}
        )
    proposal = CejProposal.objects.create(
        follow_up=follow_up, proposed_on=proposed_on, proposed_by=actor
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=proposal,
        young_person=young_person,
        changes={"cej_propose_le": [None, proposed_on.isoformat()]},
        channel=channel,
    )
    return proposal


@transaction.atomic
def cej_decide(
    *, actor, proposal: CejProposal, decision: str, decided_on, channel="web"
) -> CejProposal:
    """The young person's answer: accepted (the counsellor then opens the CEJ) or refused."""
    if not policy.can_record_cej_proposal(actor, proposal.follow_up):
        raise PermissionDenied("La proposition de CEJ est suivie par la Mission Locale.")
    locked = CejProposal.objects.select_for_update().get(pk=proposal.pk)
    rules.check_cej_decision(
        proposal=locked, decision=decision, decided_on=decided_on, today=timezone.localdate()
    )
    locked.decision = decision
    locked.decided_on = decided_on
    locked.decision_recorded_by = actor
    locked.save(update_fields=["decision", "decided_on", "decision_recorded_by"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=locked,
        young_person=proposal.follow_up.young_person,
        changes={"reponse": [CejDecision.PENDING, decision], "le": [None, decided_on.isoformat()]},
        channel=channel,
    )
    return locked

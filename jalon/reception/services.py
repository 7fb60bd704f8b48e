"""Every write of outreach, first reception and diagnostic (one transaction each).

Each service checks the policy and the rules, then writes the audit journal with the young
person concerned, so that the director reads it in the file's history.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.core.encryption import redact
from jalon.core.versioning import check_version, update_with_version
from jalon.reception import rules
from jalon.reception.enums import Area, InterviewMode, ReceptionOutcome
from jalon.reception.models import (
    Diagnostic,
    DiagnosticArea,
    DiagnosticInterview,
    FirstReception,
    OutreachContact,
)
from jalon.youngpeople.rules import check_no_nul_characters

RECEPTION_FIELDS = (
    "received_on",
    "site",
    "mode",
    "outcome",
    "topic",
    "oriented_to",
    "oriented_to_text",
    "notes",
)
OUTREACH_FIELDS = (
    "contacted_on",
    "place",
    "commune",
    "made_by",
    "partner",
    "first_name",
    "last_name",
    "approximate_age",
    "birth_date",
    "outcome",
    "notes",
)


class _Errors:
    """Gathers the errors of several rules into one ValidationError keyed by field."""

    def __init__(self):
        self.by_field: dict[str, list[str]] = {}

    def collect(self, check, *args, **kwargs):
        try:
            return check(*args, **kwargs)
        except ValidationError as error:
            items = (
                error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
            )
            for field, messages in items.items():
                known = self.by_field.setdefault(field, [])
                known.extend(m for m in messages if m not in known)

    def full_clean(self, instance, exclude):
        self.collect(instance.full_clean, exclude=exclude)

    def raise_if_any(self):
        if self.by_field:
            raise ValidationError(self.by_field)


def _values(instance, fields) -> dict:
    """JSON-ready values of the given fields (foreign keys as their id), empty ones left out.

    Encrypted fields are only marked as filled: the journal never holds their text in clear.
    """
    values = {}
    for name in fields:
        value = getattr(instance, instance._meta.get_field(name).attname)
        if value in ("", None):
            continue
        values[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return redact(type(instance), values)


def _set(instance, fields, data: dict) -> None:
    for name in fields:
        if name in data:
            value = data[name]
            if value is None:
                value = instance._meta.get_field(name).get_default()
            setattr(instance, name, value)


# --- First reception ------------------------------------------------------------------------


@transaction.atomic
def reception_create(*, actor, young_person, data: dict, channel: str = "web") -> FirstReception:
    """Record a first reception (level 1) and what it led to."""
    if not policy.can_record_reception(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas enregistrer d'accueil pour ce jeune.")
    reception = FirstReception(young_person=young_person, received_by=actor)
    _set(reception, RECEPTION_FIELDS, data)
    # Details that do not belong to the chosen outcome are dropped rather than kept hidden.
    if reception.outcome != ReceptionOutcome.ONE_OFF_ANSWER:
        reception.topic = ""
    if reception.outcome != ReceptionOutcome.EXTERNAL_ORIENTATION:
        reception.oriented_to = None
        reception.oriented_to_text = ""
    today = timezone.localdate()
    errors = _Errors()
    errors.collect(check_no_nul_characters, _values(reception, RECEPTION_FIELDS))
    errors.collect(rules.check_not_in_future, reception.received_on, "received_on", today)
    errors.collect(
        rules.check_not_before_birth, reception.received_on, "received_on", young_person.birth_date
    )
    errors.collect(
        rules.check_reception_outcome,
        outcome=reception.outcome,
        topic=reception.topic,
        oriented_to=reception.oriented_to,
        oriented_to_text=reception.oriented_to_text,
    )
    if reception.site_id and reception.site.mission_locale_id != young_person.mission_locale_id:
        errors.by_field.setdefault("site", []).append(
            "Ce lieu d'accueil n'appartient pas à votre Mission Locale."
        )
    errors.full_clean(reception, exclude=["young_person", "received_by", "uid"])
    errors.raise_if_any()
    reception.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=reception,
        young_person=young_person,
        changes=audit.diff({}, _values(reception, RECEPTION_FIELDS)),
        channel=channel,
    )
    return reception


# --- Diagnostic -------------------------------------------------------------------------------


@transaction.atomic
def diagnostic_start(
    *,
    actor,
    young_person,
    started_on: datetime.date,
    interview_mode: str = InterviewMode.IN_PERSON,
    channel: str = "web",
) -> Diagnostic:
    """Open a diagnostic with its first interview, held by the actor."""
    if not policy.can_conduct_diagnostic(actor, young_person):
        raise PermissionDenied("Seul·e un·e conseiller·ère mène le diagnostic.")
    today = timezone.localdate()
    errors = _Errors()
    if started_on is None:
        errors.by_field["started_on"] = ["Indiquez la date du premier entretien."]
    else:
        errors.collect(rules.check_not_in_future, started_on, "started_on", today)
        errors.collect(
            rules.check_not_before_birth, started_on, "started_on", young_person.birth_date
        )
    if interview_mode not in InterviewMode.values:
        errors.by_field["interview_mode"] = ["Choisissez la modalité de l'entretien."]
    errors.raise_if_any()
    diagnostic = Diagnostic.objects.create(
        young_person=young_person, counsellor=actor, started_on=started_on
    )
    DiagnosticInterview.objects.create(
        diagnostic=diagnostic, held_on=started_on, mode=interview_mode
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=diagnostic,
        young_person=young_person,
        changes={"started_on": [None, started_on.isoformat()]},
        channel=channel,
    )
    return diagnostic


def _check_editable(actor, diagnostic) -> None:
    if not policy.can_conduct_diagnostic(actor, diagnostic.young_person):
        raise PermissionDenied("Seul·e un·e conseiller·ère mène le diagnostic.")
    rules.check_not_completed(diagnostic)


@transaction.atomic
def diagnostic_interview_add(
    *, actor, diagnostic, held_on: datetime.date, mode: str, channel: str = "web"
) -> DiagnosticInterview:
    """A further interview of the same diagnostic."""
    _check_editable(actor, diagnostic)
    errors = _Errors()
    errors.collect(
        rules.check_interview_date,
        held_on=held_on,
        started_on=diagnostic.started_on,
        today=timezone.localdate(),
    )
    if mode not in InterviewMode.values:
        errors.by_field["mode"] = ["Choisissez la modalité de l'entretien."]
    errors.raise_if_any()
    interview = DiagnosticInterview.objects.create(
        diagnostic=diagnostic, held_on=held_on, mode=mode
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=diagnostic,
        young_person=diagnostic.young_person,
        changes={"entretien": [None, f"{held_on.isoformat()} ({interview.get_mode_display()})"]},
        channel=channel,
    )
    return interview


@transaction.atomic
def diagnostic_areas_update(
    *, actor, diagnostic, areas: dict[str, dict], expected_version: int, channel: str = "web"
) -> list[DiagnosticArea]:
    """Write the given areas ({area: {"situation", "barriers"}}); an area left empty is removed.

    Areas not named in `areas` are left as they are. The diagnostic's version guards them all:
    a counsellor saving areas read before a colleague's save gets ConcurrentEditError.
    """
    _check_editable(actor, diagnostic)
    check_version(diagnostic, expected_version)
    unknown = [name for name in areas if name not in Area.values]
    if unknown:
        raise ValidationError({"areas": f"Domaine inconnu : {', '.join(unknown)}."})
    check_no_nul_characters(
        {"areas": " ".join(str(text) for texts in areas.values() for text in texts.values())}
    )
    existing = {a.area: a for a in diagnostic.areas.all()}
    changes = {}
    for name, texts in areas.items():
        situation = (texts.get("situation") or "").strip()
        barriers = (texts.get("barriers") or "").strip()
        current = existing.get(name)
        before = [current.situation, current.barriers] if current else ["", ""]
        if [situation, barriers] == before:
            continue
        label = Area(name).label
        if not situation and not barriers:
            current.delete()
            changes[label] = ["renseigné", "effacé"]
        elif current is None:
            DiagnosticArea.objects.create(
                diagnostic=diagnostic, area=name, situation=situation, barriers=barriers
            )
            changes[label] = [None, "renseigné"]
        else:
            current.situation, current.barriers = situation, barriers
            current.save(update_fields=["situation", "barriers"])
            changes[label] = ["renseigné", "modifié"]
    if changes:
        update_with_version(diagnostic, expected_version, ["updated_at"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=diagnostic,
            young_person=diagnostic.young_person,
            changes=changes,
            channel=channel,
        )
    return sorted(diagnostic.areas.all(), key=lambda a: a.order)


@transaction.atomic
def diagnostic_complete(
    *,
    actor,
    diagnostic,
    conclusions: str,
    recommended_next_step: str,
    completed_on: datetime.date,
    expected_version: int,
    channel: str = "web",
) -> Diagnostic:
    """Write the conclusions and the recommended next step: the diagnostic is then concluded."""
    diagnostic = Diagnostic.objects.select_for_update().get(pk=diagnostic.pk)
    _check_editable(actor, diagnostic)
    check_version(diagnostic, expected_version)
    check_no_nul_characters({"conclusions": conclusions})
    rules.check_diagnostic_completion(
        conclusions=conclusions,
        recommended_next_step=recommended_next_step,
        completed_on=completed_on,
        started_on=diagnostic.started_on,
        today=timezone.localdate(),
        filled_areas=diagnostic.areas.count(),
    )
    diagnostic.conclusions = conclusions.strip()
    diagnostic.recommended_next_step = recommended_next_step
    diagnostic.completed_on = completed_on
    update_with_version(
        diagnostic, expected_version, ["conclusions", "recommended_next_step", "completed_on"]
    )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=diagnostic,
        young_person=diagnostic.young_person,
        changes={
            "completed_on": [None, completed_on.isoformat()],
            "recommended_next_step": [None, recommended_next_step],
        },
        channel=channel,
    )
    return diagnostic


# --- Outreach ---------------------------------------------------------------------------------


@transaction.atomic
def outreach_contact_create(*, actor, data: dict, channel: str = "web") -> OutreachContact:
    """Record a contact of the mobile team or a partner with a young person not registered."""
    if not policy.can_record_outreach(actor):
        raise PermissionDenied("Vous ne pouvez pas enregistrer de contact de repérage.")
    contact = OutreachContact(mission_locale_id=actor.organisation_id)
    _set(contact, OUTREACH_FIELDS, data)
    today = timezone.localdate()
    errors = _Errors()
    errors.collect(rules.check_not_in_future, contact.contacted_on, "contacted_on", today)
    errors.collect(rules.check_not_in_future, contact.birth_date, "birth_date", today)
    errors.collect(rules.check_outreach_author, made_by=contact.made_by, partner=contact.partner)
    errors.collect(rules.check_approximate_age, contact.approximate_age)
    if contact.made_by_id and contact.made_by.organisation_id != actor.organisation_id:
        errors.by_field.setdefault("made_by", []).append(
            "Ce membre de l'équipe ne travaille pas dans votre Mission Locale."
        )
    errors.full_clean(contact, exclude=["mission_locale", "young_person", "uid"])
    errors.raise_if_any()
    contact.save()
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=contact,
        mission_locale=contact.mission_locale,
        changes=audit.diff({}, _values(contact, OUTREACH_FIELDS)),
        channel=channel,
    )
    return contact


@transaction.atomic
def outreach_contact_convert(
    *, actor, contact: OutreachContact, young_person, channel: str = "web"
) -> OutreachContact:
    """Link a contact to the file opened for the young person: its history joins the file."""
    contact = OutreachContact.objects.select_for_update().get(pk=contact.pk)
    if not (
        policy.can_record_outreach(actor)
        and contact.mission_locale_id == actor.organisation_id
        and policy.can_edit_young_person(actor, young_person)
    ):
        raise PermissionDenied("Vous ne pouvez pas rattacher ce contact à ce dossier.")
    if contact.young_person_id is not None:
        raise ValidationError({"young_person": "Ce contact est déjà rattaché à un dossier."})
    if young_person.mission_locale_id != contact.mission_locale_id:
        raise ValidationError(
            {"young_person": "Le dossier doit appartenir à la Mission Locale du contact."}
        )
    contact.young_person = young_person
    contact.save(update_fields=["young_person"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=contact,
        young_person=young_person,
        changes={
            "contact_de_repérage": [None, f"{contact.contacted_on.isoformat()} — {contact.place}"]
        },
        channel=channel,
    )
    return contact


@transaction.atomic
def outreach_contact_register(
    *, actor, contact: OutreachContact, data: dict, confirm_not_duplicate=False, channel="web"
):
    """Open the young person's file from an outreach contact and link both, in one step.

    Raises DuplicateSuspected (from the file's creation) unless the user confirmed.
    """
    from jalon.youngpeople.services import young_person_create

    if contact.young_person_id is not None:
        raise ValidationError({"__all__": "Ce contact est déjà rattaché à un dossier."})
    young_person = young_person_create(
        actor=actor, data=data, confirm_not_duplicate=confirm_not_duplicate, channel=channel
    )
    outreach_contact_convert(
        actor=actor, contact=contact, young_person=young_person, channel=channel
    )
    return young_person


@transaction.atomic
def diagnostic_record(
    *,
    actor,
    young_person,
    started_on: datetime.date,
    interview_mode: str = InterviewMode.IN_PERSON,
    areas: dict[str, dict] | None = None,
    conclusions: str = "",
    recommended_next_step: str = "",
    completed_on: datetime.date | None = None,
    channel: str = "api",
) -> Diagnostic:
    """A whole diagnostic at once (partners' systems): start, areas, and conclusions if given."""
    diagnostic = diagnostic_start(
        actor=actor,
        young_person=young_person,
        started_on=started_on,
        interview_mode=interview_mode,
        channel=channel,
    )
    if areas:
        diagnostic_areas_update(
            actor=actor,
            diagnostic=diagnostic,
            areas=areas,
            expected_version=diagnostic.version,
            channel=channel,
        )
    if completed_on or (conclusions or "").strip() or recommended_next_step:
        diagnostic = diagnostic_complete(
            actor=actor,
            diagnostic=diagnostic,
            expected_version=diagnostic.version,
            conclusions=conclusions,
            recommended_next_step=recommended_next_step,
            completed_on=completed_on,
            channel=channel,
        )
    return diagnostic

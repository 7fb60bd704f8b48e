"""Every write of the justice area: keyword-only, one transaction, the policy and the rules
checked, the journal written (encrypted fields only marked as filled, never copied)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.core.encryption import redact
from jalon.core.versioning import check_version, update_with_version
from jalon.justice import rules
from jalon.justice.enums import (
    AdjustmentKind,
    Housing,
    JobEventKind,
    JobEventOutcome,
    ReleasePathway,
    ReleaseSituation,
    SessionStatus,
    TigStatus,
)
from jalon.justice.models import (
    CjmlAssignment,
    DetentionSession,
    InsertionCommission,
    JobEvent,
    JobEventParticipant,
    Leave,
    PenalSituation,
    ReleaseDateChange,
    ReleasePlan,
    SentenceAdjustment,
    SessionInterview,
    TigHabilitation,
    TigModule,
    TigPlacement,
)
from jalon.youngpeople import transfers
from jalon.youngpeople.enums import TransferReason
from jalon.youngpeople.rules import check_no_nul_characters, check_postal_code

PENAL_FIELDS = (
    "measure",
    "establishment",
    "referring_service",
    "entry_date",
    "foreseeable_release_date",
    "details",
)
PLAN_FIELDS = (
    "release_address",
    "release_postal_code",
    "release_commune",
    "first_appointment_at",
    "first_appointment_place",
    "proposed_pathway",
    "housing",
    "housing_details",
)


class _Errors:
    """Gathers the messages of several rules into one ValidationError keyed by field."""

    def __init__(self):
        self.errors: dict[str, list] = {}

    def collect(self, check, *args, **kwargs):
        try:
            check(*args, **kwargs)
        except ValidationError as error:
            if not hasattr(error, "error_dict"):
                self.errors.setdefault("__all__", []).extend(error.messages)
                return
            for field, messages in error.message_dict.items():
                self.errors.setdefault(field, []).extend(messages)

    def add(self, field, message):
        self.errors.setdefault(field, []).append(message)

    def raise_if_any(self):
        if self.errors:
            raise ValidationError(self.errors)


def _texts(data: dict, names) -> dict:
    return {name: (data.get(name) or "").strip() for name in names}


def _check_texts(errors: _Errors, instance, texts: dict) -> None:
    """No NUL character, and no text longer than its column."""
    errors.collect(check_no_nul_characters, texts)
    text_fields = set(texts)
    exclude = [f.name for f in instance._meta.fields if f.name not in text_fields]
    errors.collect(instance.clean_fields, exclude=exclude)


def _choice(errors: _Errors, field: str, value: str, choices, message: str) -> None:
    if value and value not in choices.values:
        errors.add(field, message)


def _values(instance, fields) -> dict:
    """JSON-ready values for the journal: ids for relations, encrypted text only marked."""
    values = {}
    for name in fields:
        value = getattr(instance, instance._meta.get_field(name).attname)
        if value in ("", None):
            continue
        if isinstance(value, datetime.date | datetime.datetime):
            value = value.isoformat()
        values[name] = str(value) if not isinstance(value, int | str) else value
    return {k: [None, v] for k, v in redact(type(instance), values).items()}


def _audit(actor, action, obj, changes, channel, young_person=None, mission_locale=None):
    audit.record(
        actor=actor,
        action=action,
        obj=obj,
        young_person=young_person,
        mission_locale=mission_locale,
        changes=changes,
        channel=channel,
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _aware(moment):
    """Naive date-times are read in the Mission Locale's time zone; kept in UTC."""
    if moment is None:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment.astimezone(datetime.UTC)


# --- Penal situation ------------------------------------------------------------------------


@transaction.atomic
def penal_situation_create(*, actor, young_person, data: dict, channel="web") -> PenalSituation:
    """Record a measure (detention, open environment, PJJ placement) on a file."""
    _require(
        policy.can_record_penal_situation(actor, young_person),
        "Seules les personnes habilitées justice enregistrent une situation pénale.",
    )
    situation = PenalSituation(
        young_person=young_person,
        measure=data.get("measure") or "",
        establishment=data.get("establishment"),
        referring_service=data.get("referring_service"),
        entry_date=data.get("entry_date"),
        foreseeable_release_date=data.get("foreseeable_release_date"),
        details=(data.get("details") or "").strip(),
        created_by=actor,
    )
    errors = _Errors()
    errors.collect(rules.check_establishment, situation.measure, situation.establishment)
    errors.collect(rules.check_referring_service, situation.referring_service)
    errors.collect(
        rules.check_entry_date, situation.entry_date, young_person.birth_date, timezone.localdate()
    )
    errors.collect(
        rules.check_release_date, situation.entry_date, situation.foreseeable_release_date
    )
    _check_texts(errors, situation, {"details": situation.details})
    errors.raise_if_any()
    situation.save()
    if situation.foreseeable_release_date:
        ReleaseDateChange.objects.create(
            situation=situation, new_date=situation.foreseeable_release_date, changed_by=actor
        )
    _audit(
        actor,
        AuditAction.CREATE,
        situation,
        _values(situation, PENAL_FIELDS),
        channel,
        young_person=young_person,
    )
    return situation


@transaction.atomic
def release_date_update(
    *, actor, situation, new_date, reason: str = "", expected_version: int, channel="web"
) -> PenalSituation:
    """Move the foreseeable release date; every change is kept with who, when and why."""
    _require(
        policy.can_update_release_date(actor, situation.young_person),
        "Vous ne pouvez pas modifier cette date.",
    )
    check_version(situation, expected_version)
    reason = (reason or "").strip()
    errors = _Errors()
    errors.collect(check_no_nul_characters, {"reason": reason})
    if not situation.is_ongoing:
        errors.add("__all__", "La sortie est déjà enregistrée : la mesure est terminée.")
    errors.collect(rules.check_release_date, situation.entry_date, new_date)
    if new_date == situation.foreseeable_release_date:
        errors.add("foreseeable_release_date", "C'est déjà la date prévisible de sortie.")
    errors.raise_if_any()
    previous = situation.foreseeable_release_date
    situation.foreseeable_release_date = new_date
    update_with_version(situation, expected_version, ["foreseeable_release_date"])
    ReleaseDateChange.objects.create(
        situation=situation,
        previous_date=previous,
        new_date=new_date,
        reason=reason,
        changed_by=actor,
    )
    _audit(
        actor,
        AuditAction.UPDATE,
        situation,
        {
            "foreseeable_release_date": [
                previous.isoformat() if previous else None,
                new_date.isoformat() if new_date else None,
            ]
        },
        channel,
        young_person=situation.young_person,
    )
    return situation


@transaction.atomic
def adjustment_add(*, actor, situation, data: dict, channel="web") -> SentenceAdjustment:
    _require(
        policy.can_record_penal_situation(actor, situation.young_person),
        "Vous ne pouvez pas enregistrer d'aménagement de peine.",
    )
    adjustment = SentenceAdjustment(
        situation=situation,
        kind=data.get("kind") or "",
        decided_on=data.get("decided_on"),
        details=(data.get("details") or "").strip(),
        recorded_by=actor,
    )
    errors = _Errors()
    _choice(errors, "kind", adjustment.kind, AdjustmentKind, "Choisissez l'aménagement.")
    if not adjustment.kind:
        errors.add("kind", "Choisissez l'aménagement.")
    errors.collect(rules.check_dated_in_measure, situation, adjustment.decided_on, "decided_on")
    _check_texts(errors, adjustment, {"details": adjustment.details})
    errors.raise_if_any()
    adjustment.save()
    _audit(
        actor,
        AuditAction.CREATE,
        adjustment,
        _values(adjustment, ("kind", "decided_on", "details")),
        channel,
        young_person=situation.young_person,
    )
    return adjustment


@transaction.atomic
def leave_add(*, actor, situation, data: dict, channel="web") -> Leave:
    """A permission de sortir; a PMSMP "hors les murs" is one with that purpose."""
    _require(
        policy.can_record_penal_situation(actor, situation.young_person),
        "Vous ne pouvez pas enregistrer de permission de sortir.",
    )
    leave = Leave(
        situation=situation,
        starts_on=data.get("starts_on"),
        ends_on=data.get("ends_on"),
        purpose=data.get("purpose") or "",
        pmsmp_host=(data.get("pmsmp_host") or "").strip(),
        recorded_by=actor,
    )
    errors = _Errors()
    errors.collect(
        rules.check_leave,
        situation,
        leave.starts_on,
        leave.ends_on,
        leave.purpose,
        leave.pmsmp_host,
    )
    _check_texts(errors, leave, {"pmsmp_host": leave.pmsmp_host})
    errors.raise_if_any()
    leave.save()
    _audit(
        actor,
        AuditAction.CREATE,
        leave,
        _values(leave, ("starts_on", "ends_on", "purpose", "pmsmp_host")),
        channel,
        young_person=situation.young_person,
    )
    return leave


@transaction.atomic
def release_record(
    *, actor, situation, released_on, release_situation: str, expected_version: int, channel="web"
) -> PenalSituation:
    """The release (or the end of the measure) and the young person's situation then: the
    indicator the agreement asks for, and the "sorties sèches" it wants to avoid."""
    _require(
        policy.can_record_penal_situation(actor, situation.young_person),
        "Vous ne pouvez pas enregistrer la sortie.",
    )
    check_version(situation, expected_version)
    errors = _Errors()
    if not situation.is_ongoing:
        errors.add("__all__", "La sortie est déjà enregistrée.")
    errors.collect(
        rules.check_release, situation, released_on, release_situation, timezone.localdate()
    )
    _choice(
        errors,
        "release_situation",
        release_situation,
        ReleaseSituation,
        "Situation à la sortie inconnue.",
    )
    errors.raise_if_any()
    situation.released_on = released_on
    situation.release_situation = release_situation
    update_with_version(situation, expected_version, ["released_on", "release_situation"])
    _audit(
        actor,
        AuditAction.UPDATE,
        situation,
        {
            "released_on": [None, released_on.isoformat()],
            "release_situation": [None, release_situation],
        },
        channel,
        young_person=situation.young_person,
    )
    return situation


# --- Exit preparation -----------------------------------------------------------------------


def _check_release_postal_code(plan) -> None:
    """The file's postal code rule, on the plan's own fields."""
    try:
        check_postal_code(plan.release_postal_code, plan.release_commune)
    except ValidationError as error:
        renamed = {"postal_code": "release_postal_code", "commune": "release_commune"}
        raise ValidationError(
            {renamed.get(f, f): messages for f, messages in error.message_dict.items()}
        ) from error


@transaction.atomic
def release_plan_save(
    *, actor, situation, data: dict, expected_version: int | None = None, channel="web"
) -> ReleasePlan:
    """Create or update the release plan. The Mission Locale of the release address is found
    from the commune; when it is the file's own, the first appointment is booked in its agenda
    (otherwise the receiving Mission Locale books it once it takes the file)."""
    from jalon.scheduling import services as scheduling

    young_person = situation.young_person
    _require(
        policy.can_record_penal_situation(actor, young_person),
        "Seules les personnes habilitées justice préparent la sortie.",
    )
    plan = ReleasePlan.objects.select_for_update().filter(situation=situation).first()
    creating = plan is None
    if creating:
        plan = ReleasePlan(situation=situation, updated_by=actor)
    else:
        check_version(plan, expected_version if expected_version is not None else -1)
    texts = _texts(
        data,
        ("release_address", "release_postal_code", "first_appointment_place", "housing_details"),
    )
    errors = _Errors()
    if not situation.is_detention or not situation.is_ongoing:
        errors.add("__all__", "Un projet de sortie se prépare pendant une détention en cours.")
    for name, value in texts.items():
        setattr(plan, name, value)
    plan.release_commune = data.get("release_commune")
    plan.proposed_pathway = data.get("proposed_pathway") or ""
    plan.housing = data.get("housing") or ""
    moment = data.get("first_appointment_at")
    if moment is not None and not 1900 <= moment.year <= 2200:
        errors.add("first_appointment_at", "Cette date n'est pas plausible.")
        moment = None
    plan.first_appointment_at = _aware(moment)
    _choice(
        errors, "proposed_pathway", plan.proposed_pathway, ReleasePathway, "Accompagnement inconnu."
    )
    _choice(errors, "housing", plan.housing, Housing, "Hébergement inconnu.")
    if plan.release_commune is None:
        errors.add("release_commune", "Indiquez la commune de l'adresse de sortie.")
    else:
        errors.collect(_check_release_postal_code, plan)
    errors.collect(rules.check_first_appointment, situation, plan.first_appointment_at)
    _check_texts(errors, plan, texts)
    errors.raise_if_any()
    plan.release_mission_locale = transfers.competent_mission_locale(plan.release_commune)
    plan.updated_by = actor
    plan.updated_at = timezone.now()
    books_here = (
        plan.first_appointment_at is not None
        and plan.first_appointment_id is None
        and plan.release_mission_locale is not None
        and plan.release_mission_locale.pk == young_person.mission_locale_id
    )
    if books_here:
        plan.first_appointment = scheduling.appointment_create(
            actor=actor,
            young_person=young_person,
            data={
                "starts_at": plan.first_appointment_at,
                "place": plan.first_appointment_place,
                "subject": "Premier rendez-vous après la sortie",
            },
            channel=channel,
        )
    changes = _values(plan, (*PLAN_FIELDS, "release_mission_locale"))
    if creating:
        plan.save()
    else:
        update_with_version(
            plan,
            expected_version,
            [
                *PLAN_FIELDS,
                "release_mission_locale",
                "first_appointment",
                "updated_by",
                "updated_at",
            ],
        )
    _audit(
        actor,
        AuditAction.CREATE if creating else AuditAction.UPDATE,
        plan,
        changes,
        channel,
        young_person=young_person,
    )
    return plan


def transfer_proposal(situation) -> dict | None:
    """The "dedans-dehors" proposal: the release address lies in another Mission Locale's
    territory and no transfer is pending, so the file should follow the young person there."""
    plan = getattr(situation, "release_plan", None)
    if (
        plan is None
        or not situation.is_ongoing
        or plan.release_mission_locale is None
        or plan.release_mission_locale.pk == situation.young_person.mission_locale_id
        or situation.young_person.transfers.pending().exists()
    ):
        return None
    return {"plan": plan, "to_mission_locale": plan.release_mission_locale}


@transaction.atomic
def release_transfer_confirm(*, actor, situation, channel="web"):
    """The CJML confirms the proposal: the existing transfer workflow takes over (the receiving
    Mission Locale accepts or refuses). The request says only what the receiver needs: the
    release address and the first appointment, no penal detail."""
    _require(
        policy.can_record_penal_situation(actor, situation.young_person),
        "Seules les personnes habilitées justice proposent ce transfert.",
    )
    proposal = transfer_proposal(situation)
    if proposal is None:
        raise ValidationError(
            {
                "__all__": "Aucun transfert à proposer : l'adresse de sortie relève de votre "
                "Mission Locale, ou un transfert est déjà en attente."
            }
        )
    plan = proposal["plan"]
    when = (
        f"Premier rendez-vous convenu le "
        f"{timezone.localtime(plan.first_appointment_at):%d/%m/%Y à %H:%M}"
        f"{f' ({plan.first_appointment_place})' if plan.first_appointment_place else ''}."
        if plan.first_appointment_at
        else "Premier rendez-vous à fixer avec le ou la jeune."
    )
    release = situation.foreseeable_release_date
    return transfers.transfer_request(
        actor=actor,
        young_person=situation.young_person,
        reason_kind=TransferReason.RELEASE,
        to_mission_locale=proposal["to_mission_locale"],
        reason=(f"Sortie prévue le {release:%d/%m/%Y}. " if release else "") + when,
        new_address=plan.release_address,
        new_postal_code=plan.release_postal_code,
        new_commune=plan.release_commune,
        channel=channel,
    )


# --- TIG ------------------------------------------------------------------------------------


@transaction.atomic
def tig_habilitation_add(*, actor, data: dict, channel="web") -> TigHabilitation:
    _require(policy.can_manage_tig_habilitation(actor), "Le directeur ou la directrice seul·e.")
    habilitation = TigHabilitation(
        mission_locale=actor.organisation,
        for_minors=bool(data.get("for_minors")),
        for_adults=bool(data.get("for_adults")),
        granted_on=data.get("granted_on"),
        ends_on=data.get("ends_on"),
        positions=data.get("positions") or 1,
        recorded_by=actor,
    )
    errors = _Errors()
    if not (habilitation.for_minors or habilitation.for_adults):
        errors.add("for_adults", "L'habilitation vise les mineur·e·s, les majeur·e·s, ou les deux.")
    if habilitation.granted_on is None:
        errors.add("granted_on", "Indiquez la date de l'habilitation.")
    elif habilitation.ends_on is not None and habilitation.ends_on <= habilitation.granted_on:
        errors.add("ends_on", "La fin de l'habilitation suit son début.")
    if not 1 <= habilitation.positions <= 999:
        errors.add("positions", "Indiquez le nombre de postes (1 à 999).")
    errors.raise_if_any()
    habilitation.save()
    _audit(
        actor,
        AuditAction.CREATE,
        habilitation,
        _values(habilitation, ("for_minors", "for_adults", "granted_on", "ends_on", "positions")),
        channel,
        mission_locale=actor.organisation,
    )
    return habilitation


@transaction.atomic
def tig_placement_create(*, actor, young_person, data: dict, channel="web") -> TigPlacement:
    """A TIG done at the young person's Mission Locale, habilitated for their age."""
    _require(
        policy.can_record_penal_situation(actor, young_person),
        "Seules les personnes habilitées justice enregistrent un TIG.",
    )
    placement = TigPlacement(
        young_person=young_person,
        host_mission_locale_id=young_person.mission_locale_id,
        referring_service=data.get("referring_service"),
        ordered_on=data.get("ordered_on"),
        deadline=data.get("deadline"),
        hours_ordered=data.get("hours_ordered"),
        recorded_by=actor,
    )
    errors = _Errors()
    if placement.referring_service is None:
        errors.add("referring_service", "Choisissez le SPIP ou le service de la PJJ prescripteur.")
    errors.collect(rules.check_referring_service, placement.referring_service)
    habilitations = (
        list(
            TigHabilitation.objects.active(placement.ordered_on).filter(
                mission_locale_id=young_person.mission_locale_id
            )
        )
        if placement.ordered_on
        else []
    )
    errors.collect(
        rules.check_tig, young_person, placement.ordered_on, placement.hours_ordered, habilitations
    )
    if placement.deadline and placement.ordered_on and placement.deadline <= placement.ordered_on:
        errors.add("deadline", "Le délai d'exécution suit le jugement.")
    errors.raise_if_any()
    placement.save()
    _audit(
        actor,
        AuditAction.CREATE,
        placement,
        _values(placement, ("referring_service", "ordered_on", "deadline", "hours_ordered")),
        channel,
        young_person=young_person,
    )
    return placement


@transaction.atomic
def tig_hours_record(*, actor, placement, hours_done: int, channel="web") -> TigPlacement:
    """Hours done so far; the TIG is complete when they reach the hours pronounced."""
    placement = TigPlacement.objects.select_for_update().get(pk=placement.pk)
    _require(
        policy.can_record_penal_situation(actor, placement.young_person),
        "Vous ne pouvez pas modifier ce TIG.",
    )
    errors = _Errors()
    if placement.status == TigStatus.INTERRUPTED:
        errors.add("__all__", "Ce TIG est interrompu.")
    errors.collect(rules.check_tig_hours_done, placement, hours_done)
    errors.raise_if_any()
    before = (placement.hours_done, placement.status)
    placement.hours_done = hours_done
    placement.status = (
        TigStatus.COMPLETED if hours_done == placement.hours_ordered else TigStatus.ONGOING
    )
    placement.save(update_fields=["hours_done", "status"])
    _audit(
        actor,
        AuditAction.UPDATE,
        placement,
        {"hours_done": [before[0], hours_done], "status": [before[1], placement.status]},
        channel,
        young_person=placement.young_person,
    )
    return placement


@transaction.atomic
def tig_module_add(*, actor, placement, data: dict, channel="web") -> TigModule:
    _require(
        policy.can_record_penal_situation(actor, placement.young_person),
        "Vous ne pouvez pas modifier ce TIG.",
    )
    module = TigModule(
        placement=placement,
        title=(data.get("title") or "").strip(),
        held_on=data.get("held_on"),
        hours=data.get("hours"),
        recorded_by=actor,
    )
    errors = _Errors()
    if not module.title:
        errors.add("title", "Indiquez l'intitulé du module.")
    errors.collect(rules.check_tig_module, placement, module.held_on, module.hours)
    _check_texts(errors, module, {"title": module.title})
    errors.raise_if_any()
    module.save()
    _audit(
        actor,
        AuditAction.CREATE,
        module,
        _values(module, ("title", "held_on", "hours")),
        channel,
        young_person=placement.young_person,
    )
    return module


# --- CJML: directory, sessions, commissions, job events ------------------------------------


@transaction.atomic
def cjml_assignment_add(*, actor, data: dict, channel="web") -> CjmlAssignment:
    _require(
        policy.can_manage_cjml_assignments(actor), "Réservé à la direction et au référent justice."
    )
    cjml = data.get("cjml")
    if cjml is not None:
        # Serialise the checks of one CJML's total time (two directors at once).
        type(cjml).objects.select_for_update().filter(pk=cjml.pk).first()
    assignment = CjmlAssignment(
        cjml=cjml,
        mission_locale=actor.organisation,
        establishment=data.get("establishment"),
        time_share=data.get("time_share"),
        start_date=data.get("start_date") or timezone.localdate(),
        recorded_by=actor,
    )
    others = CjmlAssignment.objects.active(assignment.start_date).filter(cjml=cjml) if cjml else []
    errors = _Errors()
    errors.collect(
        rules.check_cjml_assignment,
        cjml,
        actor.organisation,
        assignment.establishment,
        assignment.time_share,
        list(others),
    )
    errors.raise_if_any()
    assignment.save()
    _audit(
        actor,
        AuditAction.CREATE,
        assignment,
        _values(assignment, ("cjml", "establishment", "time_share", "start_date")),
        channel,
        mission_locale=actor.organisation,
    )
    return assignment


@transaction.atomic
def cjml_assignment_end(*, actor, assignment, channel="web") -> CjmlAssignment:
    _require(
        policy.can_manage_cjml_assignments(actor)
        and assignment.mission_locale_id == actor.organisation_id,
        "Réservé à la direction et au référent justice de cette Mission Locale.",
    )
    if assignment.end_date is not None:
        raise ValidationError({"__all__": "Cette quotité est déjà close."})
    # Effective at once: an assignment counts while its end date is still ahead.
    assignment.end_date = max(timezone.localdate(), assignment.start_date)
    assignment.save(update_fields=["end_date"])
    _audit(
        actor,
        AuditAction.UPDATE,
        assignment,
        {"end_date": [None, assignment.end_date.isoformat()]},
        channel,
        mission_locale=actor.organisation,
    )
    return assignment


@transaction.atomic
def session_create(*, actor, data: dict, channel="web") -> DetentionSession:
    """Schedule a session in an establishment (the CJML defaults to the actor)."""
    _require(policy.can_work_in_detention(actor), "Réservé aux personnes habilitées justice.")
    session = DetentionSession(
        mission_locale=actor.organisation,
        establishment=data.get("establishment"),
        cjml=data.get("cjml") or actor,
        date=data.get("date"),
        starts_at=data.get("starts_at"),
        ends_at=data.get("ends_at"),
        created_by=actor,
    )
    errors = _Errors()
    if session.date is None:
        errors.add("date", "Indiquez la date de la permanence.")
    errors.collect(
        rules.check_session,
        session.cjml,
        actor.organisation,
        session.establishment,
        session.starts_at,
        session.ends_at,
    )
    errors.raise_if_any()
    session.save()
    _audit(
        actor,
        AuditAction.CREATE,
        session,
        _values(session, ("establishment", "cjml", "date", "starts_at", "ends_at")),
        channel,
        mission_locale=actor.organisation,
    )
    return session


@transaction.atomic
def session_set_status(*, actor, session, status: str, channel="web") -> DetentionSession:
    _require(
        policy.can_work_in_detention(actor) and session.mission_locale_id == actor.organisation_id,
        "Réservé aux personnes habilitées justice de cette Mission Locale.",
    )
    if status not in SessionStatus.values:
        raise ValidationError({"status": "Statut inconnu."})
    if status == SessionStatus.HELD and session.date > timezone.localdate():
        raise ValidationError({"status": "Une permanence à venir ne peut pas être déjà tenue."})
    before = session.status
    session.status = status
    session.save(update_fields=["status"])
    _audit(
        actor,
        AuditAction.UPDATE,
        session,
        {"status": [before, status]},
        channel,
        mission_locale=actor.organisation,
    )
    return session


@transaction.atomic
def session_add_young_person(*, actor, session, young_person, channel="web") -> SessionInterview:
    """A young person seen at a held session (the session is marked held if it was planned)."""
    _require(
        policy.can_work_in_detention(actor)
        and session.mission_locale_id == actor.organisation_id
        and policy.can_record_penal_situation(actor, young_person),
        "Vous ne pouvez pas enregistrer ce ou cette jeune.",
    )
    rules.check_session_took_place(session, timezone.localdate())
    try:
        with transaction.atomic():
            interview = SessionInterview.objects.create(
                session=session, young_person=young_person, recorded_by=actor
            )
    except IntegrityError as exc:
        raise ValidationError(
            {"young_person": "Ce ou cette jeune est déjà noté·e à cette permanence."}
        ) from exc
    if session.status == SessionStatus.PLANNED:
        session_set_status(actor=actor, session=session, status=SessionStatus.HELD, channel=channel)
    _audit(
        actor,
        AuditAction.CREATE,
        interview,
        {"permanence": [None, str(session.uid)]},
        channel,
        young_person=young_person,
    )
    return interview


@transaction.atomic
def commission_record(*, actor, data: dict, channel="web") -> InsertionCommission:
    _require(policy.can_work_in_detention(actor), "Réservé aux personnes habilitées justice.")
    commission = InsertionCommission(
        mission_locale=actor.organisation,
        establishment=data.get("establishment"),
        held_on=data.get("held_on"),
        attended_by=data.get("attended_by") or actor,
        topics=(data.get("topics") or "").strip(),
    )
    errors = _Errors()
    if commission.establishment is None or commission.establishment.kind != "prison":
        errors.add("establishment", "Choisissez un établissement pénitentiaire.")
    if commission.held_on is None:
        errors.add("held_on", "Indiquez la date de la commission.")
    elif commission.held_on > timezone.localdate():
        errors.add("held_on", "On enregistre une commission à laquelle on a participé.")
    if commission.attended_by.organisation_id != actor.organisation_id:
        errors.add("attended_by", "Choisissez une personne de votre Mission Locale.")
    _check_texts(errors, commission, {"topics": commission.topics})
    errors.raise_if_any()
    commission.save()
    _audit(
        actor,
        AuditAction.CREATE,
        commission,
        _values(commission, ("establishment", "held_on", "attended_by")),
        channel,
        mission_locale=actor.organisation,
    )
    return commission


@transaction.atomic
def job_event_create(*, actor, data: dict, channel="web") -> JobEvent:
    _require(policy.can_work_in_detention(actor), "Réservé aux personnes habilitées justice.")
    event = JobEvent(
        mission_locale=actor.organisation,
        establishment=data.get("establishment"),
        kind=data.get("kind") or "",
        title=(data.get("title") or "").strip(),
        held_on=data.get("held_on"),
        organiser=(data.get("organiser") or "").strip(),
        created_by=actor,
    )
    errors = _Errors()
    if event.establishment is None or event.establishment.kind != "prison":
        errors.add("establishment", "Choisissez un établissement pénitentiaire.")
    if event.kind not in JobEventKind.values:
        errors.add("kind", "Choisissez le type d'événement.")
    if not event.title:
        errors.add("title", "Indiquez l'intitulé.")
    if event.held_on is None:
        errors.add("held_on", "Indiquez la date.")
    _check_texts(errors, event, {"title": event.title, "organiser": event.organiser})
    errors.raise_if_any()
    event.save()
    _audit(
        actor,
        AuditAction.CREATE,
        event,
        _values(event, ("establishment", "kind", "title", "held_on", "organiser")),
        channel,
        mission_locale=actor.organisation,
    )
    return event


@transaction.atomic
def job_event_add_participant(
    *, actor, event, young_person, outcome: str = JobEventOutcome.ATTENDED, channel="web"
) -> JobEventParticipant:
    _require(
        policy.can_work_in_detention(actor)
        and event.mission_locale_id == actor.organisation_id
        and policy.can_record_penal_situation(actor, young_person),
        "Vous ne pouvez pas inscrire ce ou cette jeune.",
    )
    if outcome not in JobEventOutcome.values:
        raise ValidationError({"outcome": "Suite inconnue."})
    participant, created = JobEventParticipant.objects.update_or_create(
        event=event, young_person=young_person, defaults={"outcome": outcome, "recorded_by": actor}
    )
    _audit(
        actor,
        AuditAction.CREATE if created else AuditAction.UPDATE,
        participant,
        {"événement": [None, str(event.uid)], "outcome": [None, outcome]},
        channel,
        young_person=young_person,
    )
    return participant

"""Every change to a pathway, immersion, proposal or situation goes through these functions."""

import datetime
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.core.versioning import check_version, update_with_version
from jalon.pathways import reference, rules
from jalon.pathways.enums import (
    ExitReason,
    PathwayKind,
    ProposalStatus,
    ReferenceKey,
    SanctionKind,
)
from jalon.pathways.models import (
    AllowancePayment,
    CejSanction,
    PaceaPhase,
    Pathway,
    Pmsmp,
    Proposal,
    Situation,
)
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.rules import check_no_nul_characters, check_not_in_future, has_rqth_on


def _collect(errors: dict, check, *args, **kwargs):
    try:
        check(*args, **kwargs)
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)


def _require_edit(actor, young_person):
    if not policy.can_edit_young_person(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas modifier ce dossier.")


def _audit(actor, action, obj, young_person, changes, channel):
    audit.record(
        actor=actor,
        action=action,
        obj=obj,
        young_person=young_person,
        changes=changes,
        channel=channel,
    )


def _check_duration(kind, start, planned_end, exception_reason, errors):
    if kind == PathwayKind.ORIENTATION_SEQUENCE:
        _collect(
            errors,
            rules.check_orientation_sequence_duration,
            start,
            planned_end,
            max_months=reference.months_on(ReferenceKey.ORIENTATION_SEQUENCE_MAX_MONTHS, start),
        )
    elif kind == PathwayKind.PACEA:
        _collect(
            errors,
            rules.check_pacea_duration,
            start,
            planned_end,
            max_months=reference.months_on(ReferenceKey.PACEA_MAX_MONTHS, start),
        )
    elif kind == PathwayKind.CEJ:
        _collect(
            errors,
            rules.check_cej_duration,
            start,
            planned_end,
            min_months=reference.months_on(ReferenceKey.CEJ_MIN_MONTHS, start),
            max_months=reference.months_on(ReferenceKey.CEJ_MAX_MONTHS, start),
            exception_max_months=reference.months_on(ReferenceKey.CEJ_EXCEPTION_MAX_MONTHS, start),
            exception_reason=exception_reason,
        )


@transaction.atomic
def pathway_open(
    *,
    actor,
    young_person: YoungPerson,
    kind: str,
    start_date: datetime.date,
    planned_end_date: datetime.date,
    allowance_category: str = "",
    exception_reason: str = "",
    channel: str = "web",
) -> Pathway:
    """Sign a contracted pathway, with every rule of the law checked at once."""
    _require_edit(actor, young_person)
    # Serialise openings for one young person: two requests must not both see "none active".
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    today = timezone.localdate()
    errors: dict[str, list] = {}
    if kind not in PathwayKind.values:
        raise ValidationError({"kind": "Choisissez le parcours."})
    if start_date is None or planned_end_date is None:
        raise ValidationError(
            {
                name: "Ce champ est obligatoire."
                for name, value in (
                    ("start_date", start_date),
                    ("planned_end_date", planned_end_date),
                )
                if value is None
            }
        )
    _collect(errors, check_not_in_future, start_date, "start_date", today)
    _collect(errors, check_no_nul_characters, {"exception_reason": exception_reason})
    _collect(errors, rules.check_end_after_start, start_date, planned_end_date, "planned_end_date")
    others = list(young_person.pathways.all())
    _collect(errors, rules.check_single_active_pathway, start_date, others)
    if kind in (PathwayKind.PACEA, PathwayKind.CEJ):
        _collect(
            errors,
            rules.check_programme_age,
            kind=kind,
            birth_date=young_person.birth_date,
            start=start_date,
            has_rqth=has_rqth_on(young_person.public_periods.all(), start_date),
        )
    if kind == PathwayKind.PACEA:
        _collect(
            errors,
            rules.check_pacea_after_diagnostic,
            has_completed_diagnostic=young_person.diagnostics.filter(
                completed_on__isnull=False, completed_on__lte=start_date
            ).exists(),
        )
    if kind == PathwayKind.CEJ:
        previous_ends = [p.end_date for p in others if p.kind == PathwayKind.CEJ and p.end_date]
        _collect(
            errors,
            rules.check_cej_gap,
            start_date,
            max(previous_ends, default=None),
            gap_months=reference.months_on(ReferenceKey.CEJ_GAP_MONTHS, start_date),
        )
        _collect(errors, rules.check_allowance_category, allowance_category)
    elif allowance_category:
        allowance_category = ""
    if "planned_end_date" not in errors:
        _check_duration(kind, start_date, planned_end_date, exception_reason, errors)
    if errors:
        raise ValidationError(errors)
    pathway = Pathway.objects.create(
        young_person=young_person,
        kind=kind,
        start_date=start_date,
        planned_end_date=planned_end_date,
        allowance_category=allowance_category,
        exception_reason=exception_reason,
        counsellor=actor,
    )
    _audit(
        actor,
        AuditAction.CREATE,
        pathway,
        young_person,
        {
            "parcours": [None, pathway.get_kind_display()],
            "debut": [None, start_date.isoformat()],
            "fin_prevue": [None, planned_end_date.isoformat()],
        },
        channel,
    )
    return pathway


@transaction.atomic
def pathway_extend(
    *,
    actor,
    pathway: Pathway,
    planned_end_date,
    expected_version: int,
    exception_reason: str = "",
    channel="web",
) -> Pathway:
    """Move the planned end, within the pathway's maximum duration."""
    _require_edit(actor, pathway.young_person)
    check_version(pathway, expected_version)
    if not pathway.is_active:
        raise ValidationError("Ce parcours est clos.")
    errors: dict[str, list] = {}
    _collect(
        errors,
        rules.check_end_after_start,
        pathway.start_date,
        planned_end_date,
        "planned_end_date",
    )
    if not errors:
        _check_duration(
            pathway.kind,
            pathway.start_date,
            planned_end_date,
            exception_reason or pathway.exception_reason,
            errors,
        )
    if errors:
        raise ValidationError(errors)
    before = pathway.planned_end_date
    pathway.planned_end_date = planned_end_date
    if exception_reason:
        pathway.exception_reason = exception_reason
    update_with_version(pathway, expected_version, ["planned_end_date", "exception_reason"])
    _audit(
        actor,
        AuditAction.UPDATE,
        pathway,
        pathway.young_person,
        {"fin_prevue": [before.isoformat(), planned_end_date.isoformat()]},
        channel,
    )
    return pathway


@transaction.atomic
def pathway_exit(
    *,
    actor,
    pathway: Pathway,
    end_date,
    exit_reason: str,
    exit_outcome: str,
    expected_version: int,
    channel: str = "web",
) -> Pathway:
    """Close a pathway: a date, a reason and the young person's situation are required."""
    _require_edit(actor, pathway.young_person)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    check_version(pathway, expected_version)
    if not pathway.is_active:
        raise ValidationError("Ce parcours est déjà clos.")
    rules.check_exit(
        start=pathway.start_date,
        end_date=end_date,
        exit_reason=exit_reason,
        exit_outcome=exit_outcome,
        today=timezone.localdate(),
    )
    pathway.end_date = end_date
    pathway.exit_reason = exit_reason
    pathway.exit_outcome = exit_outcome
    update_with_version(pathway, expected_version, ["end_date", "exit_reason", "exit_outcome"])
    _audit(
        actor,
        AuditAction.UPDATE,
        pathway,
        pathway.young_person,
        {
            "sortie": [None, end_date.isoformat()],
            "motif": [None, pathway.get_exit_reason_display()],
            "situation": [None, pathway.get_exit_outcome_display()],
        },
        channel,
    )
    return pathway


@transaction.atomic
def pacea_phase_add(*, actor, pathway: Pathway, start_date, objectives: str, channel="web"):
    _require_edit(actor, pathway.young_person)
    if pathway.kind != PathwayKind.PACEA:
        raise ValidationError("Les phases concernent le PACEA.")
    errors: dict[str, list] = {}
    if not objectives.strip():
        errors["objectives"] = ["Indiquez les objectifs de la phase."]
    if start_date < pathway.start_date or start_date > pathway.planned_end_date:
        errors["start_date"] = ["La phase commence pendant le PACEA."]
    if pathway.phases.filter(end_date__isnull=True).exists():
        errors["start_date"] = ["Évaluez la phase en cours avant d'en ouvrir une autre."]
    if errors:
        raise ValidationError(errors)
    phase = PaceaPhase.objects.create(pathway=pathway, start_date=start_date, objectives=objectives)
    _audit(
        actor,
        AuditAction.CREATE,
        phase,
        pathway.young_person,
        {"phase": [None, objectives]},
        channel,
    )
    return phase


@transaction.atomic
def pacea_phase_close(*, actor, phase: PaceaPhase, end_date, evaluation: str, channel="web"):
    _require_edit(actor, phase.pathway.young_person)
    errors: dict[str, list] = {}
    if not evaluation.strip():
        errors["evaluation"] = ["L'évaluation de fin de phase est obligatoire."]
    _collect(errors, rules.check_end_after_start, phase.start_date, end_date, "end_date")
    _collect(errors, check_not_in_future, end_date, "end_date", timezone.localdate())
    if errors:
        raise ValidationError(errors)
    phase.end_date = end_date
    phase.evaluation = evaluation
    phase.save(update_fields=["end_date", "evaluation"])
    _audit(
        actor,
        AuditAction.UPDATE,
        phase,
        phase.pathway.young_person,
        {"evaluation": [None, evaluation]},
        channel,
    )
    return phase


def cej_allowance_for_month(pathway: Pathway, month: datetime.date, sanctions=None) -> Decimal:
    """What the CEJ allowance is for a month: the dated base, then the month's sanctions."""
    month = rules.first_of_month(month)
    base = rules.cej_monthly_allowance(
        birth_date=pathway.young_person.birth_date,
        month=month,
        category=pathway.allowance_category,
        bases=reference.cej_bases_on(month),
    )
    sanctions = list(pathway.sanctions.all()) if sanctions is None else sanctions
    return rules.apply_sanctions(base, month, sanctions)


@transaction.atomic
def allowance_payment_record(*, actor, pathway: Pathway, month, amount=None, channel="web"):
    """Record an allowance payment: the CEJ amount is computed, the PACEA one is capped."""
    _require_edit(actor, pathway.young_person)
    month = rules.first_of_month(month)
    if month < rules.first_of_month(pathway.start_date) or (
        pathway.end_date and month > pathway.end_date
    ):
        raise ValidationError({"month": "Ce mois est en dehors du parcours."})
    if pathway.kind == PathwayKind.CEJ:
        if pathway.payments.filter(month=month).exists():
            raise ValidationError({"month": "L'allocation de ce mois est déjà enregistrée."})
        amount = cej_allowance_for_month(pathway, month)
    elif pathway.kind == PathwayKind.PACEA:
        amount = Decimal(amount or 0)
        paid = AllowancePayment.objects.filter(pathway__young_person=pathway.young_person)
        rules.check_pacea_payment(
            amount=amount,
            paid_this_month=paid.filter(month=month).aggregate(t=Sum("amount"))["t"] or Decimal(0),
            paid_this_year=paid.filter(month__year=month.year).aggregate(t=Sum("amount"))["t"]
            or Decimal(0),
            monthly_cap=reference.value_on(ReferenceKey.PACEA_MONTHLY_CAP, month, required=False),
            yearly_cap=reference.value_on(ReferenceKey.PACEA_YEARLY_CAP, month, required=False),
        )
    else:
        raise ValidationError("La séquence d'orientation ne donne pas lieu à allocation.")
    payment = AllowancePayment.objects.create(
        pathway=pathway, month=month, amount=amount, recorded_by=actor
    )
    _audit(
        actor,
        AuditAction.CREATE,
        payment,
        pathway.young_person,
        {"allocation": [None, f"{amount} EUR pour {month:%m/%Y}"]},
        channel,
    )
    return payment


@transaction.atomic
def cej_breach_record(
    *, actor, pathway: Pathway, breach_date, reason: str, exit_outcome: str = "", channel="web"
) -> CejSanction:
    """A breach of the CEJ commitments: the sanction follows the ladder of R5131-18.

    The third breach ends the allowance and the contract, so the exit is recorded too.
    """
    _require_edit(actor, pathway.young_person)
    pathway = Pathway.objects.select_for_update().get(pk=pathway.pk)
    if pathway.kind != PathwayKind.CEJ or not pathway.is_active:
        raise ValidationError("Les sanctions concernent un CEJ en cours.")
    today = timezone.localdate()
    errors: dict[str, list] = {}
    if not reason.strip():
        errors["reason"] = ["Indiquez le manquement constaté (motif de la sanction)."]
    _collect(errors, check_not_in_future, breach_date, "breach_date", today)
    if breach_date and breach_date < pathway.start_date:
        errors.setdefault("breach_date", []).append("Le manquement doit dater du CEJ.")
    kind = rules.next_sanction_kind(pathway.sanctions.count())
    if kind == SanctionKind.END and not exit_outcome:
        errors["exit_outcome"] = [
            "Troisième manquement : l'allocation et le contrat prennent fin. Indiquez la "
            "situation du jeune à la sortie."
        ]
    if errors:
        raise ValidationError(errors)
    sanction = CejSanction.objects.create(
        pathway=pathway,
        breach_date=breach_date,
        kind=kind,
        month=rules.first_of_month(breach_date),
        reason=reason,
        decided_by=actor,
    )
    _audit(
        actor,
        AuditAction.CREATE,
        sanction,
        pathway.young_person,
        {"sanction": [None, sanction.get_kind_display()], "motif": [None, reason]},
        channel,
    )
    if kind == SanctionKind.END:
        pathway_exit(
            actor=actor,
            pathway=pathway,
            end_date=breach_date,
            exit_reason=ExitReason.SANCTION,
            exit_outcome=exit_outcome,
            # The pathway is locked above: its version is the current one.
            expected_version=pathway.version,
            channel=channel,
        )
    return sanction


@transaction.atomic
def pmsmp_record(*, actor, young_person, data: dict, channel="web") -> Pmsmp:
    _require_edit(actor, young_person)
    errors: dict[str, list] = {}
    _collect(errors, check_no_nul_characters, data)
    _collect(errors, rules.check_siret, data.get("employer_siret", ""))
    _collect(errors, rules.check_end_after_start, data["start_date"], data["end_date"], "end_date")
    if errors:
        raise ValidationError(errors)
    pmsmp = Pmsmp(young_person=young_person, recorded_by=actor, **data)
    pmsmp.full_clean(exclude=["young_person", "recorded_by", "uid"])
    pmsmp.save()
    _audit(
        actor,
        AuditAction.CREATE,
        pmsmp,
        young_person,
        {"pmsmp": [None, f"{pmsmp.employer_name} du {pmsmp.start_date:%d/%m/%Y}"]},
        channel,
    )
    return pmsmp


@transaction.atomic
def pmsmp_conclude(*, actor, pmsmp: Pmsmp, outcome: str, channel="web") -> Pmsmp:
    _require_edit(actor, pmsmp.young_person)
    if not outcome.strip():
        raise ValidationError({"outcome": "Rédigez le bilan de l'immersion."})
    pmsmp.outcome = outcome
    pmsmp.save(update_fields=["outcome"])
    _audit(
        actor, AuditAction.UPDATE, pmsmp, pmsmp.young_person, {"bilan": [None, outcome]}, channel
    )
    return pmsmp


@transaction.atomic
def proposal_record(*, actor, young_person, data: dict, channel="web") -> Proposal:
    _require_edit(actor, young_person)
    check_no_nul_characters(data)
    _check_date_not_future(data.get("proposed_on"), "proposed_on")
    proposal = Proposal(young_person=young_person, recorded_by=actor, **data)
    proposal.full_clean(exclude=["young_person", "recorded_by", "uid"])
    proposal.save()
    _audit(
        actor,
        AuditAction.CREATE,
        proposal,
        young_person,
        {"proposition": [None, str(proposal)]},
        channel,
    )
    return proposal


# Which statuses a proposal can move to (a transition workflow, never a free field).
PROPOSAL_TRANSITIONS = {
    ProposalStatus.PROPOSED: {ProposalStatus.ACCEPTED, ProposalStatus.REFUSED},
    ProposalStatus.ACCEPTED: {ProposalStatus.DONE, ProposalStatus.REFUSED},
    ProposalStatus.REFUSED: set(),
    ProposalStatus.DONE: set(),
}


@transaction.atomic
def proposal_set_status(*, actor, proposal: Proposal, status: str, on=None, channel="web"):
    _require_edit(actor, proposal.young_person)
    if status not in ProposalStatus.values:
        raise ValidationError({"status": "Statut de proposition inconnu."})
    if status not in PROPOSAL_TRANSITIONS[proposal.status]:
        raise ValidationError(
            {
                "status": (
                    f"Une proposition « {proposal.get_status_display().lower()} » ne peut pas "
                    f"passer à « {ProposalStatus(status).label.lower()} »."
                )
            }
        )
    before = proposal.get_status_display()
    proposal.status = status
    if status == ProposalStatus.DONE:
        proposal.done_on = on or timezone.localdate()
        _check_date_not_future(proposal.done_on, "done_on")
    proposal.save(update_fields=["status", "done_on"])
    _audit(
        actor,
        AuditAction.UPDATE,
        proposal,
        proposal.young_person,
        {"statut": [before, proposal.get_status_display()]},
        channel,
    )
    return proposal


def _check_date_not_future(day, field):
    check_not_in_future(day, field, timezone.localdate())


@transaction.atomic
def situation_record(*, actor, young_person, data: dict, channel="web") -> Situation:
    _require_edit(actor, young_person)
    check_no_nul_characters(data)
    rules.check_situation(
        kind=data.get("kind"),
        contract_type=data.get("contract_type", ""),
        training_type=data.get("training_type", ""),
        start=data["start_date"],
        end=data.get("end_date"),
        today=timezone.localdate(),
    )
    situation = Situation(young_person=young_person, recorded_by=actor, **data)
    situation.full_clean(exclude=["young_person", "recorded_by", "uid"])
    situation.save()
    _audit(
        actor,
        AuditAction.CREATE,
        situation,
        young_person,
        {"situation": [None, f"{situation.label} depuis le {situation.start_date:%d/%m/%Y}"]},
        channel,
    )
    return situation


@transaction.atomic
def situation_end(*, actor, situation: Situation, end_date, channel="web") -> Situation:
    _require_edit(actor, situation.young_person)
    rules.check_situation(
        kind=situation.kind,
        contract_type=situation.contract_type,
        training_type=situation.training_type,
        start=situation.start_date,
        end=end_date,
        today=timezone.localdate(),
    )
    situation.end_date = end_date
    situation.save(update_fields=["end_date"])
    _audit(
        actor,
        AuditAction.UPDATE,
        situation,
        situation.young_person,
        {"fin": [None, end_date.isoformat()]},
        channel,
    )
    return situation

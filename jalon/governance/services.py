"""Writes of the governance area: records of the pilots, answers of the CJML."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from jalon import policy
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.governance import rules
from jalon.governance.enums import Evolution, Satisfaction
from jalon.governance.models import BarometerAnswer, BarometerParticipation, GovernanceRecord


@transaction.atomic
def record_governance_event(
    *, actor, kind: str, region, held_on, title: str = "", participants: int | None = None
) -> GovernanceRecord:
    region_id = region.pk if region is not None else None
    rules.check_governance_record(
        kind=kind,
        region_id=region_id,
        held_on=held_on,
        title=title,
        participants=participants,
        today=timezone.localdate(),
    )
    if not policy.can_record_governance(actor, kind=kind, region_id=region_id):
        raise PermissionDenied
    record = GovernanceRecord.objects.create(
        kind=kind,
        region=region,
        held_on=held_on,
        title=(title or "").strip(),
        participants=participants,
        recorded_by=actor,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=record,
        changes={
            "kind": kind,
            "region": region.code if region else None,
            "held_on": held_on,
            "title": record.title,
            "participants": participants,
        },
    )
    return record


@transaction.atomic
def delete_governance_record(*, actor, record: GovernanceRecord) -> None:
    """Remove a record entered by mistake; the journal keeps what it said."""
    if not policy.can_edit_governance_record(actor, record):
        raise PermissionDenied
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=record,
        changes={
            "deleted": True,
            "kind": record.kind,
            "held_on": record.held_on,
            "title": record.title,
            "participants": record.participants,
        },
    )
    record.delete()


@transaction.atomic
def answer_barometer(
    *,
    actor,
    communication: int,
    tools: int,
    access: int,
    knows_integration_commissions: bool,
    evolution: str,
) -> BarometerAnswer:
    """Record a CJML's answer for the current year, unlinked from its author.

    The participation (who answered) and the answer (what was answered) are two rows with no
    link: the journal says that the CJML answered, never what.
    """
    if not policy.can_answer_barometer(actor):
        raise PermissionDenied
    year = timezone.localdate().year
    errors = {
        field: "Choisissez une réponse."
        for field, value in (("communication", communication), ("tools", tools), ("access", access))
        if type(value) is not int or value not in Satisfaction.values
    }
    if evolution not in Evolution.values:
        errors["evolution"] = "Choisissez une réponse."
    if not isinstance(knows_integration_commissions, bool):
        errors["knows_integration_commissions"] = "Choisissez une réponse."
    if errors:
        raise ValidationError(errors)
    region_id = actor.organisation.region_id
    if region_id is None:
        raise ValidationError(
            "Votre Mission Locale n'est rattachée à aucune région : le baromètre ne peut pas "
            "enregistrer votre réponse. Contactez l'administration nationale."
        )
    try:
        with transaction.atomic():
            BarometerParticipation.objects.create(user=actor, year=year)
    except IntegrityError as exc:
        raise ValidationError(f"Vous avez déjà répondu au baromètre {year}. Merci !") from exc
    answer = BarometerAnswer.objects.create(
        year=year,
        region_id=region_id,
        communication=communication,
        tools=tools,
        access=access,
        knows_integration_commissions=knows_integration_commissions,
        evolution=evolution,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type="governance.barometerparticipation",
        object_id=str(year),
        changes={"year": year},
    )
    return answer

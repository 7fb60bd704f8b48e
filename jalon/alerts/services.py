"""Keeping alerts in step with the files, and what people do with them."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from jalon import policy
from jalon.alerts import thresholds
from jalon.alerts.enums import LIVE_STATUSES, AlertStatus
from jalon.alerts.findings import PERSON_RULES, QUEUE_RULES, person_findings, queue_findings
from jalon.alerts.models import Alert, AlertThreshold, DigestSubscription
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.youngpeople.rules import check_no_nul_characters

NOTE_MAX_LENGTH = 2000


@transaction.atomic
def refresh(
    *, mission_locale_id: int, young_person_ids=None, today: datetime.date | None = None
) -> dict:
    """Make a Mission Locale's alerts match what the rules find today: new occurrences open,
    those that no longer apply are lifted, the others follow their level, due date and owner.
    `young_person_ids` limits the file rules to those files (after a change); the shared queue
    is always recomputed. Idempotent: running it twice changes nothing the second time."""
    today = today or timezone.localdate()
    values = thresholds.for_mission_locale(mission_locale_id)
    found = queue_findings(mission_locale_id, values, today)
    if young_person_ids is None or young_person_ids:
        found += person_findings(mission_locale_id, values, today, young_person_ids)
    scope = Alert.objects.filter(mission_locale_id=mission_locale_id)
    person_scope = scope.filter(rule__in=PERSON_RULES)
    if young_person_ids is not None:
        person_scope = person_scope.filter(young_person_id__in=young_person_ids)
    in_scope = person_scope | scope.filter(rule__in=QUEUE_RULES)
    existing = {(a.rule, a.key): a for a in in_scope.select_for_update()}
    now = timezone.now()
    created, updated, lifted = [], [], []
    seen = set()
    for located in found:
        finding = located.finding
        identity = (str(finding.rule), finding.key)
        seen.add(identity)
        alert = existing.get(identity)
        if alert is None:
            created.append(
                Alert(
                    rule=finding.rule,
                    key=finding.key,
                    mission_locale_id=mission_locale_id,
                    young_person_id=located.young_person_id,
                    counsellor_id=located.counsellor_id,
                    level=finding.level,
                    due_date=finding.due_date,
                    params=finding.params,
                    subject_uid=located.subject_uid,
                    created_at=now,
                    refreshed_at=now,
                )
            )
            continue
        changes = {
            "level": finding.level,
            "due_date": finding.due_date,
            "params": finding.params,
            "counsellor_id": located.counsellor_id,
            "young_person_id": located.young_person_id,
        }
        if alert.status == AlertStatus.RESOLVED:  # the situation came back: so does the alert
            changes.update(status=AlertStatus.OPEN, resolved_at=None)
        if any(getattr(alert, name) != value for name, value in changes.items()):
            for name, value in changes.items():
                setattr(alert, name, value)
            alert.refreshed_at = now
            updated.append(alert)
    for identity, alert in existing.items():
        if identity not in seen and alert.status in LIVE_STATUSES:
            alert.status, alert.resolved_at, alert.refreshed_at = AlertStatus.RESOLVED, now, now
            lifted.append(alert)
    # ignore_conflicts: a concurrent refresh of the same occurrence keeps one row.
    Alert.objects.bulk_create(created, ignore_conflicts=True)
    Alert.objects.bulk_update(
        updated + lifted,
        [
            "level",
            "due_date",
            "params",
            "counsellor",
            "young_person",
            "status",
            "resolved_at",
            "refreshed_at",
        ],
    )
    return {"created": len(created), "updated": len(updated), "lifted": len(lifted)}


def _check_note(note: str) -> str:
    note = (note or "").strip()
    check_no_nul_characters({"note": note})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": f"La note ne peut dépasser {NOTE_MAX_LENGTH} caractères."})
    return note


@transaction.atomic
def alert_handle(*, actor, alert: Alert, note: str) -> Alert:
    """The person responsible says what was done; the alert leaves the worklists."""
    if not policy.can_act_on_alert(actor, alert):
        raise PermissionDenied("Cette alerte n'est pas dans votre liste de travail.")
    note = _check_note(note)
    if not note:
        raise ValidationError({"note": "Indiquez ce qui a été fait."})
    if alert.status not in LIVE_STATUSES:
        raise ValidationError("Cette alerte n'est plus à traiter.")
    alert.status, alert.handled_at, alert.handled_by = AlertStatus.HANDLED, timezone.now(), actor
    alert.handled_note = note
    alert.save(update_fields=["status", "handled_at", "handled_by", "handled_note"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=alert,
        young_person=alert.young_person,
        mission_locale=alert.mission_locale,
        changes={"statut": [None, "traitée"], "regle": [None, alert.rule]},
    )
    return alert


@transaction.atomic
def alert_snooze(*, actor, alert: Alert, until: datetime.date | None) -> Alert:
    """Hidden until a date (the young person is away, an answer is awaited): it comes back
    in the worklist that day if the rule still applies."""
    if not policy.can_act_on_alert(actor, alert):
        raise PermissionDenied("Cette alerte n'est pas dans votre liste de travail.")
    today = timezone.localdate()
    if until is None:
        raise ValidationError({"until": "Indiquez jusqu'à quand reporter l'alerte."})
    if until <= today:
        raise ValidationError({"until": "La date de report doit être postérieure à aujourd'hui."})
    if until > today + datetime.timedelta(days=366):
        raise ValidationError({"until": "Une alerte se reporte d'un an au plus."})
    if alert.status not in LIVE_STATUSES:
        raise ValidationError("Cette alerte n'est plus à traiter.")
    alert.status, alert.snoozed_until = AlertStatus.SNOOZED, until
    alert.save(update_fields=["status", "snoozed_until"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=alert,
        young_person=alert.young_person,
        mission_locale=alert.mission_locale,
        changes={"reportee_au": [None, until.isoformat()], "regle": [None, alert.rule]},
    )
    return alert


@transaction.atomic
def thresholds_update(*, actor, values: dict) -> None:
    """A director's own thresholds (a value equal to the national one is not stored), then
    the Mission Locale's alerts recomputed with them."""
    if not policy.can_supervise_alerts(actor):
        raise PermissionDenied("Seule la direction fixe les seuils des alertes.")
    mission_locale_id = actor.organisation_id
    current = thresholds.for_mission_locale(mission_locale_id)
    national = thresholds.national()
    for name, value in values.items():
        if value == national[name]:
            AlertThreshold.objects.filter(mission_locale_id=mission_locale_id, name=name).delete()
        else:
            AlertThreshold.objects.update_or_create(
                mission_locale_id=mission_locale_id,
                name=name,
                defaults={"value": value, "changed_by": actor},
            )
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=actor.organisation,
        mission_locale=actor.organisation,
        changes={
            name: [current[name], value] for name, value in values.items() if value != current[name]
        },
    )
    refresh(mission_locale_id=mission_locale_id)


def digest_subscribe(*, user, subscribe: bool) -> None:
    if not policy.can_use_worklist(user):
        raise PermissionDenied("Le courriel des alertes accompagne une liste de travail.")
    if subscribe:
        DigestSubscription.objects.get_or_create(user=user)
    else:
        DigestSubscription.objects.filter(user=user).delete()

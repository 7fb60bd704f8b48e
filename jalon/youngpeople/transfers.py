"""Transfers of a file between Missions Locales: request, accept, refuse, cancel.

The file stays with the sending Mission Locale until the receiving one accepts: then, in one
transaction, it changes hands with its whole history, and the sender loses access at once
(the access policy scopes every record by the file's Mission Locale).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from jalon import policy
from jalon.accounts.models import Role, User
from jalon.audit import services as audit
from jalon.audit.models import AuditAction
from jalon.network.models import Organisation
from jalon.webhooks import services as webhooks
from jalon.youngpeople import rules
from jalon.youngpeople.duplicates import find_likely_duplicates
from jalon.youngpeople.enums import FileStatus, TransferReason, TransferStatus
from jalon.youngpeople.models import FileTransfer, FileTransferStatusChange, YoungPerson

ALREADY_PENDING = "Une demande de transfert est déjà en attente pour ce dossier."
NOT_PENDING = "Ce transfert a déjà été traité : il n'est plus en attente."


class TransferConflict(Exception):
    """The transfer's state forbids the action (already decided, already one pending)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def competent_mission_locale(commune) -> Organisation | None:
    """The Mission Locale whose territory covers a commune (None if none is recorded)."""
    if commune is None:
        return None
    return Organisation.objects.missions_locales().filter(communes_covered=commune).first()


def duplicates_at_receiver(transfer: FileTransfer) -> list[YoungPerson]:
    """Files the receiving Mission Locale may already hold for the same person."""
    file = transfer.young_person
    candidates = find_likely_duplicates(
        last_name=file.last_name,
        birth_name=file.birth_name,
        first_names=file.first_names,
        birth_date=file.birth_date,
        exclude_pk=file.pk,
        limit=20,
    )
    return [c for c in candidates if c.mission_locale_id == transfer.to_mission_locale_id]


def _log(transfer, actor, previous, reason=""):
    """Every status change: logged, and announced to both Mission Locales' systems (webhook,
    identifiers and statuses only)."""
    change = FileTransferStatusChange.objects.create(
        transfer=transfer,
        changed_by=actor,
        from_status=previous,
        to_status=transfer.status,
        reason=reason,
    )
    for mission_locale in (transfer.from_mission_locale, transfer.to_mission_locale):
        webhooks.notify(
            organisation=mission_locale,
            event="transfer.status_changed",
            payload={
                "transfer": str(transfer.uid),
                "from_status": previous,
                "status": transfer.status,
                "changed_at": change.changed_at.isoformat(),
            },
        )


def _audit(actor, transfer, changes, channel, action=AuditAction.UPDATE):
    audit.record(
        actor=actor,
        action=action,
        obj=transfer,
        young_person=transfer.young_person,
        changes=changes,
        channel=channel,
    )


def _mail_after_commit(subject: str, template: str, recipients: list[str]) -> None:
    """No personal detail in the mail: the recipient signs in to read the transfer."""
    recipients = [r for r in recipients if r]
    if not recipients:
        return
    transaction.on_commit(
        lambda: send_mail(
            subject=subject,
            message=template,
            from_email=None,
            recipient_list=recipients,
            fail_silently=True,
        )
    )


@transaction.atomic
def transfer_request(
    *,
    actor,
    young_person: YoungPerson,
    reason_kind: str,
    to_mission_locale: Organisation | None = None,
    reason: str = "",
    new_address: str = "",
    new_postal_code: str = "",
    new_commune=None,
    channel: str = "web",
) -> FileTransfer:
    """Ask another Mission Locale to take over the file.

    Without a chosen Mission Locale, the one whose territory covers the new commune is asked.
    """
    young_person = YoungPerson.objects.select_for_update().get(pk=young_person.pk)
    if not policy.can_request_transfer(actor, young_person):
        raise PermissionDenied("Vous ne pouvez pas transférer ce dossier.")
    errors: dict[str, list[str]] = {}

    def collect(check, *args):
        try:
            check(*args)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)

    reason, new_address = (reason or "").strip(), (new_address or "").strip()
    new_postal_code = (new_postal_code or "").strip()
    collect(
        rules.check_no_nul_characters,
        {"reason": reason, "new_address": new_address, "new_postal_code": new_postal_code},
    )
    collect(rules.check_postal_code, new_postal_code, new_commune)
    if reason_kind not in TransferReason.values:
        errors.setdefault("reason_kind", []).append(
            "Motif inconnu : déménagement, sortie de détention ou autre motif."
        )
    if reason_kind == TransferReason.OTHER and not reason:
        errors.setdefault("reason", []).append("Précisez le motif du transfert.")
    if to_mission_locale is None:
        to_mission_locale = competent_mission_locale(new_commune)
        if to_mission_locale is None:
            errors.setdefault("to_mission_locale", []).append(
                "Choisissez la Mission Locale d'accueil (aucune n'est rattachée à la nouvelle "
                "commune)."
                if new_commune
                else "Choisissez la Mission Locale d'accueil ou indiquez la nouvelle commune."
            )
    elif not to_mission_locale.is_mission_locale:
        errors.setdefault("to_mission_locale", []).append(
            "Un dossier ne se transfère qu'à une Mission Locale."
        )
    if to_mission_locale is not None and to_mission_locale.pk == young_person.mission_locale_id:
        errors.setdefault("to_mission_locale", []).append(
            "Le dossier est déjà suivi par cette Mission Locale."
        )
    if young_person.transfers.pending().exists():
        raise TransferConflict(ALREADY_PENDING)
    transfer = FileTransfer(
        young_person=young_person,
        from_mission_locale_id=young_person.mission_locale_id,
        to_mission_locale=to_mission_locale,
        requested_by=actor,
        reason_kind=reason_kind,
        reason=reason,
        new_address=new_address,
        new_postal_code=new_postal_code,
        new_commune=new_commune,
    )
    if not errors:
        try:
            transfer.clean_fields(exclude=["young_person", "to_mission_locale", "reason_kind"])
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            transfer.save()
    except IntegrityError as exc:  # a colleague asked at the same moment
        raise TransferConflict(ALREADY_PENDING) from exc
    _log(transfer, actor, "", transfer.get_reason_kind_display())
    _audit(
        actor,
        transfer,
        {
            "transfert_demande": [None, to_mission_locale.name],
            "motif": [None, transfer.get_reason_kind_display()],
        },
        channel,
        AuditAction.CREATE,
    )
    directors = User.objects.filter(
        organisation=to_mission_locale, role=Role.DIRECTOR, is_active=True
    ).values_list("email", flat=True)
    _mail_after_commit(
        "Jalon : un dossier vous est transféré",
        f"{young_person.mission_locale.name} demande à {to_mission_locale.name} de reprendre "
        "le suivi d'un ou d'une jeune.\n\nConnectez-vous à Jalon pour l'accepter ou la refuser : "
        f"{settings.JALON_SITE_URL}{reverse('youngpeople:transfer_incoming')}\n",
        list(directors),
    )
    return transfer


def _locked_pending(transfer: FileTransfer) -> FileTransfer:
    transfer = (
        FileTransfer.objects.select_for_update()
        .select_related("young_person", "requested_by", "to_mission_locale", "from_mission_locale")
        .get(pk=transfer.pk)
    )
    if not transfer.is_pending:
        raise TransferConflict(NOT_PENDING)
    return transfer


def _mail_requester(transfer: FileTransfer, decision: str) -> None:
    _mail_after_commit(
        f"Jalon : transfert {decision}",
        f"{transfer.to_mission_locale.name} a {decision} le transfert de dossier que vous aviez "
        f"demandé le {timezone.localtime(transfer.requested_at):%d/%m/%Y}.\n",
        [transfer.requested_by.email],
    )


@transaction.atomic
def transfer_accept(
    *, actor, transfer: FileTransfer, referent=None, site=None, channel: str = "web"
) -> FileTransfer:
    """Take over the file: its whole history follows, the sender loses access at once, and the
    appointments still planned with the sender's counsellors are cancelled."""
    from jalon.scheduling.enums import AppointmentStatus
    from jalon.scheduling.models import Appointment, AppointmentStatusChange

    transfer = _locked_pending(transfer)
    if not policy.can_decide_transfer(actor, transfer):
        raise PermissionDenied("Seule la Mission Locale d'accueil accepte ce transfert.")
    young_person = YoungPerson.objects.select_for_update().get(pk=transfer.young_person_id)
    errors = {}
    if young_person.status in (FileStatus.MERGED, FileStatus.ANONYMISED):
        errors["__all__"] = ["Ce dossier n'existe plus : il ne peut pas être transféré."]
    if referent is not None and (
        referent.organisation_id != transfer.to_mission_locale_id
        or not referent.is_mission_locale_staff
    ):
        errors["referent"] = ["Le ou la référent·e doit travailler dans votre Mission Locale."]
    if site is not None and site.mission_locale_id != transfer.to_mission_locale_id:
        errors["site"] = ["Ce site n'appartient pas à votre Mission Locale."]
    if errors:
        raise ValidationError(errors)
    reason = f"Dossier transféré à {transfer.to_mission_locale.name}"
    cancelled = 0
    planned = Appointment.objects.filter(
        young_person=young_person,
        status=AppointmentStatus.PLANNED,
        starts_at__gt=timezone.now(),
        counsellor__organisation_id=transfer.from_mission_locale_id,
    )
    for appointment in planned.select_for_update():
        appointment.status = AppointmentStatus.CANCELLED
        appointment.save(update_fields=["status"])
        AppointmentStatusChange.objects.create(
            appointment=appointment,
            changed_by=actor,
            from_status=AppointmentStatus.PLANNED,
            to_status=AppointmentStatus.CANCELLED,
            reason=reason,
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=appointment,
            young_person=young_person,
            changes={"status": [AppointmentStatus.PLANNED, AppointmentStatus.CANCELLED]},
            channel=channel,
        )
        cancelled += 1
    before = {
        "mission_locale": young_person.mission_locale_id,
        "site": young_person.site_id,
        "referent": young_person.referent_id,
    }
    young_person.mission_locale_id = transfer.to_mission_locale_id
    young_person.site = site
    young_person.referent = referent
    # A form opened on the file before the transfer is now outdated.
    young_person.version += 1
    young_person.save(update_fields=["mission_locale", "site", "referent", "version"])
    previous = transfer.status
    transfer.status = TransferStatus.ACCEPTED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at"])
    _log(transfer, actor, previous)
    _audit(
        actor,
        transfer,
        {
            "transfert": [previous, TransferStatus.ACCEPTED],
            "mission_locale": [before["mission_locale"], young_person.mission_locale_id],
            "site": [before["site"], young_person.site_id],
            "referent": [before["referent"], young_person.referent_id],
            "rendez_vous_annules": [None, cancelled],
        },
        channel,
    )
    _mail_requester(transfer, "accepté")
    return transfer


@transaction.atomic
def transfer_refuse(*, actor, transfer: FileTransfer, reason: str, channel="web") -> FileTransfer:
    """Decline the file (with a reason, for the sender): it stays where it is."""
    transfer = _locked_pending(transfer)
    if not policy.can_decide_transfer(actor, transfer):
        raise PermissionDenied("Seule la Mission Locale d'accueil refuse ce transfert.")
    reason = (reason or "").strip()
    rules.check_no_nul_characters({"reason": reason})
    if not reason:
        raise ValidationError({"reason": ["Indiquez le motif du refus."]})
    previous = transfer.status
    transfer.status = TransferStatus.REFUSED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.refusal_reason = reason
    transfer.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    _log(transfer, actor, previous, reason)
    _audit(actor, transfer, {"transfert": [previous, TransferStatus.REFUSED]}, channel)
    _mail_requester(transfer, "refusé")
    return transfer


@transaction.atomic
def transfer_cancel(*, actor, transfer: FileTransfer, channel="web") -> FileTransfer:
    """The sender withdraws its request before it is decided."""
    transfer = _locked_pending(transfer)
    if not policy.can_cancel_transfer(actor, transfer):
        raise PermissionDenied("Seule la Mission Locale d'origine annule ce transfert.")
    previous = transfer.status
    transfer.status = TransferStatus.CANCELLED
    transfer.decided_by = actor
    transfer.decided_at = timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at"])
    _log(transfer, actor, previous)
    _audit(actor, transfer, {"transfert": [previous, TransferStatus.CANCELLED]}, channel)
    return transfer


def file_transfers(young_person) -> list[FileTransfer]:
    """The file's transfers, from the file page's prefetch when it made one."""
    if "transfers" in getattr(young_person, "_prefetched_objects_cache", {}):
        return list(young_person.transfers.all())
    return list(
        FileTransfer.objects.filter(young_person=young_person).select_related(
            "from_mission_locale", "to_mission_locale"
        )
    )


def items(young_person) -> list:
    """Timeline provider: the transfers of the file (one query, none when prefetched)."""
    from jalon.youngpeople.timeline import TimelineItem

    result = []
    for transfer in file_transfers(young_person):
        result.append(
            TimelineItem(
                day=timezone.localtime(transfer.requested_at).date(),
                kind="transfer",
                title=f"Transfert demandé vers {transfer.to_mission_locale.name}",
                detail=f"{transfer.get_reason_kind_display()} · depuis "
                f"{transfer.from_mission_locale.name}",
                badges=(transfer.get_status_display(),),
            )
        )
        if transfer.decided_at and transfer.status == TransferStatus.ACCEPTED:
            result.append(
                TimelineItem(
                    day=timezone.localtime(transfer.decided_at).date(),
                    kind="transfer",
                    title=f"Dossier repris par {transfer.to_mission_locale.name}",
                    order=10,
                    badges=(transfer.get_status_display(),),
                )
            )
    return result

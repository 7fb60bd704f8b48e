"""Demo transfers between Missions Locales: one file from Montpellier waiting for Toulouse's
decision, and one taken over by Toulouse three months ago (a release from detention)."""

import datetime

from django.utils import timezone

from jalon.accounts.models import User
from jalon.audit.models import EmergencyAccess
from jalon.demo import network as demo
from jalon.network.models import Commune, Organisation
from jalon.scheduling.enums import AppointmentStatus
from jalon.scheduling.models import Appointment, AppointmentStatusChange
from jalon.youngpeople.enums import FileStatus, TransferReason, TransferStatus
from jalon.youngpeople.models import FileTransfer, FileTransferStatusChange, YoungPerson


def _log(transfer, by, at, previous, reason=""):
    FileTransferStatusChange.objects.create(
        transfer=transfer,
        changed_by=by,
        changed_at=at,
        from_status=previous,
        to_status=transfer.status,
        reason=reason,
    )


def load(today: datetime.date) -> int:
    toulouse = Organisation.objects.get(code=demo.ML_TOULOUSE)
    montpellier = Organisation.objects.get(code=demo.ML_MONTPELLIER)
    sender = User.objects.get(email=f"conseiller2@{demo.DEMO_DOMAIN}")
    director = User.objects.get(email=f"directeur@{demo.DEMO_DOMAIN}")
    counsellor = User.objects.get(email=f"conseiller@{demo.DEMO_DOMAIN}")
    toulouse_commune = Commune.objects.get(code="31555")
    # Files of the requester's portfolio that no other demo story (emergency access) uses.
    waiting, taken_over = (
        YoungPerson.objects.filter(
            mission_locale=montpellier, status=FileStatus.ACTIVE, referent=sender
        )
        .exclude(pk__in=EmergencyAccess.objects.values("young_person_id"))
        .order_by("pk")[:2]
    )
    now = timezone.now()

    asked = now - datetime.timedelta(days=2)
    pending = FileTransfer.objects.create(
        young_person=waiting,
        from_mission_locale=montpellier,
        to_mission_locale=toulouse,
        requested_by=sender,
        requested_at=asked,
        reason_kind=TransferReason.MOVE,
        reason="S'installe à Toulouse pour un contrat d'apprentissage.",
        new_address="12 rue des Lois",
        new_postal_code="31000",
        new_commune=toulouse_commune,
    )
    _log(pending, sender, asked, "", pending.get_reason_kind_display())

    asked = now - datetime.timedelta(days=95)
    accepted_at = asked + datetime.timedelta(days=3)
    accepted = FileTransfer.objects.create(
        young_person=taken_over,
        from_mission_locale=montpellier,
        to_mission_locale=toulouse,
        requested_by=sender,
        requested_at=asked,
        reason_kind=TransferReason.RELEASE,
        reason="Libération prévue, hébergé par sa mère à Toulouse.",
        new_postal_code="31000",
        new_commune=toulouse_commune,
    )
    _log(accepted, sender, asked, "", accepted.get_reason_kind_display())
    accepted.status = TransferStatus.ACCEPTED
    accepted.decided_by = director
    accepted.decided_at = accepted_at
    accepted.save(update_fields=["status", "decided_by", "decided_at"])
    _log(accepted, director, accepted_at, TransferStatus.REQUESTED)
    # As on a real acceptance: what was planned with Montpellier is cancelled.
    for appointment in Appointment.objects.filter(
        young_person=taken_over, status=AppointmentStatus.PLANNED, starts_at__gt=now
    ):
        appointment.status = AppointmentStatus.CANCELLED
        appointment.save(update_fields=["status"])
        AppointmentStatusChange.objects.create(
            appointment=appointment,
            changed_by=director,
            changed_at=accepted_at,
            from_status=AppointmentStatus.PLANNED,
            to_status=AppointmentStatus.CANCELLED,
            reason=f"Dossier transféré à {toulouse.name}",
        )
    taken_over.mission_locale = toulouse
    taken_over.site = None
    taken_over.referent = counsellor
    taken_over.version += 1
    taken_over.save(update_fields=["mission_locale", "site", "referent", "version"])
    return 2

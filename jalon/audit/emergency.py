"""Emergency access ("break the glass"): a counsellor reads another Mission Locale's file.

The grant is read-only (the policy's write predicates stay own-ML), expires after
`JALON_EMERGENCY_ACCESS_HOURS`, is written to the journal and notified to both directors.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from jalon import policy
from jalon.accounts.models import Role, User
from jalon.audit import services as audit
from jalon.audit.models import AuditAction, EmergencyAccess, EmergencyReason

REASON_MIN_LENGTH = 15


def check_reason(reason_category: str, reason: str) -> None:
    errors = {}
    if reason_category not in EmergencyReason.values:
        errors["reason_category"] = "Choisissez le motif de l'accès d'urgence."
    if len((reason or "").strip()) < REASON_MIN_LENGTH:
        errors["reason"] = (
            f"Expliquez en quelques mots ({REASON_MIN_LENGTH} caractères au moins) pourquoi "
            "vous devez consulter ce dossier maintenant."
        )
    if errors:
        raise ValidationError(errors)


def emergency_access_grant(
    *, actor, young_person, reason_category: str, reason: str, now=None
) -> EmergencyAccess:
    """Open the file read-only for a few hours; an active grant is reused, not doubled."""
    if not policy.can_request_emergency_access_to(actor, young_person):
        raise PermissionDenied
    check_reason(reason_category, reason)
    now = now or timezone.now()
    with transaction.atomic():
        existing = audit.active_emergency_grant(actor, young_person, now)
        if existing is not None:
            return existing
        grant = EmergencyAccess.objects.create(
            user=actor,
            requester_mission_locale_id=actor.organisation_id,
            young_person=young_person,
            file_mission_locale_id=young_person.mission_locale_id,
            reason_category=reason_category,
            reason=reason.strip(),
            granted_at=now,
            expires_at=now + settings.JALON_EMERGENCY_ACCESS_DURATION,
        )
        audit.record(
            actor=actor,
            action=AuditAction.EMERGENCY,
            obj=grant,
            young_person=young_person,
            at=now,
            changes={
                "motif": [None, grant.get_reason_category_display()],
                "motif détaillé": [None, grant.reason],
                "expire le": [None, f"{timezone.localtime(grant.expires_at):%d/%m/%Y %H:%M}"],
            },
        )
        transaction.on_commit(lambda: notify_directors(grant))
    return grant


def notify_directors(grant: EmergencyAccess) -> int:
    """One e-mail to each director of both Missions Locales: who, which ML, when, where to look.

    The young person's name and the reason stay in Jalon (the journal page), not in mailboxes.
    """
    directors = User.objects.filter(
        role=Role.DIRECTOR,
        is_active=True,
        organisation_id__in={grant.file_mission_locale_id, grant.requester_mission_locale_id},
    ).select_related("organisation")
    link = settings.JALON_SITE_URL + reverse("audit:list") + "#acces-urgence"
    granted = timezone.localtime(grant.granted_at)
    expires = timezone.localtime(grant.expires_at)
    requester = grant.user
    messages = []
    for director in directors:
        own_file = director.organisation_id == grant.file_mission_locale_id
        subject = (
            "Jalon — accès d'urgence à un dossier de votre Mission Locale"
            if own_file
            else "Jalon — accès d'urgence demandé par votre équipe"
        )
        body = (
            f"Bonjour,\n\n"
            f"{requester.get_full_name()} ({requester.get_role_display()}, "
            f"{grant.requester_mission_locale.name}) a ouvert en accès d'urgence un dossier de "
            f"la {grant.file_mission_locale.name}, le {granted:%d/%m/%Y à %H:%M}, "
            f"en lecture seule jusqu'à {expires:%H:%M}.\n\n"
            f"Le motif et le détail des consultations sont dans le journal d'audit :\n{link}\n\n"
            f"Ce message est envoyé aux directions des deux Missions Locales.\n"
        )
        messages.append((subject, body, None, [director.email]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0

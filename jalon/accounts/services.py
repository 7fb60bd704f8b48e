"""Writes on accounts: team management and second-factor resets, each audited."""

import secrets

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from jalon import policy
from jalon.accounts import second_factor
from jalon.accounts.models import User
from jalon.audit import services as audit
from jalon.audit.models import AuditAction


def _record(*, actor, member, action, changes):
    audit.record(
        actor=actor,
        action=action,
        obj=member,
        mission_locale=member.organisation if member.role in policy.team_roles() else None,
        changes=changes,
    )


def _check_role(role: str) -> None:
    if role not in policy.team_roles():
        raise ValidationError({"role": "Ce rôle ne peut pas être attribué par une direction."})


@transaction.atomic
def team_member_create(
    *, actor, email: str, first_name: str, last_name: str, role: str, site_url: str
) -> User:
    """Opens the account and mails a link to choose a password (Django's reset token).

    The account gets a random password nobody knows, so "mot de passe oublié" also works
    if the link has expired.
    """
    if not policy.can_manage_team(actor):
        raise PermissionDenied
    _check_role(role)
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Un compte existe déjà avec cette adresse."})
    member = User(
        email=email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        role=role,
        organisation=actor.organisation,
    )
    member.set_password(secrets.token_urlsafe(32))
    member.full_clean()
    member.save()
    _record(
        actor=actor,
        member=member,
        action=AuditAction.CREATE,
        changes={"compte": [None, member.email], "rôle": [None, member.get_role_display()]},
    )
    uidb64 = urlsafe_base64_encode(force_bytes(member.pk))
    token = default_token_generator.make_token(member)
    link = site_url.rstrip("/") + reverse("password_reset_confirm", args=[uidb64, token])
    context = {"member": member, "director": actor, "link": link}
    send_mail(
        subject="Votre compte Jalon est ouvert",
        message=render_to_string("accounts/team_welcome_email.txt", context),
        from_email=None,
        recipient_list=[member.email],
    )
    return member


@transaction.atomic
def team_member_change_role(*, actor, member: User, role: str) -> User:
    if not policy.can_change_team_member(actor, member):
        raise PermissionDenied
    _check_role(role)
    if role == member.role:
        return member
    previous = member.get_role_display()
    member.role = role
    member.save(update_fields=["role"])
    _record(
        actor=actor,
        member=member,
        action=AuditAction.UPDATE,
        changes={"rôle": [previous, member.get_role_display()]},
    )
    return member


@transaction.atomic
def team_member_end_habilitation(*, actor, member: User) -> User:
    """The account closes at once (sessions and API tokens stop working); kept for retention."""
    if not policy.can_change_team_member(actor, member):
        raise PermissionDenied
    if member.habilitation_ended_at is not None:
        raise ValidationError("L'habilitation de ce compte a déjà pris fin.")
    member.habilitation_ended_at = timezone.now()
    member.is_active = False
    member.save(update_fields=["habilitation_ended_at", "is_active"])
    _record(
        actor=actor,
        member=member,
        action=AuditAction.UPDATE,
        changes={"habilitation": ["active", "terminée"]},
    )
    return member


@transaction.atomic
def second_factor_reset(*, actor, member: User) -> None:
    """Lost phone: the devices go, the holder enrols again at the next page they open."""
    if not policy.can_reset_second_factor(actor, member):
        raise PermissionDenied
    second_factor.remove_devices(member)
    _record(
        actor=actor,
        member=member,
        action=AuditAction.UPDATE,
        changes={"double authentification": ["activée", "réinitialisée"]},
    )


@transaction.atomic
def recovery_codes_regenerate(*, actor) -> list[str]:
    codes = second_factor.create_recovery_codes(user=actor)
    _record(
        actor=actor,
        member=actor,
        action=AuditAction.UPDATE,
        changes={"codes de secours": ["anciens", "nouveaux"]},
    )
    return codes

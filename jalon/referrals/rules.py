"""Rules of consent and liaison forms (décret 2015-59: sharing needs the young person's
agreement)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError

from jalon.network.models import PARTNER_KINDS, OrganisationKind
from jalon.referrals.enums import (
    ConsentCategory,
    ConsentMethod,
    LiaisonDirection,
    LiaisonNeed,
    LiaisonSituation,
    LiaisonUrgency,
)


def check_consent(
    *, organisation, categories, method: str, given_on: datetime.date, today: datetime.date
) -> None:
    errors = {}
    if organisation is None or organisation.kind not in PARTNER_KINDS:
        errors["organisation"] = "Choisissez une structure partenaire."
    unknown = set(categories) - set(ConsentCategory.values)
    if not categories:
        errors["categories"] = "Cochez au moins une catégorie d'informations à partager."
    elif unknown:
        errors["categories"] = "Catégorie inconnue."
    if method not in ConsentMethod.values:
        errors["method"] = "Indiquez comment le consentement a été recueilli."
    if given_on is None:
        errors["given_on"] = "Indiquez la date du consentement."
    elif given_on > today:
        errors["given_on"] = "Un consentement ne peut pas être daté dans le futur."
    if errors:
        raise ValidationError(errors)


def check_liaison_form(
    *, data: dict, direction: str, today: datetime.date, attachment_count: int
) -> None:
    """A form names its recipient, the young person, a reason and, always, their consent."""
    errors = {}
    recipient = data.get("recipient_organisation")
    if direction == LiaisonDirection.TO_MISSION_LOCALE:
        if recipient is None or recipient.kind != OrganisationKind.MISSION_LOCALE:
            errors["recipient_organisation"] = "Choisissez la Mission Locale destinataire."
    elif recipient is None or recipient.kind not in PARTNER_KINDS:
        errors["recipient_organisation"] = "Choisissez la structure partenaire destinataire."
    for field, message in (
        ("last_name", "Indiquez le nom du jeune."),
        ("first_names", "Indiquez le prénom du jeune."),
        ("reason", "Indiquez le motif de l'orientation."),
    ):
        if not (data.get(field) or "").strip():
            errors[field] = message
    birth_date = data.get("birth_date")
    if birth_date is None:
        errors["birth_date"] = "Indiquez la date de naissance du jeune."
    elif birth_date >= today:
        errors["birth_date"] = "La date de naissance doit être passée."
    if data.get("situation", LiaisonSituation.OTHER) not in LiaisonSituation.values:
        errors["situation"] = "Situation inconnue."
    establishment = data.get("establishment")
    if establishment is not None and establishment.kind != OrganisationKind.PRISON:
        errors["establishment"] = "Choisissez un établissement pénitentiaire."
    if set(data.get("needs") or ()) - set(LiaisonNeed.values):
        errors["needs"] = "Besoin inconnu."
    urgency = data.get("urgency", LiaisonUrgency.NORMAL)
    if urgency not in LiaisonUrgency.values:
        errors["urgency"] = "Urgence inconnue : normale ou urgente."
    elif urgency == LiaisonUrgency.URGENT and not (data.get("urgency_reason") or "").strip():
        errors["urgency_reason"] = "Indiquez pourquoi la fiche est urgente."
    if not data.get("consent_given"):
        errors["consent_given"] = (
            "Une fiche de liaison ne peut pas être envoyée sans le consentement du jeune."
        )
    if data.get("consent_method") not in ConsentMethod.values:
        errors["consent_method"] = "Indiquez comment le consentement a été recueilli."
    consent_date = data.get("consent_date")
    if consent_date is None:
        errors["consent_date"] = "Indiquez la date du consentement."
    elif consent_date > today:
        errors["consent_date"] = "Un consentement ne peut pas être daté dans le futur."
    if attachment_count > settings.JALON_LIAISON_MAX_ATTACHMENTS:
        errors["attachments"] = _too_many_attachments()
    if errors:
        raise ValidationError(errors)


def _too_many_attachments() -> str:
    return f"{settings.JALON_LIAISON_MAX_ATTACHMENTS} pièces jointes au plus par fiche."


def check_attachment_count(attachment_count: int) -> None:
    if attachment_count > settings.JALON_LIAISON_MAX_ATTACHMENTS:
        raise ValidationError({"attachments": _too_many_attachments()})


def check_reason(reason: str, message: str) -> None:
    if not (reason or "").strip():
        raise ValidationError({"reason": message})

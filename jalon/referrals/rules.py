"""Rules of consent (décret 2015-59: sharing needs the young person's agreement)."""

import datetime

from django.core.exceptions import ValidationError

from jalon.network.models import PARTNER_KINDS
from jalon.referrals.enums import ConsentCategory, ConsentMethod


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

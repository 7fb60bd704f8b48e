"""Rules of shared follow-up and of the correspondents' directory."""

import datetime

from django.core.exceptions import ValidationError

from jalon.network.models import PARTNER_KINDS

NOTE_MAX_LENGTH = 4000


def check_new_member(
    *, young_person, user, start_date: datetime.date, has_consent: bool, already_member: bool
) -> None:
    """A partner joins only with the young person's consent for their structure; the Mission
    Locale side is its own staff (the referent first)."""
    errors = {}
    if user is None:
        errors["user"] = "Choisissez un·e professionnel·le."
    elif user.is_partner:
        if not has_consent:
            errors["user"] = (
                "Le jeune n'a pas donné (ou a retiré) son consentement au partage avec "
                "la structure de ce·tte professionnel·le : enregistrez d'abord son consentement."
            )
    elif not (
        user.is_mission_locale_staff and user.organisation_id == young_person.mission_locale_id
    ):
        errors["user"] = (
            "Seul·es les professionnel·les de la Mission Locale du jeune et les partenaires "
            "(CPIP, éducateur·rice PJJ, référent·e ASE) peuvent rejoindre le suivi."
        )
    if user is not None and already_member:
        errors["user"] = "Ce·tte professionnel·le fait déjà partie du suivi partagé."
    if start_date is None:
        errors["start_date"] = "Indiquez la date de début."
    if errors:
        raise ValidationError(errors)


def check_note(text: str) -> None:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": "Écrivez la note avant de l'enregistrer."})
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {"text": f"Une note compte au plus {NOTE_MAX_LENGTH} caractères ({len(text)} ici)."}
        )


def check_correspondent(*, mission_locale_id, organisation, counterpart, start_date, end_date):
    """One side is the director's Mission Locale, the other a partner structure."""
    errors = {}
    sides = {getattr(organisation, "pk", None), getattr(counterpart, "pk", None)}
    other = counterpart if getattr(organisation, "pk", None) == mission_locale_id else organisation
    if organisation is None:
        errors["organisation"] = "Choisissez la structure du ou de la correspondant·e."
    if counterpart is None:
        errors["counterpart"] = (
            "Choisissez la structure pour laquelle il ou elle est correspondant·e."
        )
    if not errors and (
        mission_locale_id not in sides or other is None or other.kind not in PARTNER_KINDS
    ):
        errors["counterpart"] = (
            "Un correspondant relie votre Mission Locale à une structure partenaire : "
            "l'une des deux structures doit être la vôtre, l'autre un partenaire."
        )
    if start_date is None:
        errors["start_date"] = "Indiquez depuis quand."
    elif end_date is not None and end_date <= start_date:
        errors["end_date"] = "La fin doit suivre le début."
    if errors:
        raise ValidationError(errors)

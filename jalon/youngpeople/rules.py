"""Rules of the young person's file, each a plain function raising French messages.

Pages and API call them through the services, so that both give the same answers.
"""

import datetime
import re

from django.core.exceptions import ValidationError

from jalon.youngpeople.enums import DETAILS_BY_PUBLIC, PriorityPublic, PublicDetail

MIN_AGE = 16
MAX_AGE = 25
MAX_AGE_WITH_RQTH = 29

_PHONE_DIGITS = re.compile(r"[\s.\-()]")
_FRENCH_PHONE = re.compile(r"^0[1-9]\d{8}$")
_POSTAL_CODE = re.compile(r"^\d{5}$")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_not_in_future(value: datetime.date | None, field: str, today: datetime.date) -> None:
    if value and value > today:
        raise ValidationError({field: "Cette date ne peut pas être dans le futur."})


def check_age_at_first_reception(
    *,
    birth_date: datetime.date,
    first_reception_date: datetime.date,
    has_rqth: bool,
    exception_reason: str,
) -> None:
    """Missions Locales accompany young people aged 16 to 25 révolus, 29 with a RQTH.

    Outside that range a director may still open the file by recording why.
    """
    if exception_reason.strip():
        return
    age = age_on(birth_date, first_reception_date)
    max_age = MAX_AGE_WITH_RQTH if has_rqth else MAX_AGE
    if age < MIN_AGE or age > max_age:
        limit = "29 ans avec une RQTH" if has_rqth else "25 ans révolus (29 avec une RQTH)"
        raise ValidationError(
            {
                "birth_date": (
                    f"Le jeune a {age} ans au premier accueil : la Mission Locale accompagne "
                    f"les jeunes de 16 à {limit}. Une dérogation motivée peut être "
                    "enregistrée par le directeur ou la directrice."
                )
            }
        )


def normalize_phone(raw: str) -> str:
    """Return a French number as "06 12 34 56 78", or raise.

    Accepts +33 / 0033 prefixes and the usual separators.
    """
    digits = _PHONE_DIGITS.sub("", raw or "")
    if not digits:
        return ""
    if digits.startswith("+33"):
        digits = "0" + digits[3:]
    elif digits.startswith("0033"):
        digits = "0" + digits[4:]
    if not _FRENCH_PHONE.match(digits):
        raise ValidationError(
            {"phone": "Numéro de téléphone invalide : 10 chiffres commençant par 0 (ou +33)."}
        )
    return " ".join(digits[i : i + 2] for i in range(0, 10, 2))


def check_postal_code(postal_code: str, commune) -> None:
    if postal_code and not _POSTAL_CODE.match(postal_code):
        raise ValidationError({"postal_code": "Le code postal compte 5 chiffres."})
    if postal_code and commune is None:
        raise ValidationError({"commune": "Indiquez la commune qui correspond au code postal."})
    if commune is not None and postal_code and postal_code not in commune.postal_code_list:
        raise ValidationError(
            {
                "postal_code": (
                    f"Le code postal {postal_code} ne correspond pas à {commune.name} "
                    f"(codes possibles : {', '.join(commune.postal_code_list)})."
                )
            }
        )


def check_public_period(
    *, public: str, detail: str, start_date, end_date, today: datetime.date
) -> None:
    allowed = DETAILS_BY_PUBLIC.get(public, set())
    if allowed and detail not in allowed:
        raise ValidationError({"detail": "Précisez la situation pour ce public."})
    if not allowed and detail:
        raise ValidationError({"detail": "Ce public n'a pas de précision."})
    check_not_in_future(start_date, "start_date", today)
    if end_date and end_date < start_date:
        raise ValidationError({"end_date": "La fin ne peut pas précéder le début."})


def has_rqth_on(periods, day: datetime.date) -> bool:
    """Whether one of the given public periods is a RQTH active on that day (none on no day)."""
    return day is not None and any(
        period.public == PriorityPublic.DISABILITY
        and period.detail == PublicDetail.RQTH
        and period.start_date <= day
        and (period.end_date is None or period.end_date >= day)
        for period in periods
    )


def check_no_nul_characters(values: dict) -> None:
    """No database column stores a NUL character: forms refuse it, and so do the services."""
    errors = {
        field: "Le caractère nul (\\u0000) n'est pas accepté : retirez-le du texte."
        for field, value in values.items()
        if isinstance(value, str) and "\x00" in value
    }
    if errors:
        raise ValidationError(errors)

"""Rules of outreach, first reception and diagnostic (seed 003 §1.1.1 and §1.1.2 a).

Each is a plain function raising ValidationError({field: French message}); pages and API reach
them through the services.
"""

import datetime

from django.core.exceptions import ValidationError

from jalon.reception.enums import NextStep, ReceptionOutcome
from jalon.youngpeople.rules import check_not_in_future

__all__ = [
    "check_approximate_age",
    "check_diagnostic_completion",
    "check_interview_date",
    "check_not_before_birth",
    "check_not_completed",
    "check_not_in_future",
    "check_outreach_author",
    "check_reception_outcome",
]

MIN_APPROXIMATE_AGE = 12
MAX_APPROXIMATE_AGE = 35


def check_not_before_birth(value: datetime.date | None, field: str, birth_date) -> None:
    if value and birth_date and value < birth_date:
        raise ValidationError({field: "Cette date ne peut pas précéder la naissance du jeune."})


def check_reception_outcome(*, outcome: str, topic: str, oriented_to, oriented_to_text: str):
    """A one-off answer says on what; an external orientation says towards whom."""
    if outcome == ReceptionOutcome.ONE_OFF_ANSWER and not topic:
        raise ValidationError(
            {"topic": "Précisez le sujet de la réponse ponctuelle (santé, mobilité, logement…)."}
        )
    if (
        outcome == ReceptionOutcome.EXTERNAL_ORIENTATION
        and oriented_to is None
        and not (oriented_to_text or "").strip()
    ):
        raise ValidationError(
            {
                "oriented_to": (
                    "Indiquez vers quel acteur le jeune est orienté : une structure de "
                    "l'annuaire ou, à défaut, son nom."
                )
            }
        )


def check_outreach_author(*, made_by, partner) -> None:
    """A contact is made by a member of the team, a partner structure, or both."""
    if made_by is None and partner is None:
        raise ValidationError(
            {
                "made_by": (
                    "Indiquez qui a fait le contact : un membre de l'équipe, une structure "
                    "partenaire, ou les deux."
                )
            }
        )


def check_approximate_age(age: int | None) -> None:
    if age is not None and not MIN_APPROXIMATE_AGE <= age <= MAX_APPROXIMATE_AGE:
        raise ValidationError(
            {
                "approximate_age": (
                    f"Âge approximatif attendu entre {MIN_APPROXIMATE_AGE} et "
                    f"{MAX_APPROXIMATE_AGE} ans."
                )
            }
        )


def check_not_completed(diagnostic) -> None:
    """Concluded diagnostics are what the pathway relies on: they are not rewritten."""
    if diagnostic.completed_on is not None:
        raise ValidationError(
            "Ce diagnostic est conclu : il ne peut plus être modifié. Commencez-en un nouveau."
        )


def check_interview_date(*, held_on, started_on, today) -> None:
    check_not_in_future(held_on, "held_on", today)
    if held_on < started_on:
        raise ValidationError(
            {"held_on": "Un entretien ne peut pas précéder le début du diagnostic."}
        )


def check_diagnostic_completion(
    *,
    conclusions: str,
    recommended_next_step: str,
    completed_on: datetime.date | None,
    started_on: datetime.date,
    today: datetime.date,
    filled_areas: int,
) -> None:
    """Concluding needs written conclusions, a next step, a coherent date and at least one
    area of the young person's situation filled in."""
    errors: dict[str, str] = {}
    if not (conclusions or "").strip():
        errors["conclusions"] = "Rédigez les conclusions du diagnostic."
    if recommended_next_step not in NextStep.values:
        errors["recommended_next_step"] = "Choisissez la suite recommandée."
    if completed_on is None:
        errors["completed_on"] = "Indiquez la date des conclusions."
    elif completed_on > today:
        errors["completed_on"] = "Cette date ne peut pas être dans le futur."
    elif completed_on < started_on:
        errors["completed_on"] = (
            "Les conclusions ne peuvent pas précéder le début du diagnostic "
            f"({started_on:%d/%m/%Y})."
        )
    if filled_areas < 1:
        errors["areas"] = (
            "Renseignez au moins un domaine de la situation du jeune (emploi, formation, "
            "santé…) avant de conclure."
        )
    if errors:
        raise ValidationError(errors)

"""Rules of the contracted pathways (Code du travail L5131-3 ff., R5131-10 ff., D5131-19).

Plain functions: figures (durations, caps, amounts) are passed in, read by the services from
the dated reference data, so that the rules stay pure and testable at any date.
"""

import datetime
import re
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError

from jalon.pathways.enums import (
    CONTRACTS_BY_KIND,
    SANCTION_LADDER,
    AllowanceCategory,
    ExitOutcome,
    ExitReason,
    PathwayKind,
    SanctionKind,
    SituationKind,
)
from jalon.youngpeople.rules import MAX_AGE, MAX_AGE_WITH_RQTH, MIN_AGE, age_on

_SIRET = re.compile(r"^\d{14}$")


def add_months(day: datetime.date, months: int) -> datetime.date:
    return day + relativedelta(months=months)


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def check_end_after_start(start: datetime.date, end: datetime.date | None, field: str) -> None:
    if end is not None and end < start:
        raise ValidationError({field: "La fin ne peut pas précéder le début."})


def check_orientation_sequence_duration(start, planned_end, *, max_months: int) -> None:
    """The orientation and project consolidation sequence lasts 4 months at most."""
    if planned_end > add_months(start, max_months):
        raise ValidationError(
            {
                "planned_end_date": (
                    f"La séquence d'orientation dure {max_months} mois au plus : "
                    f"fin au plus tard le {add_months(start, max_months):%d/%m/%Y}."
                )
            }
        )


def check_pacea_duration(start, planned_end, *, max_months: int) -> None:
    """The PACEA lasts 24 consecutive months at most."""
    if planned_end > add_months(start, max_months):
        raise ValidationError(
            {
                "planned_end_date": (
                    f"Le PACEA dure {max_months} mois consécutifs au plus : "
                    f"fin au plus tard le {add_months(start, max_months):%d/%m/%Y}."
                )
            }
        )


def check_pacea_after_diagnostic(*, has_completed_diagnostic: bool) -> None:
    """A PACEA is signed after a diagnostic has been concluded."""
    if not has_completed_diagnostic:
        raise ValidationError(
            {
                "kind": (
                    "Le PACEA suit un diagnostic : concluez le diagnostic du jeune avant "
                    "d'ouvrir le PACEA."
                )
            }
        )


def check_programme_age(*, kind, birth_date, start, has_rqth: bool) -> None:
    """PACEA and CEJ: 16 to 25 révolus at signature; the CEJ goes to 29 révolus with a RQTH."""
    age = age_on(birth_date, start)
    max_age = MAX_AGE_WITH_RQTH if (kind == PathwayKind.CEJ and has_rqth) else MAX_AGE
    if age < MIN_AGE or age > max_age:
        label = "Le CEJ" if kind == PathwayKind.CEJ else "Le PACEA"
        limit = (
            "16 à 25 ans révolus (29 ans avec une RQTH)"
            if kind == PathwayKind.CEJ
            else "16 à 25 ans révolus"
        )
        raise ValidationError(
            {"start_date": f"{label} s'adresse aux jeunes de {limit} ; le jeune a {age} ans."}
        )


def check_cej_duration(
    start,
    planned_end,
    *,
    min_months: int,
    max_months: int,
    exception_max_months: int,
    exception_reason: str,
) -> None:
    """A CEJ lasts 6 to 12 months; up to 18 months by a reasoned exception."""
    if planned_end < add_months(start, min_months):
        raise ValidationError({"planned_end_date": f"Le CEJ dure au moins {min_months} mois."})
    if planned_end <= add_months(start, max_months):
        return
    if planned_end > add_months(start, exception_max_months):
        raise ValidationError(
            {
                "planned_end_date": (
                    f"Le CEJ dure {exception_max_months} mois au plus, même par dérogation."
                )
            }
        )
    if not exception_reason.strip():
        raise ValidationError(
            {
                "exception_reason": (
                    f"Au-delà de {max_months} mois, le CEJ demande une dérogation motivée "
                    f"(jusqu'à {exception_max_months} mois)."
                )
            }
        )


def check_cej_gap(start, previous_cej_end: datetime.date | None, *, gap_months: int) -> None:
    """Six months must separate the end of a CEJ from the start of a new one."""
    if previous_cej_end is not None and start < add_months(previous_cej_end, gap_months):
        raise ValidationError(
            {
                "start_date": (
                    f"Un nouveau CEJ ne peut commencer que {gap_months} mois après la fin du "
                    f"précédent (terminé le {previous_cej_end:%d/%m/%Y}) : "
                    f"au plus tôt le {add_months(previous_cej_end, gap_months):%d/%m/%Y}."
                )
            }
        )


def check_single_active_pathway(start, others) -> None:
    """One contracted pathway at a time: periods of pathways may not overlap.

    `others` are the young person's other pathways (with start_date and end_date).
    """
    for other in others:
        if other.end_date is None or other.end_date >= start:
            raise ValidationError(
                {
                    "kind": (
                        f"Un parcours contractualisé est déjà en cours ({other}) : "
                        "un seul parcours à la fois, clôturez-le d'abord."
                    )
                }
            )


def check_exit(*, start, end_date, exit_reason: str, exit_outcome: str, today) -> None:
    """A pathway ends on a date, for a reason, with the young person's situation."""
    errors = {}
    if end_date is None:
        errors["end_date"] = ["Indiquez la date de sortie."]
    elif end_date > today:
        errors["end_date"] = ["Cette date ne peut pas être dans le futur."]
    elif end_date < start:
        errors["end_date"] = ["La sortie ne peut pas précéder le début du parcours."]
    if not exit_reason:
        errors["exit_reason"] = ["Indiquez le motif de sortie."]
    elif exit_reason not in ExitReason.values:
        errors["exit_reason"] = [
            f"Motif de sortie inconnu. Valeurs : {', '.join(ExitReason.values)}."
        ]
    if not exit_outcome:
        errors["exit_outcome"] = ["Indiquez la situation du jeune à la sortie."]
    elif exit_outcome not in ExitOutcome.values:
        errors["exit_outcome"] = [
            f"Situation de sortie inconnue. Valeurs : {', '.join(ExitOutcome.values)}."
        ]
    if errors:
        raise ValidationError(errors)


def next_sanction_kind(previous_sanctions: int) -> str:
    """R5131-18: 1st breach -25 % for the month, 2nd one-month suspension, 3rd the end."""
    return SANCTION_LADDER[min(previous_sanctions, len(SANCTION_LADDER) - 1)]


def cej_monthly_allowance(
    *, birth_date, month: datetime.date, category: str, bases: dict[str, Decimal | None]
) -> Decimal:
    """The CEJ allowance for a month, before sanctions.

    `bases` maps "minor", "non_taxable" and "first_bracket" to the amounts in force that month.
    Age is taken on the first day of the month.
    """
    key = "minor" if age_on(birth_date, first_of_month(month)) < 18 else category
    amount = bases.get(key)
    if amount is None:
        raise ValidationError(
            {"month": f"Aucun montant d'allocation de référence n'est en vigueur en {month:%m/%Y}."}
        )
    return amount


def apply_sanctions(amount: Decimal, month: datetime.date, sanctions) -> Decimal:
    """Sanctions of the month lower the allowance; after an end, nothing is due."""
    month = first_of_month(month)
    for sanction in sanctions:
        sanction_month = first_of_month(sanction.month)
        if sanction.kind == SanctionKind.END and month >= sanction_month:
            return Decimal("0.00")
        if sanction_month != month:
            continue
        if sanction.kind == SanctionKind.SUSPENSION:
            return Decimal("0.00")
        if sanction.kind == SanctionKind.REDUCTION:
            amount = (amount * Decimal("0.75")).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return amount


def check_pacea_payment(
    *, amount: Decimal, paid_this_month: Decimal, paid_this_year: Decimal, monthly_cap, yearly_cap
) -> None:
    """PACEA allowance: occasional payments within a monthly and a yearly cap."""
    if amount <= 0:
        raise ValidationError({"amount": "Le montant doit être positif."})
    if monthly_cap is not None and paid_this_month + amount > monthly_cap:
        raise ValidationError(
            {
                "amount": (
                    f"Plafond mensuel de l'allocation PACEA dépassé : {monthly_cap} EUR "
                    f"par mois ({paid_this_month} EUR déjà versés ce mois-ci)."
                )
            }
        )
    if yearly_cap is not None and paid_this_year + amount > yearly_cap:
        raise ValidationError(
            {
                "amount": (
                    f"Plafond annuel de l'allocation PACEA dépassé : {yearly_cap} EUR "
                    f"par an ({paid_this_year} EUR déjà versés)."
                )
            }
        )


def check_siret(siret: str) -> None:
    """14 digits with a valid Luhn key (La Poste's establishments excepted by INSEE)."""
    if not _SIRET.match(siret or ""):
        raise ValidationError({"employer_siret": "Le SIRET compte 14 chiffres."})
    if siret.startswith("356000000"):
        return
    total = 0
    for index, digit in enumerate(reversed(siret)):
        value = int(digit) * (2 if index % 2 else 1)
        total += value - 9 if value > 9 else value
    if total % 10:
        raise ValidationError(
            {"employer_siret": "Ce SIRET n'existe pas (clé de contrôle invalide)."}
        )


def check_situation(*, kind, contract_type, training_type, start, end, today) -> None:
    errors = {}
    allowed = CONTRACTS_BY_KIND.get(kind)
    if allowed and contract_type not in allowed:
        errors["contract_type"] = ["Précisez le contrat."]
    if not allowed and contract_type:
        errors["contract_type"] = ["Un contrat ne s'indique que pour un emploi ou une alternance."]
    if kind == SituationKind.TRAINING and not training_type:
        errors["training_type"] = ["Précisez s'il s'agit d'une formation qualifiante."]
    if kind != SituationKind.TRAINING and training_type:
        errors["training_type"] = ["Le type de formation ne concerne qu'une formation."]
    if end is not None and end < start:
        errors["end_date"] = ["La fin ne peut pas précéder le début."]
    if end is not None and end > today:
        errors["end_date"] = ["La fin d'une situation se renseigne une fois passée."]
    if errors:
        raise ValidationError(errors)


def weekly_hours_flags(hours_by_week: dict, minimum: Decimal) -> dict:
    """Weeks whose total activity is under the CEJ minimum (15 h)."""
    return {week: total < minimum for week, total in hours_by_week.items()}


def check_allowance_category(category: str) -> None:
    """The CEJ allowance depends on the household's tax situation, one of the known ones."""
    if not category:
        raise ValidationError(
            {
                "allowance_category": (
                    "Indiquez la situation fiscale du foyer : elle fixe le montant de l'allocation."
                )
            }
        )
    if category not in AllowanceCategory.values:
        raise ValidationError(
            {
                "allowance_category": (
                    f"Situation fiscale inconnue. Valeurs : {', '.join(AllowanceCategory.values)}."
                )
            }
        )

"""Rules of the child-welfare follow-up (seed 002, CASF L222-5-1), each a plain function
raising French messages keyed by field. Pages and API call them through the services."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from jalon.accounts.models import MISSION_LOCALE_ROLES, Role
from jalon.childwelfare.enums import ASE_STATUSES, AutonomyArea, CejDecision, InterviewStage
from jalon.network.models import OrganisationKind
from jalon.youngpeople.enums import PriorityPublic, PublicDetail
from jalon.youngpeople.rules import MAX_AGE, MAX_AGE_WITH_RQTH, MIN_AGE, age_on, has_rqth_on

MAJORITY = 18
# ASE ends at 21 at the latest (young adult contract, APJM).
ASE_END_AGE = 21
INTERVIEW_AGE = 17


def birthday(birth_date: datetime.date, years: int) -> datetime.date:
    """The day someone turns `years` (1 March for a 29 February birth, as `age_on` counts)."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return datetime.date(birth_date.year + years, 3, 1)


def _not_in_future(errors: dict, field: str, value, today: datetime.date) -> None:
    if value is not None and value > today:
        errors.setdefault(field, "Cette date ne peut pas être dans le futur.")


def _within_ase_ages(errors: dict, field: str, value, birth_date: datetime.date, what: str):
    """Child welfare and the Mission Locale meet from 16 to 21."""
    if value is None:
        return
    if value < birthday(birth_date, MIN_AGE):
        errors.setdefault(field, f"{what} ne peut pas avoir lieu avant les 16 ans du jeune.")
    elif value >= birthday(birth_date, ASE_END_AGE):
        errors.setdefault(
            field, f"{what} ne peut pas avoir lieu après les 21 ans du jeune (fin de l'ASE)."
        )


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def check_lengths(model, values: dict) -> None:
    """Text longer than its column is refused with its limit, never cut nor a database error."""
    errors = {}
    for name, value in values.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if isinstance(value, str) and limit and len(value) > limit:
            errors[name] = f"{limit} caractères au plus ({len(value)} saisis)."
    _raise(errors)


def check_email(value: str, field: str) -> None:
    if value:
        try:
            validate_email(value)
        except ValidationError as error:
            raise ValidationError({field: "Adresse de courriel invalide."}) from error


def interview_due_by(birth_date: datetime.date, taken_into_care_on: datetime.date):
    """Date by which the interview at 17 must be held.

    At the latest one year before majority, i.e. by the 17th birthday; for a young person taken
    into care at 17 or later, "dans les meilleurs délais", which Jalon reads as within
    JALON_ASE_LATE_CARE_INTERVIEW_DAYS of the taking into care.
    """
    seventeenth = birthday(birth_date, INTERVIEW_AGE)
    if taken_into_care_on >= seventeenth:
        return taken_into_care_on + datetime.timedelta(
            days=settings.JALON_ASE_LATE_CARE_INTERVIEW_DAYS
        )
    return seventeenth


def interview_stage(interviews, *, due_by: datetime.date, today: datetime.date) -> str:
    """Held if one was held; planned if one is planned and not overdue; late past the due date."""
    interviews = list(interviews)
    if any(interview.held_on for interview in interviews):
        return InterviewStage.HELD
    if today > due_by:
        return InterviewStage.LATE
    if any(interview.planned_on for interview in interviews):
        return InterviewStage.PLANNED
    return InterviewStage.TO_PLAN


def check_follow_up(
    *,
    birth_date: datetime.date,
    departement,
    taken_into_care_on,
    departement_referent,
    referent_name: str,
    requested_by_departement_on,
    first_contact_on,
    registration_proposed_on,
    registered_on,
    bilan_diagnostic,
    young_person_id: int,
    today: datetime.date,
) -> None:
    errors = {}
    if departement is None or departement.kind != OrganisationKind.CONSEIL_DEPARTEMENTAL:
        errors["departement"] = "Choisissez le conseil départemental qui a confié le jeune."
    if taken_into_care_on is None:
        errors["taken_into_care_on"] = "Indiquez la date de prise en charge par l'ASE."
    else:
        _not_in_future(errors, "taken_into_care_on", taken_into_care_on, today)
        if taken_into_care_on >= birthday(birth_date, ASE_END_AGE):
            errors["taken_into_care_on"] = (
                "L'aide sociale à l'enfance prend fin aux 21 ans : la prise en charge ne peut "
                "pas commencer après."
            )
    if departement_referent is not None and (
        departement_referent.role != Role.ASE_REFERENT
        or departement is None
        or departement_referent.organisation_id != departement.pk
    ):
        errors["departement_referent"] = (
            "Le ou la référent·e doit être un·e référent·e ASE de ce Département."
        )
    if departement_referent is not None and referent_name.strip():
        errors["referent_name"] = (
            "Choisissez un compte ou saisissez un nom, pas les deux : le compte porte déjà le nom."
        )
    for field, value in (
        ("requested_by_departement_on", requested_by_departement_on),
        ("registration_proposed_on", registration_proposed_on),
        ("registered_on", registered_on),
    ):
        _not_in_future(errors, field, value, today)
    _not_in_future(errors, "first_contact_on", first_contact_on, today)
    _within_ase_ages(errors, "first_contact_on", first_contact_on, birth_date, "Le premier contact")
    if bilan_diagnostic is not None and (
        bilan_diagnostic.young_person_id != young_person_id or bilan_diagnostic.completed_on is None
    ):
        errors["bilan_diagnostic"] = "Choisissez un diagnostic conclu de ce jeune."
    _raise(errors)


def check_ase_status(
    *, status: str, start_date, birth_date: datetime.date, current_start, today: datetime.date
) -> None:
    """A new ASE status: placed or at home until 21, the young adult contract from 18 to 21;
    it starts after the current status did (which it closes)."""
    errors = {}
    if status not in ASE_STATUSES:
        errors["status"] = "Choisissez la situation à l'ASE."
    if start_date is None:
        errors["start_date"] = "Indiquez depuis quand."
    else:
        _not_in_future(errors, "start_date", start_date, today)
        if start_date >= birthday(birth_date, ASE_END_AGE):
            errors.setdefault(
                "start_date", "L'aide sociale à l'enfance prend fin aux 21 ans du jeune."
            )
        if status == PublicDetail.ASE_YOUNG_ADULT and start_date < birthday(birth_date, MAJORITY):
            errors.setdefault(
                "start_date",
                "Le contrat jeune majeur (APJM) commence au plus tôt aux 18 ans du jeune.",
            )
        if current_start is not None and start_date <= current_start:
            errors.setdefault(
                "start_date",
                f"La situation actuelle court depuis le {current_start:%d/%m/%Y} : la nouvelle "
                "commence après.",
            )
    _raise(errors)


def check_ase_end(*, end_date, current_start, today: datetime.date) -> None:
    errors = {}
    if current_start is None:
        errors["end_date"] = "Aucune prise en charge ASE en cours."
    elif end_date is None:
        errors["end_date"] = "Indiquez la date de fin de prise en charge."
    else:
        _not_in_future(errors, "end_date", end_date, today)
        if end_date < current_start:
            errors.setdefault("end_date", "La fin ne peut pas précéder le début.")
    _raise(errors)


def check_interview(
    *,
    planned_on,
    held_on,
    held_jointly: bool,
    ml_participant,
    mission_locale_id: int,
    birth_date: datetime.date,
    today: datetime.date,
) -> None:
    errors = {}
    if planned_on is None and held_on is None:
        errors["planned_on"] = "Indiquez la date prévue, ou la date à laquelle il a eu lieu."
    _not_in_future(errors, "held_on", held_on, today)
    _within_ase_ages(errors, "planned_on", planned_on, birth_date, "L'entretien")
    _within_ase_ages(errors, "held_on", held_on, birth_date, "L'entretien")
    if held_jointly and ml_participant is None:
        errors["ml_participant"] = (
            "Un entretien en binôme associe un·e conseiller·ère de la Mission Locale : "
            "indiquez qui."
        )
    _check_ml_participant(errors, ml_participant, mission_locale_id)
    _raise(errors)


def _check_ml_participant(errors: dict, ml_participant, mission_locale_id: int) -> None:
    if ml_participant is not None and (
        ml_participant.organisation_id != mission_locale_id
        or ml_participant.role not in MISSION_LOCALE_ROLES
        or ml_participant.role == Role.RECEPTION
    ):
        errors.setdefault(
            "ml_participant", "Choisissez un·e conseiller·ère de la Mission Locale du jeune."
        )


def check_autonomy_project(
    *,
    drawn_up_on,
    built_jointly: bool,
    ml_participant,
    areas: dict,
    mission_locale_id: int,
    birth_date: datetime.date,
    today: datetime.date,
) -> None:
    """`areas`: {area: (objectives, actions)}; at least one area says something."""
    errors = {}
    if drawn_up_on is None:
        errors["drawn_up_on"] = "Indiquez la date d'élaboration du projet."
    else:
        _not_in_future(errors, "drawn_up_on", drawn_up_on, today)
        _within_ase_ages(errors, "drawn_up_on", drawn_up_on, birth_date, "L'élaboration")
    unknown = set(areas) - set(AutonomyArea.values)
    if unknown:
        errors["areas"] = "Domaine inconnu : " + ", ".join(sorted(unknown)) + "."
    elif not any(
        (objectives or "").strip() or (actions or "").strip()
        for objectives, actions in areas.values()
    ):
        errors["areas"] = (
            "Renseignez les objectifs ou les actions d'au moins un domaine (ressources, "
            "logement, emploi et formation, santé, démarches, accompagnement socio-éducatif)."
        )
    if built_jointly and ml_participant is None:
        errors["ml_participant"] = (
            "Un projet élaboré conjointement associe un·e conseiller·ère de la Mission Locale : "
            "indiquez qui."
        )
    _check_ml_participant(errors, ml_participant, mission_locale_id)
    _raise(errors)


def check_cej_proposal(
    *, proposed_on, birth_date: datetime.date, public_periods, today: datetime.date
) -> None:
    """The CEJ is for 16-25 year olds (29 with a RQTH) on the day it is proposed."""
    errors = {}
    if proposed_on is None:
        errors["proposed_on"] = "Indiquez la date de la proposition."
    else:
        _not_in_future(errors, "proposed_on", proposed_on, today)
        age = age_on(birth_date, proposed_on)
        max_age = MAX_AGE_WITH_RQTH if has_rqth_on(public_periods, proposed_on) else MAX_AGE
        if age < MIN_AGE or age > max_age:
            errors.setdefault(
                "proposed_on",
                f"Le jeune a {age} ans à cette date : le CEJ s'adresse aux 16-25 ans "
                "(29 avec une RQTH).",
            )
    _raise(errors)


def check_cej_decision(*, proposal, decision: str, decided_on, today: datetime.date) -> None:
    errors = {}
    if not proposal.is_pending:
        errors["decision"] = (
            "La réponse à cette proposition est déjà enregistrée "
            f"({proposal.get_decision_display().lower()})."
        )
    elif decision not in (CejDecision.ACCEPTED, CejDecision.REFUSED):
        errors["decision"] = "Indiquez si le jeune accepte ou refuse le CEJ."
    if decided_on is None:
        errors.setdefault("decided_on", "Indiquez la date de la réponse.")
    else:
        _not_in_future(errors, "decided_on", decided_on, today)
        if decided_on < proposal.proposed_on:
            errors.setdefault("decided_on", "La réponse ne peut pas précéder la proposition.")
    _raise(errors)


def was_placed(public_periods) -> bool:
    """Placed at some point by the ASE (placed or young adult contract) or by the PJJ."""
    return any(
        (period.public == PriorityPublic.ASE and period.detail != PublicDetail.ASE_AT_HOME)
        or period.detail == PublicDetail.JUSTICE_PJJ_PLACEMENT
        for period in public_periods
    )


def cej_proposal_due(
    *, birth_date: datetime.date, public_periods, proposals, has_cej: bool, today: datetime.date
) -> bool:
    """The CEJ is "systématiquement proposé" to young adults under 21 formerly placed (ASE or
    PJJ, CASF L222-5-1): due from the 18th birthday while none was proposed since and no CEJ
    is under way."""
    majority = birthday(birth_date, MAJORITY)
    return (
        majority <= today < birthday(birth_date, ASE_END_AGE)
        and was_placed(public_periods)
        and not has_cej
        and not any(proposal.proposed_on >= majority for proposal in proposals)
    )

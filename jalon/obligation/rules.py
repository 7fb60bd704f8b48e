"""The rules of the obligation de formation 16-18 (Code de l'éducation L114-1, R114-1 ff.).

Every 16-17 year old must be in school, apprenticeship, training, employment, service civique
or an accompaniment. The Mission Locale contacts the young people the lists of school leavers
name, convokes them, and informs the président du conseil départemental of those still
without a solution two months after the convocation (seed 002: the only obligation the law
sets is this report to the Département).
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError

from jalon.obligation.enums import SendingMeans, SolutionKind, Stage

# The ages the law names: from 16 to the day before 18.
OBLIGATION_START_AGE = 16
OBLIGATION_END_AGE = 18


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def obligation_ends_on(birth_date: datetime.date) -> datetime.date:
    """The first day the young person is 18 (1 March for those born on 29 February, as
    `age_on` counts): the obligation is over."""
    day = birth_date + relativedelta(years=OBLIGATION_END_AGE)
    return day + datetime.timedelta(days=1) if day.day != birth_date.day else day


def born_on_or_before_for_age(today: datetime.date, years: int) -> datetime.date:
    """The latest birth date of someone aged `years` or more on `today` (database filters)."""
    return today - relativedelta(years=years)


def is_subject_to_obligation(birth_date: datetime.date, day: datetime.date) -> bool:
    """Only 16 and 17 year olds are concerned."""
    return OBLIGATION_START_AGE <= age_on(birth_date, day) < OBLIGATION_END_AGE


def report_delay_months() -> int:
    return settings.JALON_OBLIGATION_REPORT_MONTHS


def report_due_on(convoked_on: datetime.date, months: int | None = None) -> datetime.date:
    """The day from which a young person convoked and still without solution is reported to
    the président du conseil départemental: two months after the convocation (legal default,
    JALON_OBLIGATION_REPORT_MONTHS)."""
    return convoked_on + relativedelta(months=report_delay_months() if months is None else months)


def latest_convocation_due(today: datetime.date, months: int | None = None) -> datetime.date:
    """The latest convocation day whose report is due on or before `today` (database filters):
    the inverse of `report_due_on`, month ends included (31 December + 2 months = 28 February,
    so on 28 February the convocations of 29, 30 and 31 December are due too)."""
    months = report_delay_months() if months is None else months
    day = today - relativedelta(months=months)
    if (today + datetime.timedelta(days=1)).month != today.month:
        day = day + relativedelta(day=31)
    return day


def is_report_due(
    *,
    convoked_on: datetime.date | None,
    has_solution: bool,
    birth_date: datetime.date,
    today: datetime.date,
    months: int | None = None,
) -> bool:
    """A case goes into the report to the Département on and after the due day, when it has no
    solution and the young person is still under 18 (at 18 the obligation is over)."""
    return (
        convoked_on is not None
        and not has_solution
        and today >= report_due_on(convoked_on, months)
        and is_subject_to_obligation(birth_date, today)
    )


def case_stage(
    *,
    birth_date: datetime.date,
    has_contact_attempt: bool,
    convoked_on: datetime.date | None,
    has_solution: bool,
    reported: bool,
    today: datetime.date,
) -> str:
    if has_solution:
        return Stage.SOLVED
    if reported:
        return Stage.REPORTED
    if age_on(birth_date, today) >= OBLIGATION_END_AGE:
        return Stage.OUT_OF_AGE
    if is_report_due(
        convoked_on=convoked_on, has_solution=False, birth_date=birth_date, today=today
    ):
        return Stage.REPORT_DUE
    if convoked_on is not None:
        return Stage.CONVOKED
    if has_contact_attempt:
        return Stage.CONTACTING
    return Stage.TO_CONTACT


def _not_in_future(day, field: str, today: datetime.date, label: str) -> None:
    if day is not None and day > today:
        raise ValidationError({field: f"{label} ne peut pas être dans le futur."})


def check_still_subject(birth_date: datetime.date, day: datetime.date, field: str) -> None:
    """Nothing is recorded under the obligation for someone 18 or older on that day."""
    if age_on(birth_date, day) >= OBLIGATION_END_AGE:
        raise ValidationError(
            {
                field: "À cette date, le jeune avait 18 ans : il n'était plus concerné par "
                "l'obligation de formation."
            }
        )


def check_contact_attempt(*, attempted_on, today) -> None:
    _not_in_future(attempted_on, "attempted_on", today, "La date de la tentative")


def check_convocation(*, convoked_on, appointment_on, birth_date, today) -> None:
    if convoked_on is None:
        raise ValidationError({"convoked_on": "Indiquez la date d'envoi de la convocation."})
    _not_in_future(convoked_on, "convoked_on", today, "La date de la convocation")
    check_still_subject(birth_date, convoked_on, "convoked_on")
    if appointment_on is not None and appointment_on < convoked_on:
        raise ValidationError(
            {"appointment_on": "Le rendez-vous ne peut pas précéder l'envoi de la convocation."}
        )


def check_solution(*, kind, solution_on, pathway, young_person_id, today) -> None:
    if kind not in SolutionKind.values:
        raise ValidationError({"kind": "Choisissez la solution trouvée."})
    if solution_on is None:
        raise ValidationError({"solution_on": "Indiquez depuis quand."})
    _not_in_future(solution_on, "solution_on", today, "La date de la solution")
    if pathway is not None:
        if kind != SolutionKind.ML_ACCOMPANIMENT:
            raise ValidationError(
                {
                    "pathway": "Un parcours ne se rattache qu'à un accompagnement par la Mission "
                    "Locale."
                }
            )
        if pathway.young_person_id != young_person_id:
            raise ValidationError({"pathway": "Ce parcours n'est pas celui de ce jeune."})


def check_sending(*, sent_on, means, created_on, today) -> None:
    if sent_on is None:
        raise ValidationError({"sent_on": "Indiquez la date d'envoi."})
    if means not in SendingMeans.values:
        raise ValidationError({"sending_means": "Choisissez le moyen d'envoi."})
    _not_in_future(sent_on, "sent_on", today, "La date d'envoi")
    if sent_on < created_on:
        raise ValidationError(
            {"sent_on": "Le signalement ne peut pas être envoyé avant d'avoir été établi."}
        )

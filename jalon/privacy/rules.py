"""Retention and data-subject rights: the rules of the décret 2015-59 and of the GDPR.

Plain functions on plain values, so that every boundary is tested without a database.
A "deadline" is the first day on which data must no longer be kept in nominative form: the day
the retention job anonymises them.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError

from jalon.pathways.enums import PathwayKind


@dataclass(frozen=True)
class RetentionPeriods:
    """The durations of the décret (settings, so that an amendment is a configuration change)."""

    age_revolu: int = 25
    years_after_age: int = 2
    cej_years: int = 10
    account_years: int = 1

    @classmethod
    def from_settings(cls) -> "RetentionPeriods":
        return cls(
            age_revolu=settings.JALON_RETENTION_AGE_REVOLU,
            years_after_age=settings.JALON_RETENTION_YEARS_AFTER_AGE,
            cej_years=settings.JALON_RETENTION_CEJ_YEARS,
            account_years=settings.JALON_RETENTION_ACCOUNT_YEARS,
        )

    def rule_labels(self) -> dict[str, str]:
        return {
            RULE_AGE: f"{self.age_revolu} ans révolus + {self.years_after_age} ans",
            RULE_PROGRAMME: "fin d'un programme terminé après cet âge",
            RULE_CEJ: f"fin du CEJ + {self.cej_years} ans",
            RULE_PROGRAMME_OPEN: "suivi ou programme en cours : conservé jusqu'à sa fin",
            RULE_ACCOUNT: f"fin d'habilitation + {self.account_years} an(s)",
        }


RULE_AGE = "age"
RULE_PROGRAMME = "programme"
RULE_CEJ = "cej"
RULE_PROGRAMME_OPEN = "programme_open"
RULE_ACCOUNT = "account"


@dataclass(frozen=True)
class Deadline:
    day: datetime.date | None  # None: unknown while a programme is still open
    rule: str

    def is_due(self, today: datetime.date) -> bool:
        return self.day is not None and self.day <= today


def anniversary(birth_date: datetime.date, years: int) -> datetime.date:
    """The day one turns `years`; born on 29 February, 1 March in other years.

    Matches `YoungPerson.age_on`, for which the birthday has not come on 28 February.
    """
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:
        return datetime.date(birth_date.year + years, 3, 1)


def file_deadline(
    *,
    birth_date: datetime.date,
    programmes: Iterable[tuple[str, datetime.date | None]],
    periods: RetentionPeriods,
    followed: bool = False,
) -> Deadline:
    """When a file must be anonymised.

    `programmes` are (kind, end date or None) of its contracted pathways. The file is kept
    until `age_revolu` révolus + `years_after_age` years, or the end of a programme if later
    (an open programme keeps it: its end is not known yet), and 10 years after a CEJ ends.
    `followed`: the file is still "suivi en cours"; the Mission Locale's accompaniment is
    itself the programme in progress (a young person with RQTH is followed up to 29 révolus).
    """
    if followed:
        return Deadline(None, RULE_PROGRAMME_OPEN)
    # One is "25 ans révolus" until the eve of one's 26th birthday: kept 2 years more.
    deadline = Deadline(
        anniversary(birth_date, periods.age_revolu + 1 + periods.years_after_age), RULE_AGE
    )
    for kind, end_date in programmes:
        if end_date is None:
            return Deadline(None, RULE_PROGRAMME_OPEN)
        candidates = [Deadline(end_date + datetime.timedelta(days=1), RULE_PROGRAMME)]
        if kind == PathwayKind.CEJ:
            candidates.append(Deadline(anniversary(end_date, periods.cej_years), RULE_CEJ))
        for candidate in candidates:
            if candidate.day > deadline.day:
                deadline = candidate
    return deadline


def account_deadline(
    *, habilitation_ended_on: datetime.date | None, periods: RetentionPeriods
) -> datetime.date | None:
    """An account is kept `account_years` after its holder's habilitation ended."""
    if habilitation_ended_on is None:
        return None
    return anniversary(habilitation_ended_on, periods.account_years)


def generalised_birth_date(
    birth_date: datetime.date, first_reception_date: datetime.date
) -> datetime.date:
    """The birth date reduced to its month, keeping the age at first reception exact.

    Indicators count ages at entry: the 1st of the birth month gives the same age on every
    day but those of the birth month before the real birthday; when the first reception falls
    there, the last day of the month keeps that age instead.
    """
    first = birth_date.replace(day=1)
    if (first_reception_date.month, first_reception_date.day) < (
        birth_date.month,
        birth_date.day,
    ) and first_reception_date.month == birth_date.month:
        return first + relativedelta(months=1, days=-1)
    return first


# --- Data subject rights ------------------------------------------------------------------


def answer_deadline(received_on: datetime.date, *, extended: bool) -> datetime.date:
    """GDPR art. 12(3): one month from receipt, extendable by two further months."""
    return received_on + relativedelta(months=3 if extended else 1)


def check_received_on(received_on: datetime.date, today: datetime.date) -> None:
    if received_on > today:
        raise ValidationError(
            {"received_on": "La date de réception ne peut pas être dans le futur."}
        )


def check_extension(
    *, received_on: datetime.date, today: datetime.date, reason: str, already: bool
) -> None:
    """The person must be told of an extension, with its reasons, within the first month."""
    if already:
        raise ValidationError({"reason": "Le délai de réponse a déjà été prolongé."})
    if today > answer_deadline(received_on, extended=False):
        raise ValidationError(
            {
                "reason": "Le délai ne peut plus être prolongé : la prolongation doit être "
                "notifiée dans le mois qui suit la réception de la demande."
            }
        )
    if not reason.strip():
        raise ValidationError(
            {"reason": "Indiquez le motif de la prolongation (complexité, nombre de demandes)."}
        )


def check_closing(
    *, received_on: datetime.date, answered_on: datetime.date, today: datetime.date, answer: str
) -> None:
    errors = {}
    if answered_on > today:
        errors["answered_on"] = "La date de réponse ne peut pas être dans le futur."
    elif answered_on < received_on:
        errors["answered_on"] = "La réponse ne peut pas précéder la réception de la demande."
    if not answer.strip():
        errors["answer"] = "Résumez la réponse apportée à la personne."
    if errors:
        raise ValidationError(errors)


def whole_file_erasure_obstacles(
    programmes: Iterable[tuple[str, datetime.date | None, bool]],
) -> list[str]:
    """Why a file cannot be erased at once (GDPR art. 17(3)(b): a legal obligation applies).

    `programmes` are (kind, end date or None, whether an allowance was paid). Empty: it can.
    """
    obstacles = []
    programmes = list(programmes)
    if any(end is None for _, end, _ in programmes):
        obstacles.append(
            "Un parcours contractualisé est en cours : il doit d'abord être clos "
            "(la personne peut y mettre fin à sa demande)."
        )
    if any(kind == PathwayKind.CEJ for kind, _, _ in programmes):
        obstacles.append(
            "La personne a bénéficié d'un CEJ : son dossier est conservé après la fin du contrat "
            "(décret 2015-59, article 6)."
        )
    if any(paid for _, _, paid in programmes):
        obstacles.append(
            "Une allocation a été versée : le dossier justifie l'emploi de fonds publics "
            "jusqu'à la fin de sa durée de conservation."
        )
    return obstacles

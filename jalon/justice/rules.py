"""Rules of the justice agreement (seed 000) and of the law on TIG; French messages by field."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError

from jalon.accounts.models import Role
from jalon.justice.enums import (
    DETENTION_MEASURES,
    ESTABLISHMENT_KINDS,
    REFERRING_KINDS,
    LeavePurpose,
    Measure,
)
from jalon.network.models import OrganisationKind

FULL_TIME = Decimal("1.00")


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))


def check_establishment(measure: str, establishment) -> None:
    """A detention is served in a prison; an open-environment measure is followed by a SPIP or
    a PJJ service; a placement is a PJJ one."""
    if measure not in Measure.values:
        raise ValidationError({"measure": "Choisissez la mesure."})
    if establishment is None:
        raise ValidationError({"establishment": "Choisissez l'établissement ou le service."})
    if establishment.kind not in ESTABLISHMENT_KINDS[measure]:
        expected = {
            Measure.DETENTION_CONVICTED: "un établissement pénitentiaire",
            Measure.DETENTION_REMAND: "un établissement pénitentiaire",
            Measure.OPEN_ENVIRONMENT: "un SPIP ou un service de la PJJ",
            Measure.PJJ_PLACEMENT: "un service de la PJJ",
        }[measure]
        raise ValidationError({"establishment": f"Pour cette mesure, choisissez {expected}."})


def check_referring_service(organisation, field="referring_service") -> None:
    if organisation is not None and organisation.kind not in REFERRING_KINDS:
        raise ValidationError({field: "Le service référent est un SPIP ou un service de la PJJ."})


def check_entry_date(entry_date, birth_date, today: datetime.date) -> None:
    if entry_date is None:
        raise ValidationError({"entry_date": "Indiquez la date d'entrée."})
    if entry_date > today:
        raise ValidationError({"entry_date": "La date d'entrée ne peut pas être dans le futur."})
    if entry_date < birth_date:
        raise ValidationError({"entry_date": "La date d'entrée précède la naissance."})


def check_release_date(entry_date, release_date, field="foreseeable_release_date") -> None:
    """A foreseeable release comes after the entry."""
    if release_date is not None and entry_date is not None and release_date < entry_date:
        raise ValidationError({field: "La date de sortie ne peut pas précéder la date d'entrée."})


def check_release(situation, released_on, release_situation, today) -> None:
    errors = {}
    if released_on is None:
        errors["released_on"] = "Indiquez la date de sortie."
    elif released_on > today:
        errors["released_on"] = "La sortie s'enregistre une fois faite : date dans le futur."
    elif released_on < situation.entry_date:
        errors["released_on"] = "La date de sortie ne peut pas précéder la date d'entrée."
    if not release_situation:
        errors["release_situation"] = "Indiquez la situation du ou de la jeune à la sortie."
    if errors:
        raise ValidationError(errors)


def check_dated_in_measure(situation, day, field) -> None:
    if day is None:
        raise ValidationError({field: "Indiquez la date."})
    if day < situation.entry_date or (situation.released_on and day > situation.released_on):
        raise ValidationError({field: "Cette date est en dehors de la mesure."})


def check_leave(situation, starts_on, ends_on, purpose, pmsmp_host) -> None:
    """A permission de sortir is granted to a detainee; a PMSMP "hors les murs" names its
    host."""
    if situation.measure not in DETENTION_MEASURES:
        raise ValidationError(
            {"__all__": "Une permission de sortir ne concerne qu'une personne détenue."}
        )
    check_dated_in_measure(situation, starts_on, "starts_on")
    if ends_on is None or ends_on < starts_on:
        raise ValidationError({"ends_on": "La fin de la permission suit son début."})
    if purpose not in LeavePurpose.values:
        raise ValidationError({"purpose": "Choisissez le motif de la permission."})
    if purpose == LeavePurpose.PMSMP and not pmsmp_host:
        raise ValidationError({"pmsmp_host": "Indiquez la structure qui accueille la PMSMP."})


def check_first_appointment(situation, first_appointment_at) -> None:
    """The first appointment after release is set after the foreseeable release date."""
    if first_appointment_at is None or situation.foreseeable_release_date is None:
        return
    if first_appointment_at.date() < situation.foreseeable_release_date:
        raise ValidationError(
            {
                "first_appointment_at": "Le premier rendez-vous après la sortie est fixé le jour "
                "de la sortie prévisible ou après."
            }
        )


# --- TIG ------------------------------------------------------------------------------------


def max_tig_hours(age: int) -> int:
    return settings.JALON_TIG_MAX_HOURS_MINOR if age < 18 else settings.JALON_TIG_MAX_HOURS_ADULT


def check_tig(young_person, ordered_on, hours_ordered, habilitations) -> None:
    """A TIG is pronounced from 16; its hours stay within the legal bounds (fewer for minors);
    the host Mission Locale holds an habilitation for the young person's age on that day."""
    if ordered_on is None:
        raise ValidationError({"ordered_on": "Indiquez la date du jugement."})
    if ordered_on < young_person.birth_date:
        raise ValidationError({"ordered_on": "Cette date précède la naissance."})
    age = age_on(young_person.birth_date, ordered_on)
    if age < 16:
        raise ValidationError(
            {"ordered_on": "Un travail d'intérêt général ne se prononce qu'à partir de 16 ans."}
        )
    low, high = settings.JALON_TIG_MIN_HOURS, max_tig_hours(age)
    if hours_ordered is None or not low <= hours_ordered <= high:
        raise ValidationError(
            {"hours_ordered": f"Un TIG compte de {low} à {high} heures à {age} ans."}
        )
    minor = age < 18
    if not any(h.for_minors if minor else h.for_adults for h in habilitations):
        public = "des mineur·e·s" if minor else "des majeur·e·s"
        raise ValidationError(
            {
                "__all__": f"La Mission Locale n'est pas habilitée à accueillir {public} en TIG à "
                "cette date."
            }
        )


def check_tig_hours_done(placement, hours_done) -> None:
    if hours_done is None or hours_done < 0 or hours_done > placement.hours_ordered:
        raise ValidationError(
            {
                "hours_done": f"Les heures effectuées vont de 0 aux {placement.hours_ordered} "
                "heures prononcées."
            }
        )


def check_tig_module(placement, held_on, hours) -> None:
    if held_on is None or held_on < placement.ordered_on:
        raise ValidationError({"held_on": "Le module suit le jugement."})
    if hours is None or not 1 <= hours <= placement.hours_ordered:
        raise ValidationError({"hours": "Indiquez la durée du module en heures."})


# --- CJML -----------------------------------------------------------------------------------


def check_cjml_assignment(cjml, mission_locale, establishment, time_share, others) -> None:
    """A CJML of the Mission Locale, a prison, and a share of a full-time post: all their
    establishments together never exceed one full-time post."""
    errors = {}
    if cjml is None or cjml.role != Role.CJML or cjml.organisation_id != mission_locale.pk:
        errors["cjml"] = "Choisissez un·e CJML de votre Mission Locale."
    if establishment is None or establishment.kind != OrganisationKind.PRISON:
        errors["establishment"] = "Choisissez un établissement pénitentiaire."
    if time_share is None or not Decimal("0") < time_share <= FULL_TIME:
        errors["time_share"] = "La quotité est une part d'un temps plein : entre 0,01 et 1."
    elif sum((o.time_share for o in others), Decimal("0")) + time_share > FULL_TIME:
        errors["time_share"] = (
            "Avec ses autres établissements, ce ou cette CJML dépasserait un temps plein."
        )
    if errors:
        raise ValidationError(errors)


def check_session(cjml, mission_locale, establishment, starts_at, ends_at) -> None:
    errors = {}
    if (
        cjml is None
        or cjml.organisation_id != mission_locale.pk
        or not cjml.is_mission_locale_staff
    ):
        errors["cjml"] = "Choisissez un·e conseiller·ère de votre Mission Locale."
    if establishment is None or establishment.kind != OrganisationKind.PRISON:
        errors["establishment"] = "Choisissez un établissement pénitentiaire."
    if starts_at is None or ends_at is None or ends_at <= starts_at:
        errors["ends_at"] = "La permanence finit après avoir commencé."
    if errors:
        raise ValidationError(errors)


def check_session_took_place(session, today) -> None:
    """Young people are recorded as seen at a session that was held (today or before)."""
    if session.date > today or session.status == "cancelled":
        raise ValidationError(
            {"young_person": "On enregistre les jeunes reçus une fois la permanence tenue."}
        )

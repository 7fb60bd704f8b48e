"""Rules of the governance records and of the barometer's aggregated results."""

import datetime

from django.core.exceptions import ValidationError

from jalon.governance.enums import (
    KINDS_WITH_PARTICIPANTS,
    KINDS_WITH_REGION,
    KINDS_WITHOUT_REGION,
    GovernanceKind,
)
from jalon.reporting import anonymisation

FIRST_DATE = datetime.date(2000, 1, 1)
# The largest gathering of the agreement is a national committee or a webinar: 5,000 is a typo.
MAX_PARTICIPANTS = 5_000


def check_governance_record(
    *, kind: str, region_id: int | None, held_on, title: str, participants, today
) -> None:
    errors = {}
    if kind not in GovernanceKind.values:
        raise ValidationError({"kind": "Choisissez le type d'événement."})
    if kind in KINDS_WITH_REGION and region_id is None:
        errors["region"] = "Indiquez la région concernée."
    if kind in KINDS_WITHOUT_REGION and region_id is not None:
        errors["region"] = "Un comité de pilotage national ne concerne pas une région."
    if not isinstance(held_on, datetime.date):
        errors["held_on"] = "Indiquez la date."
    elif held_on > today:
        errors["held_on"] = "La date ne peut pas être dans le futur : enregistrez ce qui a eu lieu."
    elif held_on < FIRST_DATE:
        errors["held_on"] = f"La date ne peut pas être antérieure au {FIRST_DATE:%d/%m/%Y}."
    if kind in KINDS_WITH_PARTICIPANTS:
        if participants is None:
            errors["participants"] = "Indiquez le nombre de participants."
        elif not 1 <= participants <= MAX_PARTICIPANTS:
            errors["participants"] = (
                f"Le nombre de participants doit être compris entre 1 et {MAX_PARTICIPANTS}."
            )
    elif participants is not None:
        errors["participants"] = "Un outil produit n'a pas de participants."
    title = title or ""
    if kind == GovernanceKind.TOOL and not title.strip():
        errors["title"] = "Indiquez l'intitulé de l'outil (ex. guide du référent justice)."
    elif len(title) > 200:
        errors["title"] = "L'intitulé dépasse 200 caractères."
    elif any(ord(char) < 32 for char in title):
        errors["title"] = "L'intitulé contient des caractères de contrôle."
    if errors:
        raise ValidationError(errors)


def suppressed_groups(counts: dict, *, total_shown: bool, threshold: int) -> set:
    """The groups whose results must not be shown, so that no answer can be singled out.

    The indicators' statistical secrecy applies (`reporting.anonymisation.protect`): a group
    with fewer than `threshold` answers is hidden, and when a total is shown beside the groups
    more groups are hidden so that the hidden answers cannot be recomputed from it. Groups
    without answers show nothing anyway and reveal nothing.
    """
    total = object()
    values = {**counts, total: sum(counts.values())}
    hidden = anonymisation.protect(
        values,
        [anonymisation.Equation(tuple(counts), total)] if total_shown else [],
        threshold=threshold,
        locked_shown=frozenset({total}),
    )
    return {group for group in hidden if group is not total and counts[group]}

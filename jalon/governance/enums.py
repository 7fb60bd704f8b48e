from django.db import models


class GovernanceKind(models.TextChoices):
    """What the justice agreement's follow-up table counts (seed 000, annex 3)."""

    NATIONAL_COMMITTEE = "national_committee", "Comité de pilotage national"
    REGIONAL_COMMITTEE = "regional_committee", "Comité de pilotage régional"
    ENAP_TRAINING = "enap_training", "Session de formation à l'ENAP"
    ENPJJ_TRAINING = "enpjj_training", "Session de formation de l'ENPJJ"
    PRACTICE_EXCHANGE = "practice_exchange", "Temps d'échange de pratiques (ARML)"
    TOOL = "tool", "Outil produit (guide, webinaire, kit…)"


# Events people attend: their number of participants is counted.
KINDS_WITH_PARTICIPANTS = frozenset(
    {
        GovernanceKind.NATIONAL_COMMITTEE,
        GovernanceKind.REGIONAL_COMMITTEE,
        GovernanceKind.ENAP_TRAINING,
        GovernanceKind.ENPJJ_TRAINING,
        GovernanceKind.PRACTICE_EXCHANGE,
    }
)
KINDS_WITH_REGION = frozenset({GovernanceKind.REGIONAL_COMMITTEE, GovernanceKind.PRACTICE_EXCHANGE})
KINDS_WITHOUT_REGION = frozenset({GovernanceKind.NATIONAL_COMMITTEE})


class Satisfaction(models.IntegerChoices):
    VERY_UNSATISFIED = 1, "Pas du tout satisfait·e"
    RATHER_UNSATISFIED = 2, "Plutôt pas satisfait·e"
    RATHER_SATISFIED = 3, "Plutôt satisfait·e"
    VERY_SATISFIED = 4, "Très satisfait·e"


class Evolution(models.TextChoices):
    IMPROVED = "improved", "S'est améliorée"
    STABLE = "stable", "Est restée stable"
    WORSENED = "worsened", "S'est dégradée"


# The aspects of the cooperation the barometer asks about (seed 000: "communication, outils,
# accès etc.", and the knowledge of the professional integration commissions).
SATISFACTION_QUESTIONS = {
    "communication": "La communication avec le SPIP et la PJJ",
    "tools": "Les outils partagés (fiche de liaison, IPRO 360°)",
    "access": "Les conditions d'accès à la détention (bureau, matériel, I-MILO)",
}

from django.db import models


class AlertRule(models.TextChoices):
    YOUTH_GUARANTEE = "youth_guarantee", "Garantie jeunes européenne : offre à faire"
    ORIENTATION_SEQUENCE_LIMIT = (
        "orientation_sequence_limit",
        "Séquence d'orientation : 4 mois atteints",
    )
    PACEA_LIMIT = "pacea_limit", "PACEA : 24 mois atteints"
    CEJ_ENDING = "cej_ending", "CEJ : fin prochaine (renouveler ou sortir)"
    CEJ_LOW_ACTIVITY = "cej_low_activity", "CEJ : deux semaines sous 15 h d'activité"
    CEJ_BREACH_TO_REVIEW = "cej_breach_to_review", "CEJ : absence à examiner (sanction ?)"
    NO_CONTACT = "no_contact", "Sans contact depuis plus de 30 jours"
    AGE_LIMIT = "age_limit", "Limite d'âge pendant le parcours"
    LIAISON_FORM_WAITING = "liaison_form_waiting", "Fiche de liaison en attente"
    TRANSFER_WAITING = "transfer_waiting", "Transfert à accepter"
    RELEASE_WITHOUT_PLAN = "release_without_plan", "Sortie de détention sans projet de sortie"
    RELEASE_WITHOUT_FIRST_APPOINTMENT = (
        "release_without_first_appointment",
        "Sortie de détention sans premier rendez-vous tenu",
    )
    ASE_INTERVIEW_AT_17 = "ase_interview_at_17", "ASE : entretien des 17 ans à prévoir"
    ASE_AUTONOMY_PROJECT = "ase_autonomy_project", "ASE : projet d'accès à l'autonomie avant 18 ans"
    CEJ_FOR_FORMERLY_PLACED = (
        "cej_for_formerly_placed",
        "CEJ à proposer à un jeune majeur anciennement placé",
    )
    OBLIGATION_WITHOUT_SOLUTION = (
        "obligation_without_solution",
        "Obligation de formation : jeunes de 16-17 ans sans solution",
    )
    OBLIGATION_REPORT_DUE = (
        "obligation_report_due",
        "Obligation de formation : signalement au Département à faire",
    )


class AlertLevel(models.IntegerChoices):
    SOON = 1, "Échéance proche"
    NOW = 2, "À traiter"


class AlertStatus(models.TextChoices):
    OPEN = "open", "À traiter"
    SNOOZED = "snoozed", "Reportée"
    HANDLED = "handled", "Traitée"
    # The situation changed (an offer made, the pathway ended...): the rule no longer applies.
    RESOLVED = "resolved", "Levée"


# Still in someone's worklist (a snoozed alert comes back on its date).
LIVE_STATUSES = (AlertStatus.OPEN, AlertStatus.SNOOZED)

"""Nomenclatures of the child-welfare (ASE) follow-up (seed 002, CASF L222-5-1)."""

from django.db import models

from jalon.youngpeople.enums import PublicDetail

# The ASE status is the ASE priority public's detail: one history for both (see models.py).
ASE_STATUSES = (
    PublicDetail.ASE_PLACED,
    PublicDetail.ASE_AT_HOME,
    PublicDetail.ASE_YOUNG_ADULT,
)
ASE_STATUS_CHOICES = [(status.value, status.label) for status in ASE_STATUSES]


class AutonomyArea(models.TextChoices):
    """The areas of the projet d'accès à l'autonomie (CASF L222-5-1, seed 002)."""

    RESOURCES = "resources", "Ressources"
    HOUSING = "housing", "Logement"
    EMPLOYMENT_TRAINING = "employment_training", "Emploi, formation"
    CARE = "care", "Santé, soins"
    ADMINISTRATIVE = "administrative", "Démarches administratives, accès aux droits"
    SOCIO_EDUCATIONAL = "socio_educational", "Accompagnement socio-éducatif"


class CejDecision(models.TextChoices):
    PENDING = "pending", "En attente de réponse"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"


class InterviewStage(models.TextChoices):
    """Where the interview at 17 stands (derived from its dates, never stored)."""

    TO_PLAN = "to_plan", "À planifier"
    PLANNED = "planned", "Planifié"
    LATE = "late", "En retard"
    HELD = "held", "Réalisé"

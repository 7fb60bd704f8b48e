"""Nomenclatures of outreach, first reception and diagnostic (labels follow seed 003)."""

from django.db import models


class OutreachOutcome(models.TextChoices):
    MOBILISED = "mobilised", "Mobilisé·e, inscription proposée"
    RECONTACT = "recontact", "À recontacter"
    PARTNER = "partner", "Orienté·e vers un partenaire"
    REFUSED = "refused", "Refus"


class ReceptionMode(models.TextChoices):
    WALK_IN = "walk_in", "Sans rendez-vous (accueil spontané)"
    APPOINTMENT = "appointment", "Sur rendez-vous"


class ReceptionOutcome(models.TextChoices):
    ONE_OFF_ANSWER = "one_off_answer", "Réponse ponctuelle"
    EXTERNAL_ORIENTATION = "external_orientation", "Orientation vers un autre acteur"
    COUNSELLOR_ORIENTATION = (
        "counsellor_orientation",
        "Orientation vers un·e conseiller·ère pour un diagnostic",
    )


class OneOffTopic(models.TextChoices):
    HEALTH = "health", "Santé"
    MOBILITY = "mobility", "Mobilité"
    HOUSING = "housing", "Logement"
    RESOURCES = "resources", "Ressources"
    ADMINISTRATIVE = "administrative", "Démarches administratives"
    OTHER = "other", "Autre question"


class Area(models.TextChoices):
    """The areas of the global approach examined by the diagnostic."""

    EMPLOYMENT = "employment", "Emploi"
    TRAINING = "training", "Formation"
    HEALTH = "health", "Santé"
    HOUSING = "housing", "Logement"
    MOBILITY = "mobility", "Mobilité"
    RESOURCES = "resources", "Ressources"
    CITIZENSHIP = "citizenship", "Citoyenneté"
    LEISURE = "leisure", "Loisirs, culture et sport"


class NextStep(models.TextChoices):
    ORIENTATION_SEQUENCE = "orientation_sequence", "Séquence d'orientation"
    PACEA = "pacea", "PACEA"
    CEJ = "cej", "Contrat d'engagement jeune (CEJ)"
    E2C = "e2c", "École de la deuxième chance (E2C)"
    EPIDE = "epide", "EPIDE"
    SERVICE_CIVIQUE = "service_civique", "Service civique"
    IAE = "iae", "Insertion par l'activité économique (IAE)"
    PLIE = "plie", "PLIE"
    TRAINING_BODY = "training_body", "Organisme de formation"
    OTHER = "other", "Autre"


class InterviewMode(models.TextChoices):
    IN_PERSON = "in_person", "En présentiel"
    PHONE = "phone", "Par téléphone"
    VIDEO = "video", "En visioconférence"
    OUTSIDE = "outside", "Hors les murs"

"""Nomenclatures of the obligation de formation 16-18 (Code de l'éducation, L114-1, R114-1 ff.)."""

from django.db import models


class ContactChannel(models.TextChoices):
    PHONE = "phone", "Téléphone"
    SMS = "sms", "SMS"
    EMAIL = "email", "Courriel"
    LETTER = "letter", "Courrier"
    HOME_VISIT = "home_visit", "Visite à domicile"
    REPRESENTATIVE = "representative", "Par le représentant légal"
    PARTNER = "partner", "Par un partenaire"


class ContactOutcome(models.TextChoices):
    REACHED = "reached", "Jeune joint·e"
    REPRESENTATIVE_REACHED = "representative_reached", "Représentant légal joint"
    NO_ANSWER = "no_answer", "Pas de réponse"
    WRONG_DETAILS = "wrong_details", "Coordonnées erronées"
    MOVED = "moved", "A déménagé"
    REFUSED = "refused", "Refus d'être accompagné·e"


class SolutionKind(models.TextChoices):
    """The situations that satisfy the obligation (L114-1 of the Code de l'éducation)."""

    SCHOOL = "school", "Retour en scolarité"
    APPRENTICESHIP = "apprenticeship", "Apprentissage"
    TRAINING = "training", "Formation"
    EMPLOYMENT = "employment", "Emploi"
    CIVIC_SERVICE = "civic_service", "Service civique"
    ML_ACCOMPANIMENT = "ml_accompaniment", "Accompagnement par la Mission Locale"
    OTHER = "other", "Autre dispositif d'accompagnement ou d'insertion"


class Stage(models.TextChoices):
    """Where a case stands; derived from its facts (rules.case_stage), never set by hand."""

    TO_CONTACT = "to_contact", "À contacter"
    CONTACTING = "contacting", "Contact en cours"
    CONVOKED = "convoked", "Convoqué·e"
    REPORT_DUE = "report_due", "À signaler au Département"
    REPORTED = "reported", "Signalé·e au Département"
    SOLVED = "solved", "Solution trouvée"
    OUT_OF_AGE = "out_of_age", "Sorti·e de l'obligation (18 ans)"


class SendingMeans(models.TextChoices):
    POST = "post", "Courrier postal"
    REGISTERED_POST = "registered_post", "Courrier recommandé"
    SECURE_EMAIL = "secure_email", "Messagerie sécurisée"
    HAND_DELIVERED = "hand_delivered", "Remise en main propre"

from django.db import models


class ConsentCategory(models.TextChoices):
    """What a young person may agree to share with a partner structure.

    Free-text comments belong to no category: they are never shared (décret 2015-59).
    """

    IDENTITY = "identity", "Identité et coordonnées"
    DIAGNOSTIC = "diagnostic", "Conclusions du diagnostic"
    PATHWAY = "pathway", "Parcours et situations"
    APPOINTMENTS = "appointments", "Rendez-vous"


class ConsentMethod(models.TextChoices):
    SIGNED_FORM = "signed_form", "Formulaire signé"
    ORAL = "oral", "Accord oral, en présence du conseiller ou de la conseillère"


class LiaisonDirection(models.TextChoices):
    TO_MISSION_LOCALE = "to_ml", "Partenaire vers Mission Locale"
    TO_PARTNER = "to_partner", "Mission Locale vers partenaire"


class LiaisonStatus(models.TextChoices):
    SENT = "sent", "Envoyée"
    RECEIVED = "received", "Reçue"
    APPOINTMENT_SET = "appointment_set", "Rendez-vous fixé"
    ACCOMPANIMENT_STARTED = "accompaniment_started", "Accompagnement commencé"
    REFUSED = "refused", "Refusée"
    CANCELLED = "cancelled", "Annulée"


# Forms still waiting for the recipient to act: reminders and cancellations apply to them.
WAITING_STATUSES = (LiaisonStatus.SENT, LiaisonStatus.RECEIVED)
OPEN_STATUSES = (*WAITING_STATUSES, LiaisonStatus.APPOINTMENT_SET)


class LiaisonSituation(models.TextChoices):
    DETENTION = "detention", "En détention"
    PROBATION = "probation", "Suivi en milieu ouvert (probation, mesure judiciaire)"
    CHILD_WELFARE = "child_welfare", "Accompagné·e par l'aide sociale à l'enfance"
    JOB_SEEKER = "job_seeker", "Inscrit·e à France Travail"
    OTHER = "other", "Autre situation"


class LiaisonNeed(models.TextChoices):
    EMPLOYMENT = "employment", "Emploi"
    TRAINING = "training", "Formation"
    HOUSING = "housing", "Logement"
    HEALTH = "health", "Santé"
    RESOURCES = "resources", "Ressources, aides financières"
    MOBILITY = "mobility", "Mobilité"
    ADMINISTRATIVE = "administrative", "Démarches administratives, accès aux droits"
    CITIZENSHIP = "citizenship", "Citoyenneté, sport, culture"


class LiaisonUrgency(models.TextChoices):
    NORMAL = "normal", "Normale"
    URGENT = "urgent", "Urgente"

"""Nomenclatures of the justice agreement (seed 000): measures, adjustments, release."""

from django.db import models

from jalon.network.models import OrganisationKind


class Measure(models.TextChoices):
    DETENTION_CONVICTED = "detention_convicted", "Détention — condamné·e"
    DETENTION_REMAND = "detention_remand", "Détention — prévenu·e"
    OPEN_ENVIRONMENT = "open_environment", "Milieu ouvert"
    PJJ_PLACEMENT = "pjj_placement", "Placement PJJ"


DETENTION_MEASURES = frozenset({Measure.DETENTION_CONVICTED, Measure.DETENTION_REMAND})

# Which kind of structure carries each measure: a prison for a detention, the SPIP or the PJJ
# for an open-environment measure, a PJJ service for a placement.
ESTABLISHMENT_KINDS = {
    Measure.DETENTION_CONVICTED: frozenset({OrganisationKind.PRISON}),
    Measure.DETENTION_REMAND: frozenset({OrganisationKind.PRISON}),
    Measure.OPEN_ENVIRONMENT: frozenset({OrganisationKind.SPIP, OrganisationKind.PJJ}),
    Measure.PJJ_PLACEMENT: frozenset({OrganisationKind.PJJ}),
}
REFERRING_KINDS = frozenset({OrganisationKind.SPIP, OrganisationKind.PJJ})


class AdjustmentKind(models.TextChoices):
    SEMI_LIBERTY = "semi_liberty", "Semi-liberté"
    OUTSIDE_PLACEMENT = "outside_placement", "Placement à l'extérieur"
    ELECTRONIC_HOME_DETENTION = "ddse", "Détention à domicile sous surveillance électronique"
    PAROLE = "parole", "Libération conditionnelle"
    CONSTRAINED_RELEASE = "constrained_release", "Libération sous contrainte"
    SUSPENSION = "suspension", "Suspension ou fractionnement de peine"
    REDUCTION = "reduction", "Réduction de peine"


class LeavePurpose(models.TextChoices):
    PMSMP = "pmsmp", "PMSMP « hors les murs »"
    JOB_INTERVIEW = "job_interview", "Entretien d'embauche ou de formation"
    MISSION_LOCALE = "mission_locale", "Rendez-vous à la Mission Locale"
    HOUSING = "housing", "Démarches de logement"
    FAMILY = "family", "Maintien des liens familiaux"
    OTHER = "other", "Autre motif"


class ReleasePathway(models.TextChoices):
    CEJ = "cej", "Contrat d'engagement jeune (CEJ)"
    PACEA = "pacea", "PACEA"
    E2C = "e2c", "École de la deuxième chance (E2C)"
    EPIDE = "epide", "EPIDE"
    PPAIP = "ppaip", "PPAIP"
    PREPA_APPRENTISSAGE = "prepa_apprentissage", "Prépa apprentissage"
    PROMO_16_18 = "promo_16_18", "Promo 16-18 (AFPA)"
    SERVICE_CIVIQUE = "service_civique", "Service civique"
    SIAE = "siae", "Insertion par l'activité économique (SIAE)"
    OTHER = "other", "Autre accompagnement"


class Housing(models.TextChoices):
    FAMILY = "family", "Chez la famille"
    OWN = "own", "Logement autonome"
    HOSTED = "hosted", "Hébergé·e par un tiers"
    FJT = "fjt", "Foyer de jeunes travailleurs, résidence sociale"
    EMERGENCY = "emergency", "Hébergement d'urgence ou CHRS"
    NONE = "none", "Sans solution à ce jour"


class ReleaseSituation(models.TextChoices):
    EMPLOYMENT = "employment", "En emploi"
    WORK_STUDY = "work_study", "En alternance"
    TRAINING = "training", "En formation"
    CONTRACTED_PATHWAY = "contracted_pathway", "Entré·e en CEJ ou PACEA"
    ACCOMPANIED = "accompanied", "Accompagné·e, sans solution encore"
    NO_SOLUTION = "no_solution", "Sans solution (sortie sèche)"
    UNKNOWN = "unknown", "Inconnue"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Prévue"
    HELD = "held", "Tenue"
    CANCELLED = "cancelled", "Annulée"


class JobEventKind(models.TextChoices):
    JOB_DATING = "job_dating", "Job dating"
    FORUM = "forum", "Forum des métiers"
    INFORMATION = "information", "Information collective"
    COMPANY_VISIT = "company_visit", "Rencontre avec des entreprises"


class JobEventOutcome(models.TextChoices):
    ATTENDED = "attended", "A participé"
    INTERVIEW = "interview", "Entretien obtenu"
    OFFER = "offer", "Promesse d'embauche ou de formation"
    ABSENT = "absent", "Absent·e"


class TigStatus(models.TextChoices):
    ONGOING = "ongoing", "En cours"
    COMPLETED = "completed", "Exécuté"
    INTERRUPTED = "interrupted", "Interrompu"

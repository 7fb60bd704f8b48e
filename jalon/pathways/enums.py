"""Nomenclatures of the accompaniment pathway."""

from django.db import models


class PathwayKind(models.TextChoices):
    ORIENTATION_SEQUENCE = "orientation_sequence", "Séquence d'orientation et de consolidation"
    PACEA = "pacea", "PACEA"
    CEJ = "cej", "Contrat d'engagement jeune (CEJ)"


class ExitReason(models.TextChoices):
    COMPLETED = "completed", "Terme prévu atteint"
    AUTONOMY = "autonomy", "Autonomie atteinte"
    REQUEST = "request", "À la demande du jeune"
    AGE_LIMIT = "age_limit", "Limite d'âge atteinte"
    SANCTION = "sanction", "Fin prononcée après manquements"
    MOVED = "moved", "Déménagement"
    NO_CONTACT = "no_contact", "Abandon, sans nouvelles"
    REORIENTED = "reoriented", "Réorientation vers un autre parcours ou partenaire"


class ExitOutcome(models.TextChoices):
    SUSTAINABLE_EMPLOYMENT = (
        "sustainable_employment",
        "Emploi durable (CDI, CDD ou intérim de 6 mois et plus)",
    )
    EMPLOYMENT = "employment", "Emploi de moins de 6 mois"
    WORK_STUDY = "work_study", "Alternance (apprentissage, professionnalisation)"
    TRAINING = "training", "Formation"
    SCHOOL = "school", "Retour en scolarité"
    BUSINESS_CREATION = "business_creation", "Création d'entreprise"
    SERVICE_CIVIQUE = "service_civique", "Service civique"
    OTHER_PROGRAMME = "other_programme", "Autre dispositif (E2C, EPIDE, IAE...)"
    JOB_SEEKER = "job_seeker", "Sans solution (demandeur d'emploi, NEET)"
    UNKNOWN = "unknown", "Situation inconnue"


EMPLOYMENT_OR_TRAINING_OUTCOMES = frozenset(
    {
        ExitOutcome.SUSTAINABLE_EMPLOYMENT,
        ExitOutcome.EMPLOYMENT,
        ExitOutcome.WORK_STUDY,
        ExitOutcome.TRAINING,
    }
)


class AllowanceCategory(models.TextChoices):
    """CEJ allowance bases (D5131-19); minors get the minor base whatever the household."""

    NON_TAXABLE_HOUSEHOLD = "non_taxable", "Majeur·e, foyer non imposable ou autonome"
    FIRST_TAX_BRACKET = "first_bracket", "Majeur·e, foyer imposable dans la 1re tranche"


class SanctionKind(models.TextChoices):
    REDUCTION = "reduction", "Réduction de 25 % de l'allocation du mois"
    SUSPENSION = "suspension", "Suspension de l'allocation pendant un mois"
    END = "end", "Fin de l'allocation et du contrat"


# R5131-18: the 1st breach reduces, the 2nd suspends, the 3rd ends.
SANCTION_LADDER = (SanctionKind.REDUCTION, SanctionKind.SUSPENSION, SanctionKind.END)


class SituationKind(models.TextChoices):
    EMPLOYMENT = "employment", "Emploi"
    WORK_STUDY = "work_study", "Alternance"
    TRAINING = "training", "Formation"
    SCHOOL = "school", "Scolarité"
    BUSINESS_CREATION = "business_creation", "Création d'entreprise"
    SERVICE_CIVIQUE = "service_civique", "Service civique"
    IAE = "iae", "Insertion par l'activité économique (IAE)"
    PMSMP = "pmsmp", "Immersion en entreprise (PMSMP)"
    JOB_SEEKER = "job_seeker", "Demandeur d'emploi, sans activité (NEET)"


class ContractType(models.TextChoices):
    CDI = "cdi", "CDI"
    CDD_6_PLUS = "cdd_6_plus", "CDD de 6 mois et plus"
    CDD_SHORT = "cdd_short", "CDD de moins de 6 mois"
    INTERIM = "interim", "Intérim"
    APPRENTICESHIP = "apprenticeship", "Contrat d'apprentissage"
    PROFESSIONALISATION = "professionalisation", "Contrat de professionnalisation"
    SUBSIDISED = "subsidised", "Contrat aidé"


CONTRACTS_BY_KIND = {
    SituationKind.EMPLOYMENT: {
        ContractType.CDI,
        ContractType.CDD_6_PLUS,
        ContractType.CDD_SHORT,
        ContractType.INTERIM,
        ContractType.SUBSIDISED,
    },
    SituationKind.WORK_STUDY: {ContractType.APPRENTICESHIP, ContractType.PROFESSIONALISATION},
}


class TrainingType(models.TextChoices):
    QUALIFYING = "qualifying", "Qualifiante"
    PRE_QUALIFYING = "pre_qualifying", "Préqualifiante"


class ProposalKind(models.TextChoices):
    JOB_OFFER = "job_offer", "Offre d'emploi"
    TRAINING = "training", "Formation"
    SERVICE_CIVIQUE = "service_civique", "Service civique"
    SPONSORSHIP = "sponsorship", "Parrainage"
    CPF = "cpf", "Compte personnel de formation (CPF)"
    MATERIAL_AID = "material_aid", "Aide matérielle directe"
    PSYCHOLOGICAL_SUPPORT = "psychological_support", "Soutien psychologique"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposée"
    ACCEPTED = "accepted", "Acceptée"
    REFUSED = "refused", "Refusée"
    DONE = "done", "Réalisée"


class ReferenceKey(models.TextChoices):
    """Dated reference values, editable by a national administrator (never constants)."""

    ORIENTATION_SEQUENCE_MAX_MONTHS = (
        "orientation_sequence_max_months",
        "Séquence d'orientation : durée maximale (mois)",
    )
    PACEA_MAX_MONTHS = "pacea_max_months", "PACEA : durée maximale (mois consécutifs)"
    PACEA_MONTHLY_CAP = "pacea_monthly_cap", "PACEA : plafond mensuel de l'allocation (EUR)"
    PACEA_YEARLY_CAP = "pacea_yearly_cap", "PACEA : plafond annuel de l'allocation (EUR)"
    CEJ_MIN_MONTHS = "cej_min_months", "CEJ : durée minimale (mois)"
    CEJ_MAX_MONTHS = "cej_max_months", "CEJ : durée maximale (mois)"
    CEJ_EXCEPTION_MAX_MONTHS = (
        "cej_exception_max_months",
        "CEJ : durée maximale par dérogation motivée (mois)",
    )
    CEJ_GAP_MONTHS = "cej_gap_months", "CEJ : délai entre deux contrats (mois)"
    CEJ_WEEKLY_HOURS_MIN = "cej_weekly_hours_min", "CEJ : activité hebdomadaire minimale (heures)"
    CEJ_WEEKLY_HOURS_MAX = (
        "cej_weekly_hours_max",
        "CEJ : activité hebdomadaire cible maximale (heures)",
    )
    CEJ_ALLOWANCE_NON_TAXABLE = (
        "cej_allowance_non_taxable",
        "CEJ : allocation mensuelle, majeur·e foyer non imposable (EUR)",
    )
    CEJ_ALLOWANCE_FIRST_BRACKET = (
        "cej_allowance_first_bracket",
        "CEJ : allocation mensuelle, majeur·e foyer 1re tranche (EUR)",
    )
    CEJ_ALLOWANCE_MINOR = "cej_allowance_minor", "CEJ : allocation mensuelle, mineur·e (EUR)"

"""Nomenclatures of the young person's file."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"


class Level1969(models.TextChoices):
    """Last class reached, in the 1969 nomenclature still used by the agreements' indicators."""

    VI = "VI", "VI — sorti·e en 6e, 5e ou 4e"
    V_BIS = "Vbis", "V bis — sorti·e après la 3e ou avant l'année terminale de CAP/BEP"
    V = "V", "V — année terminale de CAP/BEP, 2nde ou 1ère"
    IV = "IV", "IV — terminale, baccalauréat"
    III = "III", "III — bac+2"
    II = "II", "II — bac+3 ou bac+4"
    I = "I", "I — bac+5 et plus"  # noqa: E741


class Level2019(models.IntegerChoices):
    """Certification obtained, in the 2019 national framework of professional certifications."""

    L1 = 1, "1 — savoirs de base"
    L2 = 2, "2 — premières compétences professionnelles"
    L3 = 3, "3 — CAP, BEP"
    L4 = 4, "4 — baccalauréat"
    L5 = 5, "5 — bac+2 (BTS, DUT)"
    L6 = 6, "6 — licence, bac+3"
    L7 = 7, "7 — master, bac+5"
    L8 = 8, "8 — doctorat"


# 1969 level -> 2019 levels of the same rank (domain notes); empty means "below 3".
LEVEL_1969_TO_2019 = {
    Level1969.VI: (),
    Level1969.V_BIS: (),
    Level1969.V: (Level2019.L3,),
    Level1969.IV: (Level2019.L4,),
    Level1969.III: (Level2019.L5,),
    Level1969.II: (Level2019.L6,),
    Level1969.I: (Level2019.L7, Level2019.L8),
}


class PriorityPublic(models.TextChoices):
    QPV = "qpv", "Résident·e QPV"
    ZRR = "zrr", "Résident·e ZRR"
    ASE = "ase", "Aide sociale à l'enfance (ASE)"
    JUSTICE = "justice", "Sous main de justice (JSMJ)"
    DISABILITY = "disability", "RQTH ou handicap"
    MNA = "mna", "Mineur·e non accompagné·e (MNA)"


class PublicDetail(models.TextChoices):
    ASE_PLACED = "ase_placed", "Placé·e"
    ASE_AT_HOME = "ase_at_home", "Suivi·e à domicile"
    ASE_YOUNG_ADULT = "ase_young_adult", "Contrat jeune majeur (18-21 ans)"
    JUSTICE_DETENTION = "justice_detention", "Détention"
    JUSTICE_OPEN = "justice_open", "Milieu ouvert"
    JUSTICE_PJJ_PLACEMENT = "justice_pjj_placement", "Placement PJJ"
    RQTH = "rqth", "RQTH"
    DISABILITY_OTHER = "disability_other", "Handicap sans RQTH"


DETAILS_BY_PUBLIC = {
    PriorityPublic.ASE: {
        PublicDetail.ASE_PLACED,
        PublicDetail.ASE_AT_HOME,
        PublicDetail.ASE_YOUNG_ADULT,
    },
    PriorityPublic.JUSTICE: {
        PublicDetail.JUSTICE_DETENTION,
        PublicDetail.JUSTICE_OPEN,
        PublicDetail.JUSTICE_PJJ_PLACEMENT,
    },
    PriorityPublic.DISABILITY: {PublicDetail.RQTH, PublicDetail.DISABILITY_OTHER},
}


class FileStatus(models.TextChoices):
    ACTIVE = "active", "Suivi en cours"
    INACTIVE = "inactive", "Sans suivi en cours"
    MERGED = "merged", "Fusionné"
    ANONYMISED = "anonymised", "Anonymisé"


class DocumentKind(models.TextChoices):
    CV = "cv", "CV"
    IDENTITY = "identity", "Pièce d'identité"
    CERTIFICATE = "certificate", "Attestation"
    PROOF = "proof", "Justificatif"
    OTHER = "other", "Autre"


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", "En attente"
    ACCEPTED = "accepted", "Accepté"
    REFUSED = "refused", "Refusé"
    CANCELLED = "cancelled", "Annulé"


class TransferReason(models.TextChoices):
    MOVE = "move", "Déménagement"
    RELEASE = "release", "Sortie de détention"
    OTHER = "other", "Autre motif"

"""The indicators, defined once: the definitions page, the dashboards, the exports and the API
all read them from here, and `counting.py` implements each line exactly as written."""

from dataclasses import dataclass

from django.db import models


class IndicatorCode(models.TextChoices):
    CPO_2 = "cpo-2", "CPO n°2 — Jeunes accueillis"
    CPO_3 = "cpo-3", "CPO n°3 — Jeunes entrés en accompagnement contractualisé"
    CPO_4 = "cpo-4", "CPO n°4 — Jeunes présents en parcours contractualisé"
    CPO_6 = "cpo-6", "CPO n°6 — Jeunes présents accompagnés dans l'emploi ou la formation"
    CPO_8 = "cpo-8", "CPO n°8 — Jeunes sortis de parcours dans l'emploi ou la formation"
    EDUCATION_LEVEL = "profil-niveau", "Profil — Niveau de formation"
    AGE_AT_FIRST_RECEPTION = "profil-age", "Profil — Âge au premier accueil"
    MINORS_ADULTS = "profil-majorite", "Profil — Mineurs et majeurs"


class TableShape(models.TextChoices):
    """Lines: sub-populations side by side (a QPV line is part of its total, not added to it).
    Distribution: categories that partition the young people counted (they add up)."""

    LINES = "lines", "Lignes d'indicateur"
    DISTRIBUTION = "distribution", "Répartition"


@dataclass(frozen=True)
class Column:
    key: str
    label: str


@dataclass(frozen=True)
class Indicator:
    code: str
    short_name: str
    source: str
    counted: str
    counted_on: str
    period_rule: str
    shape: str
    columns: tuple[Column, ...]

    @property
    def name(self) -> str:
        return IndicatorCode(self.code).label


QPV_RULE = (
    "Ligne QPV : les mêmes jeunes, restreints à ceux qui résident en quartier prioritaire de la "
    "politique de la ville (période « Résident·e QPV » du dossier) le jour compté."
)
CPO_SOURCE = (
    "Cadre de référence du parcours d'accompagnement, CPO État - Missions Locales 2015-2018 "
    "(seed 003), §1.1.2 ; ligne QPV : §1.1.1 « ligne spécifique QPV à chacun des indicateurs "
    "du tableau de bord CPO »."
)
PROFILE_SOURCE = (
    "Diaporama de l'association régionale Occitanie (seed 001), « Le profil des jeunes "
    "accompagnés » : niveaux VI à IV, âges au premier accueil."
)
EMPLOYMENT_OR_TRAINING = "emploi (durable ou non), alternance ou formation"
RECEIVED = (
    "Jeunes distincts ayant au moins un événement tenu dans la période : premier accueil, "
    "entretien de diagnostic, rendez-vous individuel au statut « Présent », participation "
    "« Présent » à un atelier, une information collective ou un événement emploi."
)
LEVEL_LABELS = {
    "VI": "Niveau VI (collège)",
    "Vbis": "Niveau V bis",
    "V": "Niveau V (CAP, BEP)",
    "IV": "Niveau IV (bac)",
    "III": "Niveau III (bac+2)",
    "II": "Niveau II (bac+3/4)",
    "I": "Niveau I (bac+5 et plus)",
    "unknown": "Non renseigné",
}
AGE_LABELS = {
    "under_16": "Moins de 16 ans",
    **{str(age): f"{age} ans" for age in range(16, 26)},
    "26_plus": "26 ans et plus",
}

INDICATORS = {
    indicator.code: indicator
    for indicator in (
        Indicator(
            code=IndicatorCode.CPO_2,
            short_name="Accueillis",
            source=CPO_SOURCE + " Indicateur n°2 « nombre de jeunes accueillis ».",
            counted=RECEIVED
            + " Sous-ligne « premier accueil » : jeunes dont la date de premier accueil du "
            "dossier tombe dans la période.",
            counted_on="Le jour de chaque événement tenu (le jour du premier accueil pour la "
            "sous-ligne). " + QPV_RULE,
            period_rule="Un jeune est compté une fois, quel que soit le nombre d'événements.",
            shape=TableShape.LINES,
            columns=(
                Column("received", "Jeunes accueillis"),
                Column("received_qpv", "dont QPV"),
                Column("first_reception", "dont premier accueil"),
                Column("first_reception_qpv", "dont premier accueil QPV"),
            ),
        ),
        Indicator(
            code=IndicatorCode.CPO_3,
            short_name="Entrés en parcours",
            source=CPO_SOURCE + " Indicateur n°3 « nombre de jeunes entrés en accompagnement "
            "contractualisé ».",
            counted="Jeunes distincts dont un parcours contractualisé (séquence d'orientation "
            "et de consolidation, PACEA ou CEJ) a débuté dans la période ; chaque programme est "
            "aussi compté à part (un jeune entré en PACEA puis en CEJ compte une fois au total, "
            "une fois dans chaque programme).",
            counted_on="La date de début du parcours. " + QPV_RULE,
            period_rule="Début du parcours entre le premier et le dernier jour de la période.",
            shape=TableShape.LINES,
            columns=(
                Column("entered", "Entrés (tous parcours)"),
                Column("entered_qpv", "dont QPV"),
                Column("entered_orientation_sequence", "Séquence d'orientation"),
                Column("entered_pacea", "PACEA"),
                Column("entered_cej", "CEJ"),
            ),
        ),
        Indicator(
            code=IndicatorCode.CPO_4,
            short_name="Présents en parcours",
            source=CPO_SOURCE + " Indicateur n°4 « nombre de jeunes présents en parcours "
            "contractualisé d'accompagnement tous parcours confondus ».",
            counted="Jeunes distincts ayant un parcours contractualisé (séquence d'orientation, "
            "PACEA ou CEJ) actif au moins un jour de la période : débuté au plus tard le "
            "dernier jour, sans date de sortie ou sorti au plus tôt le premier jour.",
            counted_on="Chaque jour de la période où le parcours est actif. "
            + QPV_RULE
            + " (un jour au moins où le parcours est actif).",
            period_rule="Au moins un jour de présence dans la période.",
            shape=TableShape.LINES,
            columns=(
                Column("present", "Présents (tous parcours)"),
                Column("present_qpv", "dont QPV"),
            ),
        ),
        Indicator(
            code=IndicatorCode.CPO_6,
            short_name="Présents en emploi ou formation",
            source=CPO_SOURCE + " Indicateur n°6 « nombre de jeunes présents en parcours "
            "contractualisé accompagnés dans l'emploi ou la formation ».",
            counted="Parmi les jeunes de l'indicateur n°4, ceux dont une situation d'emploi, "
            "d'alternance ou de formation chevauche la période pendant que le parcours est actif.",
            counted_on="Un jour au moins où la période, le parcours actif et la situation se "
            "recouvrent. " + QPV_RULE,
            period_rule="Au moins un jour commun à la période, au parcours et à la situation.",
            shape=TableShape.LINES,
            columns=(
                Column("in_employment_or_training", "En emploi ou formation"),
                Column("in_employment_or_training_qpv", "dont QPV"),
            ),
        ),
        Indicator(
            code=IndicatorCode.CPO_8,
            short_name="Sortis en emploi ou formation",
            source=CPO_SOURCE + " Indicateur n°8 « nombre de jeunes sortis de parcours "
            "d'accompagnement dans l'emploi ou la formation ».",
            counted="Jeunes distincts sortis d'un parcours (séquence d'orientation, PACEA ou CEJ) "
            f"dans la période avec une situation de sortie {EMPLOYMENT_OR_TRAINING}. "
            "Sous-ligne « emploi durable » : sortie en CDI, CDD ou intérim de 6 mois et plus.",
            counted_on="La date de sortie du parcours. " + QPV_RULE,
            period_rule="Date de sortie entre le premier et le dernier jour de la période.",
            shape=TableShape.LINES,
            columns=(
                Column("left_employment_or_training", "Sortis en emploi ou formation"),
                Column("left_employment_or_training_qpv", "dont QPV"),
                Column("left_sustainable_employment", "dont emploi durable"),
                Column("left_sustainable_employment_qpv", "dont emploi durable QPV"),
            ),
        ),
        Indicator(
            code=IndicatorCode.EDUCATION_LEVEL,
            short_name="Niveau de formation",
            source=PROFILE_SOURCE,
            counted="Les jeunes accueillis (indicateur CPO n°2), répartis selon le niveau de la "
            "dernière classe fréquentée (nomenclature de 1969) inscrit au dossier.",
            counted_on="Le niveau enregistré au dossier le jour du calcul.",
            period_rule="Celle de l'indicateur n°2.",
            shape=TableShape.DISTRIBUTION,
            columns=tuple(Column(key, label) for key, label in LEVEL_LABELS.items()),
        ),
        Indicator(
            code=IndicatorCode.AGE_AT_FIRST_RECEPTION,
            short_name="Âge au premier accueil",
            source=PROFILE_SOURCE,
            counted="Les jeunes accueillis (indicateur CPO n°2), répartis selon leur âge en "
            "années révolues à la date de premier accueil du dossier.",
            counted_on="La date de premier accueil.",
            period_rule="Celle de l'indicateur n°2.",
            shape=TableShape.DISTRIBUTION,
            columns=tuple(Column(key, label) for key, label in AGE_LABELS.items()),
        ),
        Indicator(
            code=IndicatorCode.MINORS_ADULTS,
            short_name="Mineurs et majeurs",
            source=PROFILE_SOURCE,
            counted="Les jeunes accueillis (indicateur CPO n°2), mineurs ou majeurs.",
            counted_on="L'âge au dernier jour de la période (mineur : moins de 18 ans révolus).",
            period_rule="Celle de l'indicateur n°2.",
            shape=TableShape.DISTRIBUTION,
            columns=(Column("minor", "Mineurs"), Column("adult", "Majeurs")),
        ),
    )
}

SCOPE_RULE = (
    "Chaque jeune est compté dans la Mission Locale, le site et auprès du conseiller·ère "
    "référent·e qui tiennent son dossier le jour du calcul ; les dossiers fusionnés ne comptent "
    "qu'une fois, les dossiers anonymisés en fin de conservation restent comptés."
)
NOT_YET = (
    "Les jeunes sous main de justice par mesure (JSMJ), les indicateurs de l'accord-cadre "
    "Justice et les six indicateurs de la convention ASE viendront avec les données justice et "
    "protection de l'enfance (mesures, établissements, entretiens des 17 ans)."
)


def anonymisation_rule(threshold: int) -> str:
    return (
        "Ce qui sort d'une Mission Locale pour les pilotes (ARML, UNML) est agrégé : les "
        f"effectifs de 1 à {threshold - 1} sont masqués (« s »), ainsi que les effectifs "
        "complémentaires nécessaires pour qu'aucune valeur masquée ne puisse être recalculée à "
        "partir des totaux. Un effectif nul est affiché : il ne désigne personne."
    )

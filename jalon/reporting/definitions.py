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
    JSMJ_BY_MEASURE = "profil-jsmj", "Profil — Jeunes sous main de justice par mesure"
    JUSTICE = "justice", "Justice — Accompagnement des jeunes sous main de justice"
    JUSTICE_ORIENTATIONS = (
        "justice-orientations",
        "Justice — Jeunes orientés par les partenaires justice, par établissement",
    )
    JUSTICE_RELEASE = "justice-sortie", "Justice — Situation à la sortie de détention"
    JUSTICE_DETENTION = (
        "justice-detention",
        "Justice — Permanences en détention, TIG et événements emploi",
    )
    ASE = "ase", "Protection de l'enfance — Les six indicateurs de la convention, par Département"


class TableShape(models.TextChoices):
    """Lines: sub-populations side by side (a QPV line is part of its total, not added to it).
    Distribution: categories that partition the young people counted (they add up)."""

    LINES = "lines", "Lignes d'indicateur"
    DISTRIBUTION = "distribution", "Répartition"


@dataclass(frozen=True)
class Column:
    """A line of an indicator. Most lines count distinct young people; `records` lines count
    things (interviews, sessions, Missions Locales...): their drill-down lists the young people
    concerned when the things have one (`drillable`)."""

    key: str
    label: str
    records: bool = False
    drillable: bool = True


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
    # Rows of a fixed kind whatever the scope (Départements, establishments), else the scope's.
    breakdown: str = ""
    # A distribution's categories add up to this line (indicator code, column key).
    population: tuple[str, str] = ("cpo-2", "received")
    # Shown only to those who may read the measure behind a JSMJ priority public.
    penal: bool = False

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

JUSTICE_SOURCE = (
    "Accord-cadre 2024-2025 Justice / Travail / SG-CIPDR / UNML (seed 000), action 3 « Définir "
    "un socle d'indicateurs communs » : données anonymisées transmises par l'UNML"
)
JUSTICE_ANNEX_SOURCE = "Accord-cadre Justice (seed 000), annexe 3, référentiel d'indicateurs"
JSMJ_RULE = (
    "Jeune sous main de justice (JSMJ) : période « Sous main de justice » du dossier (public "
    "prioritaire) en cours le jour compté."
)
ASE_SOURCE = (
    "Convention UNML / Départements de France 2024 (seed 002), §5 : « un reporting au 31 "
    "décembre de chaque année comprendra […] les 6 indicateurs suivants »"
)
ASE_RULE = (
    "Jeunes ayant un suivi ASE au dossier, comptés sous le Département de ce suivi (celui qui "
    "a confié le jeune à l'aide sociale à l'enfance)."
)
MEASURE_LABELS = {
    "justice_detention": "Détention",
    "justice_open": "Milieu ouvert",
    "justice_pjj_placement": "Placement PJJ",
    "unknown": "Mesure non renseignée",
}
RELEASE_LABELS = {
    "employment": "En emploi",
    "work_study": "En alternance",
    "training": "En formation",
    "contracted_pathway": "Entré·e en CEJ ou PACEA",
    "accompanied": "Accompagné·e, sans solution encore",
    "no_solution": "Sans solution (sortie sèche)",
    "unknown": "Inconnue",
}

JUSTICE_INDICATORS = (
    Indicator(
        code=IndicatorCode.JUSTICE,
        short_name="Jeunes sous main de justice",
        source=JUSTICE_SOURCE + " (« données déjà existantes » et « nouveaux indicateurs »).",
        counted="Jeunes accueillis : JSMJ ayant eu au moins un entretien individuel tenu "
        "(rendez-vous « Présent » ou entretien lors d'une permanence en détention). Jeunes "
        "accompagnés : JSMJ ayant, dans la période, un parcours contractualisé actif ou au moins "
        "un événement tenu (indicateur CPO n°2). Entretiens réalisés et participations aux "
        "ateliers et informations collectives : nombre d'entretiens (rendez-vous individuels "
        "« Présent » et entretiens en détention) et de participations « Présent ». Permissions "
        "de sortir : nombre de permissions débutant dans la période, dont celles accordées pour "
        "une PMSMP « hors les murs ». Sortis de détention : JSMJ dont la sortie de détention est "
        "enregistrée dans la période.",
        counted_on="Le jour de chaque entretien, participation ou permission ; pour les "
        "accompagnés, un jour de la période. " + JSMJ_RULE,
        period_rule="Jeunes comptés une fois ; entretiens, participations et permissions "
        "comptés chacun.",
        shape=TableShape.LINES,
        columns=(
            Column("jsmj_received", "JSMJ accueillis (reçus en entretien)"),
            Column("jsmj_accompanied", "JSMJ accompagnés"),
            Column("jsmj_interviews", "Entretiens réalisés", records=True),
            Column("jsmj_participations", "Participations aux ateliers", records=True),
            Column("jsmj_leaves", "Permissions de sortir", records=True),
            Column("jsmj_pmsmp_leaves", "dont PMSMP « hors les murs »", records=True),
            Column("jsmj_released", "Sortis de détention"),
        ),
        penal=True,
    ),
    Indicator(
        code=IndicatorCode.JUSTICE_ORIENTATIONS,
        short_name="Orientés par la justice",
        source=JUSTICE_SOURCE + " : « nombre de jeunes orientés » ; « suivi du nombre de "
        "prescriptions des CPIP et des éducateurs de la PJJ vers les Missions Locales en "
        "détention » ; annexe 3 « nombre de prescriptions des CPIP vers la ML ».",
        counted="Fiches de liaison envoyées à la Mission Locale par un SPIP, un service de la PJJ "
        "ou un établissement pénitentiaire, par établissement pénitentiaire indiqué sur la fiche "
        "(« Sans établissement » : orientation en milieu ouvert). Jeunes orientés : jeunes "
        "distincts dont le dossier est rapproché d'une de ces fiches.",
        counted_on="La date d'envoi de la fiche.",
        period_rule="Fiche envoyée entre le premier et le dernier jour de la période.",
        shape=TableShape.LINES,
        columns=(
            Column("justice_forms", "Fiches de liaison reçues", records=True),
            Column("justice_forms_young_people", "Jeunes orientés (dossiers rapprochés)"),
        ),
        breakdown="establishment",
        penal=True,
    ),
    Indicator(
        code=IndicatorCode.JUSTICE_RELEASE,
        short_name="Situation à la sortie",
        source=JUSTICE_SOURCE + " : « situation du jeune à la sortie de détention » ; "
        "diaporama Occitanie (seed 001) « Situation des JSMJ à la sortie ».",
        counted="Les jeunes sortis de détention dans la période (ligne « Sortis de détention » "
        "du tableau Justice), répartis selon la situation à la sortie enregistrée par la "
        "Mission Locale.",
        counted_on="La date de sortie de détention.",
        period_rule="Sortie entre le premier et le dernier jour de la période ; la dernière "
        "sortie de la période si un jeune en a plusieurs.",
        shape=TableShape.DISTRIBUTION,
        columns=tuple(Column(key, label) for key, label in RELEASE_LABELS.items()),
        population=(IndicatorCode.JUSTICE, "jsmj_released"),
        penal=True,
    ),
    Indicator(
        code=IndicatorCode.JUSTICE_DETENTION,
        short_name="Détention, TIG, événements emploi",
        source=JUSTICE_ANNEX_SOURCE + " : permanences des CJML, « nombre de parcours TIG "
        "insertion », « nombre de structures habilitées ML pour accueillir des Tigistes », "
        "« nombre d'évènements emploi organisés ou auxquels ont participé les missions locales ».",
        counted="Permanences tenues en détention par les CJML ; travaux d'intérêt général "
        "prononcés et accueillis par la Mission Locale (parcours TIG) ; Missions Locales "
        "habilitées à accueillir des tigistes un jour au moins de la période ; événements "
        "emploi tenus en détention et participations de jeunes à ces événements.",
        counted_on="La date de la permanence, du jugement du TIG, de l'événement ; les jours "
        "d'habilitation.",
        period_rule="Chaque permanence, TIG, événement ou participation compte une fois ; une "
        "Mission Locale habilitée compte une fois.",
        shape=TableShape.LINES,
        columns=(
            Column("cjml_sessions", "Permanences en détention", records=True, drillable=False),
            Column("tig_paths", "Parcours TIG", records=True),
            Column("tig_habilitated", "ML habilitées TIG", records=True, drillable=False),
            Column("job_events", "Événements emploi", records=True, drillable=False),
            Column("job_event_participations", "Participations", records=True),
        ),
        penal=True,
    ),
    Indicator(
        code=IndicatorCode.JSMJ_BY_MEASURE,
        short_name="JSMJ par mesure",
        source="Diaporama de l'association régionale Occitanie (seed 001), « Le profil des "
        "JSMJ accompagnés en 2022 » ; mesures : accord-cadre Justice (seed 000).",
        counted="Les JSMJ accompagnés (tableau Justice), répartis selon la mesure de leur "
        "période « Sous main de justice » : détention, milieu ouvert, placement PJJ.",
        counted_on="La dernière période « Sous main de justice » commencée au plus tard le "
        "dernier jour de la période.",
        period_rule="Celle des JSMJ accompagnés.",
        shape=TableShape.DISTRIBUTION,
        columns=tuple(Column(key, label) for key, label in MEASURE_LABELS.items()),
        population=(IndicatorCode.JUSTICE, "jsmj_accompanied"),
        penal=True,
    ),
)

ASE_INDICATOR = Indicator(
    code=IndicatorCode.ASE,
    short_name="Protection de l'enfance",
    source=ASE_SOURCE + ". La fiche annuelle est ce tableau sur l'année civile (du 1er janvier "
    "au 31 décembre).",
    counted="Par Département : (1) jeunes de plus de 16 ans accompagnés par l'ASE pour qui le "
    "Département a sollicité la Mission Locale (date de sollicitation) ; (2) jeunes dont "
    "l'entretien des 17 ans a été réalisé en binôme Département / Mission Locale ; (3) jeunes "
    "ayant bénéficié d'un diagnostic d'orientation par un·e conseiller·ère de la Mission "
    "Locale (bilan-diagnostic achevé) ; (4) jeunes inscrits à la Mission Locale pour un suivi "
    "(date d'inscription) ; (5) jeunes dont le projet d'accès à l'autonomie a été élaboré "
    "conjointement ; (6) jeunes bénéficiaires du Contrat d'engagement jeune (CEJ actif un jour "
    "de la période). " + ASE_RULE,
    counted_on="La date de chaque fait ; pour le CEJ, les jours où il est actif.",
    period_rule="Jeunes distincts, chacun compté une fois par ligne.",
    shape=TableShape.LINES,
    columns=(
        Column("ase_asked", "Sollicitations du Département"),
        Column("ase_joint_interviews", "Entretiens des 17 ans en binôme"),
        Column("ase_diagnostics", "Diagnostics d'orientation"),
        Column("ase_registered", "Inscrits pour un suivi"),
        Column("ase_joint_projects", "Projets d'autonomie conjoints"),
        Column("ase_cej", "Bénéficiaires du CEJ"),
    ),
    breakdown="departement",
)

INDICATORS.update({indicator.code: indicator for indicator in (*JUSTICE_INDICATORS, ASE_INDICATOR)})

SCOPE_RULE = (
    "Chaque jeune est compté dans la Mission Locale, le site et auprès du conseiller·ère "
    "référent·e qui tiennent son dossier le jour du calcul ; les dossiers fusionnés ne comptent "
    "qu'une fois, les dossiers anonymisés en fin de conservation restent comptés."
)


def anonymisation_rule(threshold: int) -> str:
    return (
        "Ce qui sort d'une Mission Locale pour les pilotes (ARML, UNML) est agrégé : les "
        f"effectifs de 1 à {threshold - 1} sont masqués (« s »), ainsi que les effectifs "
        "complémentaires nécessaires pour qu'aucune valeur masquée ne puisse être recalculée à "
        "partir des totaux. Un effectif nul est affiché : il ne désigne personne."
    )

"""What each alert says, in French, and the page where it is resolved."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from jalon.alerts.enums import AlertRule
from jalon.core.links import uid_url


def _day(iso: str) -> str:
    return datetime.date.fromisoformat(iso).strftime("%d/%m/%Y")


def _hours(value: float) -> str:
    return f"{value:.1f}".replace(".", ",").removesuffix(",0") + " h"


@dataclass(frozen=True)
class RuleText:
    why: str  # the rule, as the texts put it
    action: str  # what resolves it
    explain: object  # params -> the sentence about this occurrence
    target: str  # "file", "pathway", "liaison_form" or "transfer"


RULES = {
    AlertRule.YOUTH_GUARANTEE: RuleText(
        "Garantie européenne pour la jeunesse : une offre (parcours contractualisé, emploi, "
        "formation, immersion, service civique…) dans les 4 mois qui suivent le premier accueil.",
        "Faire une proposition",
        lambda p: (
            f"Premier accueil le {_day(p['first_reception'])}, aucune offre à ce jour : "
            f"échéance le {_day(p['due'])}."
        ),
        "file",
    ),
    AlertRule.ORIENTATION_SEQUENCE_LIMIT: RuleText(
        "La séquence d'orientation et de consolidation du projet dure 4 mois au plus.",
        "Orienter ou clore la séquence",
        lambda p: f"La séquence atteint {p['months']} mois le {_day(p['due'])}.",
        "pathway",
    ),
    AlertRule.PACEA_LIMIT: RuleText(
        "Le PACEA dure 24 mois consécutifs au plus (R5131-10 et suivants).",
        "Préparer la sortie ou un CEJ",
        lambda p: f"Le PACEA atteint {p['months']} mois le {_day(p['due'])}.",
        "pathway",
    ),
    AlertRule.CEJ_ENDING: RuleText(
        "Le CEJ dure de 6 à 12 mois : à son terme, il est renouvelé ou le jeune en sort.",
        "Renouveler ou enregistrer la sortie",
        lambda p: f"Fin prévue du CEJ le {_day(p['due'])}.",
        "pathway",
    ),
    AlertRule.CEJ_LOW_ACTIVITY: RuleText(
        "Le CEJ demande 15 à 20 heures d'activité par semaine.",
        "Revoir le planning d'activités",
        lambda p: (
            f"Semaines du {_day(p['weeks'][0])} et du {_day(p['weeks'][1])} : "
            f"{_hours(p['hours'][0])} puis {_hours(p['hours'][1])} "
            f"(minimum {_hours(p['minimum'])})."
        ),
        "pathway",
    ),
    AlertRule.CEJ_BREACH_TO_REVIEW: RuleText(
        "Un manquement aux engagements du CEJ peut entraîner une sanction de l'allocation "
        "(R5131-18) : elle est décidée ou écartée.",
        "Examiner le manquement",
        lambda p: (
            f"Absent·e au rendez-vous du {_day(p['absent_on'])} : à examiner avant le "
            f"{_day(p['due'])}."
        ),
        "pathway",
    ),
    AlertRule.NO_CONTACT: RuleText(
        "Un jeune en parcours contractualisé est vu régulièrement.",
        "Proposer un rendez-vous",
        lambda p: (
            f"Aucun entretien ni atelier tenu depuis le {_day(p['since'])} "
            f"(plus de {p['days']} jours)."
        ),
        "file",
    ),
    AlertRule.AGE_LIMIT: RuleText(
        "Les Missions Locales accompagnent jusqu'à la veille des 26 ans (30 ans avec une RQTH "
        "en CEJ).",
        "Préparer la fin du parcours ou le relais",
        lambda p: f"{p['age']} ans le {_day(p['due'])}, avant la fin prévue du parcours.",
        "pathway",
    ),
    AlertRule.LIAISON_FORM_WAITING: RuleText(
        "Une fiche de liaison d'un partenaire reçoit une réponse sous 7 jours (accord-cadre "
        "Justice) : le jeune attend un rendez-vous.",
        "Traiter la fiche",
        lambda p: f"Fiche reçue le {_day(p['since'])}, toujours sans rendez-vous.",
        "liaison_form",
    ),
    AlertRule.TRANSFER_WAITING: RuleText(
        "Un dossier transféré par une autre Mission Locale attend votre acceptation : le "
        "jeune ne doit pas rester sans suivi.",
        "Accepter ou refuser le transfert",
        lambda p: f"Transfert demandé le {_day(p['since'])}.",
        "transfer",
    ),
    AlertRule.RELEASE_WITHOUT_PLAN: RuleText(
        "Accord-cadre Justice : la sortie se prépare pour éviter une « sortie sèche » "
        "(adresse, Mission Locale, premier rendez-vous, parcours, hébergement).",
        "Préparer la sortie",
        lambda p: f"Sortie prévisible le {_day(p['due'])}, sans projet de sortie.",
        "release_plan",
    ),
    AlertRule.RELEASE_WITHOUT_FIRST_APPOINTMENT: RuleText(
        "Continuité « dedans-dehors » : après la sortie, le jeune est reçu par la Mission Locale.",
        "Fixer le premier rendez-vous",
        lambda p: f"Sorti·e le {_day(p['released_on'])}, aucun entretien tenu depuis.",
        "file",
    ),
    AlertRule.ASE_INTERVIEW_AT_17: RuleText(
        "Entretien des 17 ans (CASF L222-5-1) : au plus tard un an avant la majorité, dans les "
        "meilleurs délais pour un jeune pris en charge après 17 ans.",
        "Organiser l'entretien",
        lambda p: f"Entretien à tenir au plus tard le {_day(p['due'])}.",
        "ase",
    ),
    AlertRule.ASE_AUTONOMY_PROJECT: RuleText(
        "Le projet d'accès à l'autonomie est prêt à la majorité (convention UNML / Départements).",
        "Élaborer le projet d'autonomie",
        lambda p: f"18 ans le {_day(p['due'])}, sans projet d'accès à l'autonomie.",
        "ase",
    ),
    AlertRule.CEJ_FOR_FORMERLY_PLACED: RuleText(
        "Le CEJ est proposé systématiquement aux jeunes majeurs anciennement placés (ASE ou PJJ).",
        "Proposer le CEJ",
        lambda p: "Majeur·e anciennement placé·e : aucun CEJ proposé depuis ses 18 ans.",
        "cej_proposal",
    ),
    AlertRule.OBLIGATION_WITHOUT_SOLUTION: RuleText(
        "Obligation de formation (L114-1 du Code de l'éducation) : chaque jeune de 16-17 ans "
        "des listes est contacté et convoqué.",
        "Contacter les jeunes",
        lambda p: (
            f"{p['count']} jeune(s) sans solution ni convocation, le plus ancien depuis "
            f"le {_day(p['since'])}."
        ),
        "obligation_cases",
    ),
    AlertRule.OBLIGATION_REPORT_DUE: RuleText(
        "Deux mois après la convocation, un jeune toujours sans solution est signalé au "
        "président du conseil départemental.",
        "Préparer le signalement",
        lambda p: f"{p['count']} situation(s) à signaler, la première depuis le {_day(p['due'])}.",
        "obligation_reports",
    ),
}


def explanation(alert) -> str:
    try:
        return RULES[alert.rule].explain(alert.params)
    except KeyError:  # computed by an older version: the title says enough until the refresh
        return ""


def action_url(alert) -> str:
    target = RULES[alert.rule].target
    if target == "pathway" and alert.subject_uid:
        return uid_url("pathways:detail", alert.subject_uid)
    if target == "liaison_form" and alert.subject_uid:
        return uid_url("referrals:detail", alert.subject_uid)
    if target == "transfer" and alert.subject_uid:
        return uid_url("youngpeople:transfer_detail", alert.subject_uid)
    if target == "release_plan" and alert.subject_uid:
        return uid_url("justice:release_plan", alert.subject_uid)
    if target == "cej_proposal" and not alert.params.get("ase_follow_up"):
        return uid_url("pathways:open", alert.young_person.uid)  # placed by the PJJ
    if target in ("ase", "cej_proposal") and alert.young_person_id:
        return uid_url("childwelfare:follow_up", alert.young_person.uid)
    if target == "obligation_cases":
        return reverse("obligation:list")
    if target == "obligation_reports":
        return reverse("obligation:reports")
    return uid_url("youngpeople:detail", alert.young_person.uid)

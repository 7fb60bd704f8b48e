"""Alert thresholds: national defaults (settings.ALERT_THRESHOLDS), each Mission Locale may
set its own (its director, on the thresholds page)."""

from django.conf import settings

# name -> French label shown on the thresholds page (unit included).
LABELS = {
    "youth_guarantee_months": "Garantie jeunes : délai pour faire une offre (mois)",
    "youth_guarantee_warn_months": "Garantie jeunes : prévenir à partir de (mois)",
    "pathway_limit_warn_days": "Séquence d'orientation et PACEA : prévenir avant la limite (jours)",
    "cej_end_warn_days": "CEJ : prévenir avant la fin prévue (jours)",
    "cej_breach_review_days": "CEJ : délai pour examiner une absence (jours)",
    "no_contact_days": "Parcours contractualisé : jours sans contact tolérés",
    "age_limit_warn_days": "Limite d'âge : prévenir avant l'anniversaire (jours)",
    "liaison_form_wait_days": "Fiche de liaison : jours d'attente tolérés",
    "transfer_wait_days": "Transfert : jours avant que l'acceptation devienne urgente",
    "release_plan_days": "Sortie de détention : prévenir sans projet de sortie (jours avant)",
    "release_first_appointment_days": "Sortie de détention : délai du premier rendez-vous (jours)",
    "release_follow_days": "Sortie de détention : suivre les sorties des derniers (jours)",
    "obligation_contact_days": "Obligation de formation : délai pour contacter (jours)",
    "ase_interview_warn_days": "ASE : prévenir avant l'échéance de l'entretien des 17 ans (jours)",
    "ase_autonomy_warn_days": "ASE : prévenir avant 18 ans sans projet d'autonomie (jours)",
}


def national() -> dict[str, int]:
    return dict(settings.ALERT_THRESHOLDS)


def for_mission_locales(mission_locale_ids) -> dict[int, dict[str, int]]:
    """Each Mission Locale's thresholds in one query: its own values over the national ones."""
    from jalon.alerts.models import AlertThreshold

    values = {ml_id: national() for ml_id in mission_locale_ids}
    for row in AlertThreshold.objects.filter(mission_locale_id__in=values, name__in=LABELS).values(
        "mission_locale_id", "name", "value"
    ):
        values[row["mission_locale_id"]][row["name"]] = row["value"]
    return values


def for_mission_locale(mission_locale_id) -> dict[str, int]:
    return for_mission_locales([mission_locale_id])[mission_locale_id]

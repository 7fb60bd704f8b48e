"""What the justice app holds about a young person (jalon/privacy/registry.py).

Penal free text is erased with the comments; measures, dates and the situation at release are
facts the agreement's indicators count (seed 000, annex 3), kept once anonymised.
"""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="justice.PenalSituation",
        to_young_person="young_person",
        label="Situation pénale",
        free_text=("details",),
        kept_text=("measure", "release_situation"),
        internal=("uid", "version"),
    ),
    Holding(
        model="justice.ReleaseDateChange",
        to_young_person="situation__young_person",
        label="Historique de la date prévisible de sortie",
        free_text=("reason",),
    ),
    Holding(
        model="justice.SentenceAdjustment",
        to_young_person="situation__young_person",
        label="Aménagements de peine",
        free_text=("details",),
        kept_text=("kind",),
        internal=("uid",),
    ),
    Holding(
        model="justice.Leave",
        to_young_person="situation__young_person",
        label="Permissions de sortir",
        free_text=("pmsmp_host",),
        kept_text=("purpose",),
        internal=("uid",),
    ),
    Holding(
        model="justice.ReleasePlan",
        to_young_person="situation__young_person",
        label="Projet de sortie",
        identity=("release_address", "release_postal_code"),
        contact=("release_address", "release_postal_code"),
        free_text=("first_appointment_place", "housing_details"),
        kept_text=("proposed_pathway", "housing"),
        internal=("uid", "version"),
    ),
    Holding(
        model="justice.TigPlacement",
        to_young_person="young_person",
        label="Travail d'intérêt général",
        kept_text=("status",),
        internal=("uid",),
    ),
    Holding(
        model="justice.TigModule",
        to_young_person="placement__young_person",
        label="Modules pédagogiques du TIG",
        kept_text=("title",),
    ),
    Holding(
        model="justice.SessionInterview",
        to_young_person="young_person",
        label="Entretiens en permanence de détention",
    ),
    Holding(
        model="justice.JobEventParticipant",
        to_young_person="young_person",
        label="Événements emploi en détention",
        kept_text=("outcome",),
    ),
]

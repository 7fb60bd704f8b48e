"""What the ASE follow-up holds about a young person (jalon/privacy/registry.py).

The Département's professionals' names and contacts identify who follows the young person:
cleared with the identity on anonymisation. Dates, statuses, "jointly" flags and CEJ answers
stay: the convention's yearly indicators count them. The ASE status itself is the file's
priority public (youngpeople.PriorityPublicPeriod), declared by youngpeople.
"""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="childwelfare.AseFollowUp",
        to_young_person="young_person",
        label="Suivi de l'aide sociale à l'enfance (ASE)",
        identity=("referent_name", "referent_phone", "referent_email"),
        free_text=("internal_comment",),
        internal=("uid", "version"),
    ),
    Holding(
        model="childwelfare.AgeSeventeenInterview",
        to_young_person="follow_up__young_person",
        label="Entretiens des 17 ans",
        identity=("departement_participant",),
        internal=("uid", "version"),
    ),
    Holding(
        model="childwelfare.AutonomyProject",
        to_young_person="follow_up__young_person",
        label="Projets d'accès à l'autonomie",
        identity=("departement_participant",),
        internal=("uid", "version"),
    ),
    Holding(
        model="childwelfare.AutonomyProjectArea",
        to_young_person="project__follow_up__young_person",
        label="Domaines des projets d'accès à l'autonomie",
        free_text=("objectives", "actions"),
        kept_text=("area",),
    ),
    Holding(
        model="childwelfare.CejProposal",
        to_young_person="follow_up__young_person",
        label="Propositions de CEJ",
        kept_text=("decision",),
        internal=("uid",),
    ),
]

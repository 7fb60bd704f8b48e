"""What pathways hold about a young person (see jalon/privacy/registry.py).

Dates, kinds, exits, amounts and codes stay on anonymisation: the indicators count them.
"""

from jalon.privacy.registry import Holding

HOLDINGS = [
    Holding(
        model="pathways.Pathway",
        to_young_person="young_person",
        label="Parcours contractualisés",
        free_text=("exception_reason",),
    ),
    Holding(
        model="pathways.PaceaPhase",
        to_young_person="pathway__young_person",
        label="Phases du PACEA",
        free_text=("objectives", "evaluation"),
    ),
    Holding(
        model="pathways.AllowancePayment",
        to_young_person="pathway__young_person",
        label="Versements d'allocation",
    ),
    Holding(
        model="pathways.CejSanction",
        to_young_person="pathway__young_person",
        label="Sanctions CEJ",
        free_text=("reason",),
    ),
    Holding(
        model="pathways.Pmsmp",
        to_young_person="young_person",
        label="Immersions (PMSMP)",
        free_text=("employer_name", "outcome"),
        kept_text=("employer_siret", "rome_code"),
    ),
    Holding(
        model="pathways.Proposal",
        to_young_person="young_person",
        label="Propositions",
        free_text=("description",),
    ),
    Holding(
        model="pathways.Situation",
        to_young_person="young_person",
        label="Situations",
        free_text=("organisation_name",),
        kept_text=("rome_code", "formacode"),
    ),
]

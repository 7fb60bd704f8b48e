"""Demo pathways: young people at every stage, CEJ weeks under 15 h and sanctions included."""

import datetime
import random
from decimal import Decimal

from django.core.exceptions import ValidationError

from jalon.pathways import rules
from jalon.pathways.enums import (
    AllowanceCategory,
    ContractType,
    ExitOutcome,
    ExitReason,
    PathwayKind,
    ProposalKind,
    ProposalStatus,
    SituationKind,
    TrainingType,
)
from jalon.pathways.models import (
    CejSanction,
    PaceaPhase,
    Pathway,
    Pmsmp,
    Proposal,
    Situation,
)
from jalon.youngpeople.models import YoungPerson

SEED = 2027
EMPLOYERS = [
    ("Boulangerie du Capitole", "73282932000074", "D1102"),
    ("Transports Occitans", "55208131766522", "N4105"),
    ("Hôtel de la Comédie", "38012986643097", "G1703"),
    ("Menuiserie de la Meuse", "40483304800022", "H2206"),
    ("Supermarché des Arènes", "44229377500031", "D1507"),
    ("Garage du Canal", "38347481400100", "I1604"),
]
PHASE_OBJECTIVES = [
    "Lever le frein mobilité : code de la route et aide au permis",
    "Construire le projet professionnel : enquêtes métiers et immersion",
    "Accéder à un logement autonome : dossier FSL et recherche de colocation",
    "Retour à l'emploi : candidatures ciblées et préparation aux entretiens",
]
PROPOSALS = [
    (ProposalKind.JOB_OFFER, "Offre d'employé·e polyvalent·e de restauration", Decimal("0")),
    (ProposalKind.TRAINING, "Titre professionnel vendeur-conseil", Decimal("12")),
    (ProposalKind.SERVICE_CIVIQUE, "Mission d'accompagnement au numérique", Decimal("0")),
    (ProposalKind.SPONSORSHIP, "Parrainage par une cheffe d'entreprise", Decimal("2")),
    (ProposalKind.MATERIAL_AID, "Aide au financement du permis de conduire", Decimal("0")),
    (
        ProposalKind.PSYCHOLOGICAL_SUPPORT,
        "Consultation au point accueil écoute jeunes",
        Decimal("1.5"),
    ),
]


def load(today: datetime.date) -> int:
    rng = random.Random(SEED)
    people = list(
        YoungPerson.objects.filter(status="active")
        .select_related("referent")
        .prefetch_related("diagnostics", "public_periods")
        .order_by("pk")
    )
    pathways, situations, pmsmps, proposals = [], [], [], []
    for person in people:
        counsellor = person.referent
        if counsellor is None:
            continue
        situations.append(
            Situation(
                young_person=person,
                kind=SituationKind.JOB_SEEKER,
                start_date=person.first_reception_date,
                recorded_by=counsellor,
            )
        )
        pathway = _pathway(rng, person, counsellor, today)
        if pathway is not None:
            pathways.append(pathway)
    Pathway.objects.bulk_create(pathways, batch_size=500)
    phases, sanctions = [], []
    for pathway in pathways:
        person, counsellor = pathway.young_person, pathway.counsellor
        if pathway.kind == PathwayKind.PACEA:
            phases.append(
                PaceaPhase(
                    pathway=pathway,
                    start_date=pathway.start_date,
                    objectives=rng.choice(PHASE_OBJECTIVES),
                    end_date=None if pathway.is_active else pathway.end_date,
                    evaluation="" if pathway.is_active else "Objectifs atteints en partie.",
                )
            )
        if pathway.kind == PathwayKind.CEJ and pathway.is_active and rng.random() < 0.15:
            breaches = rng.choice([1, 1, 2])
            for n in range(breaches):
                breach = pathway.start_date + datetime.timedelta(
                    days=30 * (n + 1) + rng.randint(0, 20)
                )
                if breach <= today:
                    sanctions.append(
                        CejSanction(
                            pathway=pathway,
                            breach_date=breach,
                            kind=rules.next_sanction_kind(n),
                            month=rules.first_of_month(breach),
                            reason=rng.choice(
                                [
                                    "Absences répétées aux ateliers sans justification",
                                    "Immersion abandonnée sans prévenir",
                                    "Injoignable pendant trois semaines",
                                ]
                            ),
                            decided_by=counsellor,
                        )
                    )
        if pathway.kind in (PathwayKind.CEJ, PathwayKind.PACEA) and rng.random() < 0.4:
            start = min(pathway.start_date + datetime.timedelta(days=rng.randint(20, 90)), today)
            name, siret, rome = rng.choice(EMPLOYERS)
            pmsmps.append(
                Pmsmp(
                    young_person=person,
                    employer_name=name,
                    employer_siret=siret,
                    start_date=start,
                    end_date=start + datetime.timedelta(days=rng.choice([4, 9, 11])),
                    weekly_hours=Decimal(rng.choice([20, 28, 35])),
                    goal=rng.choice(["discover", "confirm", "recruit"]),
                    rome_code=rome,
                    outcome="Tuteur satisfait, savoir-être à consolider." if start < today else "",
                    recorded_by=counsellor,
                )
            )
        for _ in range(rng.randint(0, 3)):
            kind, description, hours = rng.choice(PROPOSALS)
            proposed = min(pathway.start_date + datetime.timedelta(days=rng.randint(5, 150)), today)
            status = rng.choice(list(ProposalStatus))
            proposals.append(
                Proposal(
                    young_person=person,
                    kind=kind,
                    proposed_on=proposed,
                    description=description,
                    status=status,
                    done_on=min(proposed + datetime.timedelta(days=7), today)
                    if status == ProposalStatus.DONE
                    else None,
                    cej_hours=hours,
                    recorded_by=counsellor,
                )
            )
        if not pathway.is_active and pathway.exit_outcome in (
            ExitOutcome.SUSTAINABLE_EMPLOYMENT,
            ExitOutcome.EMPLOYMENT,
            ExitOutcome.WORK_STUDY,
            ExitOutcome.TRAINING,
        ):
            situations.append(_outcome_situation(rng, pathway))
    PaceaPhase.objects.bulk_create(phases, batch_size=500)
    CejSanction.objects.bulk_create(sanctions, batch_size=500)
    Pmsmp.objects.bulk_create(pmsmps, batch_size=500)
    Proposal.objects.bulk_create(proposals, batch_size=500)
    Situation.objects.bulk_create(situations, batch_size=500)
    return len(pathways)


def _pathway(rng, person, counsellor, today) -> Pathway | None:
    """A pathway that respects the rules, or None for files still before one."""
    roll = rng.random()
    if roll < 0.2:
        return None
    start = person.first_reception_date + datetime.timedelta(days=rng.randint(15, 60))
    if start > today:
        return None
    has_diagnostic = any(
        d.completed_on and d.completed_on <= start for d in person.diagnostics.all()
    )
    if roll < 0.45:
        kind, months = PathwayKind.ORIENTATION_SEQUENCE, rng.choice([2, 3, 4])
    elif roll < 0.65 and has_diagnostic:
        kind, months = PathwayKind.PACEA, rng.choice([6, 12, 18, 24])
    else:
        kind, months = PathwayKind.CEJ, rng.choice([6, 9, 12, 12])
        # Most CEJ started recently, so the demo shows weeks of activity.
        start = max(start, today - datetime.timedelta(days=rng.randint(20, 300)))
    if kind != PathwayKind.ORIENTATION_SEQUENCE:
        try:
            rules.check_programme_age(
                kind=kind,
                birth_date=person.birth_date,
                start=start,
                has_rqth=any(p.detail == "rqth" for p in person.public_periods.all()),
            )
        except ValidationError:
            kind, months = PathwayKind.ORIENTATION_SEQUENCE, 3
    planned_end = rules.add_months(start, months)
    pathway = Pathway(
        young_person=person,
        kind=kind,
        start_date=start,
        planned_end_date=planned_end,
        allowance_category=rng.choice(list(AllowanceCategory)) if kind == PathwayKind.CEJ else "",
        counsellor=counsellor,
    )
    if planned_end < today or rng.random() < 0.1:
        pathway.end_date = min(planned_end, today - datetime.timedelta(days=rng.randint(1, 10)))
        pathway.end_date = max(pathway.end_date, start)
        pathway.exit_reason = rng.choice(
            [ExitReason.COMPLETED, ExitReason.AUTONOMY, ExitReason.REQUEST]
        )
        pathway.exit_outcome = rng.choices(
            list(ExitOutcome), weights=[18, 10, 12, 16, 3, 2, 5, 6, 20, 8]
        )[0]
    return pathway


def _outcome_situation(rng, pathway) -> Situation:
    outcome = pathway.exit_outcome
    name, _, rome = rng.choice(EMPLOYERS)
    if outcome == ExitOutcome.TRAINING:
        return Situation(
            young_person=pathway.young_person,
            kind=SituationKind.TRAINING,
            training_type=rng.choice(list(TrainingType)),
            start_date=pathway.end_date,
            organisation_name="AFPA",
            recorded_by=pathway.counsellor,
        )
    if outcome == ExitOutcome.WORK_STUDY:
        kind, contract = SituationKind.WORK_STUDY, ContractType.APPRENTICESHIP
    elif outcome == ExitOutcome.SUSTAINABLE_EMPLOYMENT:
        kind, contract = (
            SituationKind.EMPLOYMENT,
            rng.choice([ContractType.CDI, ContractType.CDD_6_PLUS]),
        )
    else:
        kind, contract = (
            SituationKind.EMPLOYMENT,
            rng.choice([ContractType.CDD_SHORT, ContractType.INTERIM]),
        )
    return Situation(
        young_person=pathway.young_person,
        kind=kind,
        contract_type=contract,
        start_date=pathway.end_date,
        organisation_name=name,
        rome_code=rome,
        recorded_by=pathway.counsellor,
    )

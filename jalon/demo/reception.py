"""Demo data of the reception app, loaded by `jalon demo-data` after the young people.

Deterministic (fixed seed), inserted in bulk (the loader is not a user action: no audit).
Most files get their first reception; about 70 % a concluded diagnostic a few weeks later and
10 % one in progress; each Mission Locale gets about 40 outreach contacts over the last year,
a third of them converted into an existing file (the Meuse one is a rural mobile team).
"""

import datetime
import random

from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.network.models import Organisation
from jalon.reception.enums import (
    Area,
    InterviewMode,
    NextStep,
    OneOffTopic,
    OutreachOutcome,
    ReceptionMode,
    ReceptionOutcome,
)
from jalon.reception.models import (
    Diagnostic,
    DiagnosticArea,
    DiagnosticInterview,
    FirstReception,
    OutreachContact,
)
from jalon.youngpeople.enums import FileStatus
from jalon.youngpeople.models import YoungPerson

SEED = 2027
ORIENTATION_KINDS = ["france_travail", "e2c", "epide", "training_body"]
OUTREACH_PARTNER_KINDS = ["conseil_departemental", "pjj", "france_travail"]
OUTREACH_PER_MISSION_LOCALE = 40

AREA_TEXTS = {
    Area.EMPLOYMENT: [
        (
            "Quelques missions d'intérim en logistique, rien depuis trois mois.",
            "Peu d'expérience valorisable sur un CV.",
        ),
        (
            "N'a jamais travaillé ; aimerait découvrir la vente.",
            "Ne sait pas comment démarcher un employeur.",
        ),
        (
            "Saisonnier dans la restauration l'été dernier.",
            "Horaires décalés difficiles à concilier avec les transports.",
        ),
        ("Cherche un emploi dans le bâtiment, comme son oncle.", ""),
    ],
    Area.TRAINING: [
        (
            "A quitté le lycée professionnel en 1re sans diplôme.",
            "Mauvais souvenir de l'école, peur de l'échec.",
        ),
        ("CAP obtenu, souhaite se spécialiser.", "Ne connaît pas les formations financées."),
        (
            "Intéressé·e par une formation d'aide-soignant·e.",
            "Niveau en français écrit à consolider.",
        ),
    ],
    Area.HEALTH: [
        ("Pas de médecin traitant, droits à la complémentaire à vérifier.", "Carte Vitale perdue."),
        (
            "Dit être souvent fatigué·e, sommeil perturbé.",
            "Ne souhaite pas en parler davantage pour l'instant.",
        ),
        ("Suivi en cours par un CMP.", ""),
    ],
    Area.HOUSING: [
        (
            "Hébergé·e chez sa mère avec deux frères et sœurs.",
            "Logement suroccupé, tensions familiales.",
        ),
        ("Hébergé·e chez un ami depuis un mois.", "Pas de solution stable, pas de garant."),
        ("Vit seul·e dans un studio, loyer payé par les parents.", ""),
    ],
    Area.MOBILITY: [
        ("Pas de permis, se déplace en bus.", "Commune mal desservie le soir et le week-end."),
        (
            "Code de la route obtenu, leçons de conduite interrompues.",
            "Manque de financement pour les heures de conduite.",
        ),
        ("Possède un scooter.", "Assurance à régulariser."),
    ],
    Area.RESOURCES: [
        ("Aucune ressource personnelle.", "Dettes de téléphone."),
        ("Petits travaux non déclarés.", "Pas de compte bancaire à son nom."),
        ("Aide ponctuelle des parents.", "Budget très serré en fin de mois."),
    ],
    Area.CITIZENSHIP: [
        ("Titre de séjour en cours de renouvellement.", "Démarches en préfecture complexes."),
        ("Pièce d'identité expirée.", ""),
        ("Inscrit·e sur les listes électorales, intéressé·e par le bénévolat.", ""),
    ],
    Area.LEISURE: [
        ("Joue au football en club le week-end.", ""),
        (
            "Pratique la musique (rap), enregistre avec des amis.",
            "Peu de sorties hors du quartier.",
        ),
        ("Pas d'activité régulière.", "Isolement depuis la sortie du lycée."),
    ],
}
CONCLUSIONS = {
    NextStep.PACEA: "Besoin d'un accompagnement dans la durée sur plusieurs domaines : "
    "entrée en PACEA avec une première phase centrée sur {focus}.",
    NextStep.CEJ: "Jeune disponible et motivé·e pour un accompagnement intensif : "
    "proposition du contrat d'engagement jeune, premier objectif : {focus}.",
    NextStep.ORIENTATION_SEQUENCE: "Projet encore flou : séquence d'orientation pour explorer "
    "des métiers, en travaillant d'abord {focus}.",
    NextStep.E2C: "Souhaite reprendre une formation dans un cadre adapté : orientation vers "
    "l'École de la deuxième chance, en lien avec {focus}.",
    NextStep.EPIDE: "Souhaite un cadre structurant avec hébergement : orientation vers l'EPIDE ; "
    "point d'attention : {focus}.",
    NextStep.SERVICE_CIVIQUE: "Envie de s'engager avant de construire un projet : recherche d'une "
    "mission de service civique ; point d'attention : {focus}.",
    NextStep.IAE: "Prêt·e à travailler avec un accompagnement renforcé : orientation vers une "
    "structure d'insertion par l'activité économique ; point d'attention : {focus}.",
    NextStep.TRAINING_BODY: "Projet de formation validé : inscription auprès d'un organisme de "
    "formation, en travaillant {focus}.",
}
NEXT_STEPS = [
    (NextStep.PACEA, 30),
    (NextStep.CEJ, 28),
    (NextStep.ORIENTATION_SEQUENCE, 14),
    (NextStep.E2C, 7),
    (NextStep.EPIDE, 4),
    (NextStep.SERVICE_CIVIQUE, 6),
    (NextStep.IAE, 5),
    (NextStep.TRAINING_BODY, 6),
]
FOCUS = {
    Area.EMPLOYMENT: "la recherche d'emploi",
    Area.TRAINING: "le projet de formation",
    Area.HEALTH: "l'accès aux soins",
    Area.HOUSING: "la recherche d'un logement",
    Area.MOBILITY: "la mobilité",
    Area.RESOURCES: "le budget et les ressources",
    Area.CITIZENSHIP: "les démarches administratives",
    Area.LEISURE: "la reprise d'une activité",
}
EXTERNAL_TEXTS = [
    "Point accueil écoute jeunes (PAEJ)",
    "CCAS de la commune",
    "Foyer de jeunes travailleurs",
    "Permanence d'accès aux droits",
]
PLACES = {
    demo.ML_TOULOUSE: [
        "Quartier Bagatelle, pied d'immeuble",
        "Le Mirail, place Abbal",
        "Empalot, city stade",
        "Les Izards, devant le centre social",
        "Gare Matabiau, parvis",
        "Forum des métiers, salle des fêtes",
    ],
    demo.ML_MONTPELLIER: [
        "La Mosson, marché du dimanche",
        "Petit Bard, maison pour tous",
        "Près d'Arènes, terrain de basket",
        "Tramway ligne 1, arrêt Saint-Paul",
        "Antigone, fête de quartier",
    ],
    demo.ML_MEUSE: [
        "Place de la mairie, permanence de l'équipe mobile",
        "Marché hebdomadaire",
        "Arrêt de car scolaire",
        "Salle polyvalente, après-midi jeux",
        "Devant le city stade du village",
        "Maison de la solidarité",
    ],
}


def _weighted(rng, choices):
    return rng.choices([c[0] for c in choices], weights=[c[1] for c in choices])[0]


def load(today) -> int:
    """Create the demo records; return how many were created."""
    rng = random.Random(SEED)
    created = 0
    for ml in Organisation.objects.missions_locales().order_by("code"):
        created += _load_mission_locale(rng, ml, today)
    return created


def _load_mission_locale(rng, ml, today) -> int:
    staff = list(User.objects.filter(organisation=ml).order_by("email"))
    counsellors = [u for u in staff if u.role in {"counsellor", "cjml", "justice_referent"}]
    receptionists = [u for u in staff if u.role == "reception"] or counsellors
    if not counsellors:
        return 0
    nearby = Organisation.objects.filter(departement_id=ml.departement_id).order_by("code")
    # Orientations go to integration actors; outreach is done with social partners.
    partners = list(nearby.filter(kind__in=ORIENTATION_KINDS))
    outreach_partners = list(nearby.filter(kind__in=OUTREACH_PARTNER_KINDS))
    people = list(
        YoungPerson.objects.filter(mission_locale=ml)
        .exclude(status=FileStatus.MERGED)
        .order_by("pk")
    )
    receptions, diagnostics, interviews, areas = [], [], [], []
    for person in people:
        if rng.random() < 0.92:
            receptions.append(_reception(rng, person, receptionists, partners))
        roll = rng.random()
        if roll < 0.8:
            diagnostic = _diagnostic(rng, person, counsellors, today, complete=roll < 0.7)
            if diagnostic is not None:
                diagnostics.append(diagnostic)
                interviews.extend(_interviews(rng, diagnostic, today))
                areas.extend(_areas(rng, diagnostic))
    FirstReception.objects.bulk_create(receptions, batch_size=1000)
    Diagnostic.objects.bulk_create(diagnostics, batch_size=1000)
    DiagnosticInterview.objects.bulk_create(interviews, batch_size=1000)
    DiagnosticArea.objects.bulk_create(areas, batch_size=1000)
    contacts = _outreach(rng, ml, people, counsellors, outreach_partners, today)
    OutreachContact.objects.bulk_create(contacts, batch_size=1000)
    return len(receptions) + len(diagnostics) + len(contacts)


def _reception(rng, person, receptionists, partners):
    outcome = _weighted(
        rng,
        [
            (ReceptionOutcome.COUNSELLOR_ORIENTATION, 80),
            (ReceptionOutcome.ONE_OFF_ANSWER, 12),
            (ReceptionOutcome.EXTERNAL_ORIENTATION, 8),
        ],
    )
    reception = FirstReception(
        young_person=person,
        received_on=person.first_reception_date,
        site_id=person.site_id,
        received_by=rng.choice(receptionists),
        mode=ReceptionMode.WALK_IN if rng.random() < 0.6 else ReceptionMode.APPOINTMENT,
        outcome=outcome,
    )
    if outcome == ReceptionOutcome.ONE_OFF_ANSWER:
        reception.topic = rng.choice(OneOffTopic.values)
    elif outcome == ReceptionOutcome.EXTERNAL_ORIENTATION:
        if partners and rng.random() < 0.6:
            reception.oriented_to = rng.choice(partners)
        else:
            reception.oriented_to_text = rng.choice(EXTERNAL_TEXTS)
    return reception


def _diagnostic(rng, person, counsellors, today, *, complete):
    started_on = person.first_reception_date + datetime.timedelta(days=rng.randint(7, 35))
    if started_on > today:
        return None
    counsellor = next((c for c in counsellors if c.pk == person.referent_id), None)
    diagnostic = Diagnostic(
        young_person=person, counsellor=counsellor or rng.choice(counsellors), started_on=started_on
    )
    completed_on = started_on + datetime.timedelta(days=rng.randint(0, 21))
    if complete and completed_on <= today:
        diagnostic.completed_on = completed_on
        diagnostic.recommended_next_step = _weighted(rng, NEXT_STEPS)
    return diagnostic


def _interviews(rng, diagnostic, today):
    last = diagnostic.completed_on or min(
        today, diagnostic.started_on + datetime.timedelta(days=20)
    )
    days = {diagnostic.started_on}
    for _ in range(rng.choice([0, 0, 1, 1, 2])):
        days.add(
            diagnostic.started_on
            + datetime.timedelta(days=rng.randint(0, (last - diagnostic.started_on).days))
        )
    return [
        DiagnosticInterview(
            diagnostic=diagnostic,
            held_on=day,
            mode=InterviewMode.IN_PERSON if rng.random() < 0.8 else InterviewMode.PHONE,
        )
        for day in sorted(days)
    ]


def _areas(rng, diagnostic):
    chosen = rng.sample(Area.values, rng.randint(3, 8))
    chosen.sort(key=Area.values.index)
    areas = []
    for name in chosen:
        situation, barriers = rng.choice(AREA_TEXTS[name])
        areas.append(
            DiagnosticArea(diagnostic=diagnostic, area=name, situation=situation, barriers=barriers)
        )
    if diagnostic.completed_on:
        focus_area = next((a.area for a in areas if a.barriers), chosen[0])
        diagnostic.conclusions = CONCLUSIONS[diagnostic.recommended_next_step].format(
            focus=FOCUS[focus_area]
        )
    return areas


def _outreach(rng, ml, people, counsellors, partners, today):
    places = PLACES.get(ml.code, ["Centre-ville"])
    communes = list(ml.communes_covered.order_by("code"))
    year_ago = today - datetime.timedelta(days=365)
    # Files opened within the year, after a contact: a third of the contacts lead to them.
    candidates = [
        p for p in people if p.first_reception_date > year_ago + datetime.timedelta(days=30)
    ]
    converted = rng.sample(candidates, min(len(candidates), OUTREACH_PER_MISSION_LOCALE // 3))
    contacts = []
    for index in range(OUTREACH_PER_MISSION_LOCALE):
        person = converted[index] if index < len(converted) else None
        if person is not None:
            contacted_on = person.first_reception_date - datetime.timedelta(days=rng.randint(3, 30))
            outcome = OutreachOutcome.MOBILISED
        else:
            contacted_on = today - datetime.timedelta(days=rng.randint(0, 365))
            outcome = _weighted(
                rng,
                [
                    (OutreachOutcome.RECONTACT, 40),
                    (OutreachOutcome.MOBILISED, 20),
                    (OutreachOutcome.PARTNER, 20),
                    (OutreachOutcome.REFUSED, 20),
                ],
            )
        with_partner = partners and rng.random() < (0.5 if ml.code == demo.ML_MEUSE else 0.3)
        anonymous = person is None and rng.random() < 0.4
        contact = OutreachContact(
            mission_locale=ml,
            contacted_on=contacted_on,
            place=rng.choice(places),
            commune=rng.choice(communes) if communes else None,
            made_by=rng.choice(counsellors) if not with_partner or rng.random() < 0.7 else None,
            partner=rng.choice(partners) if with_partner else None,
            outcome=outcome,
            young_person=person,
        )
        if person is not None:
            contact.first_name = person.first_names
            contact.last_name = person.last_name
            contact.approximate_age = person.age_on(contacted_on)
        elif not anonymous:
            contact.first_name = rng.choice(
                ["Yanis", "Inès", "Kylian", "Maëlys", "Nassim", "Jade", "Enzo", "Lina", "Théo"]
            )
            contact.approximate_age = rng.randint(16, 24)
        if outcome == OutreachOutcome.PARTNER:
            contact.notes = "Orienté·e vers la prévention spécialisée pour un premier lien."
        elif outcome == OutreachOutcome.REFUSED:
            contact.notes = "Ne souhaite pas venir à la Mission Locale pour l'instant."
        contacts.append(contact)
    return contacts

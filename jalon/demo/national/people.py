"""The young people's files: identity, publics, reception, diagnostic, pathways, situations,
proposals, immersions, appointments, collective sessions, consents and liaison forms.

Built as COPY text lines (tab-separated, `\\N` for NULL) with ids assigned here, so that every
foreign key is known without reading anything back. Dates are day ordinals until written.
Free text that Jalon encrypts is left empty; nothing goes to the audit journal.
"""

import datetime
import random
from bisect import bisect_left, bisect_right

from jalon.demo.national import names
from jalon.demo.national.bulk import NULL
from jalon.youngpeople.normalize import normalize_name, normalize_text

COLUMNS = {
    "scheduling_collectivesession": (
        "id uid mission_locale_id kind title theme starts_at duration_minutes place "
        "facilitator_id capacity created_at"
    ),
    "youngpeople_youngperson": (
        "id version uid last_name birth_name first_names sex birth_date phone email address "
        "postal_code commune_id level_1969 level_2019 last_class diploma neet_on_arrival "
        "first_reception_date age_exception_reason mission_locale_id site_id referent_id status "
        "search_name created_at updated_at"
    ),
    "youngpeople_prioritypublicperiod": "id young_person_id public detail start_date end_date",
    "reception_firstreception": (
        "id uid young_person_id received_on site_id received_by_id mode outcome topic "
        "oriented_to_text notes created_at"
    ),
    "reception_diagnostic": (
        "id version uid young_person_id counsellor_id started_on completed_on conclusions "
        "recommended_next_step created_at updated_at"
    ),
    "reception_diagnosticinterview": "id diagnostic_id held_on mode",
    "reception_diagnosticarea": "id diagnostic_id area situation barriers",
    "pathways_pathway": (
        "id version uid young_person_id kind start_date planned_end_date exception_reason "
        "allowance_category end_date exit_reason exit_outcome counsellor_id created_at"
    ),
    "pathways_paceaphase": "id pathway_id start_date end_date objectives evaluation",
    "pathways_cejsanction": "id pathway_id breach_date kind month reason decided_by_id decided_at",
    "pathways_situation": (
        "id uid young_person_id kind contract_type training_type start_date end_date "
        "organisation_name rome_code formacode recorded_by_id"
    ),
    "pathways_proposal": (
        "id uid young_person_id kind proposed_on description status done_on cej_hours "
        "recorded_by_id"
    ),
    "pathways_pmsmp": (
        "id uid young_person_id employer_name employer_siret start_date end_date weekly_hours "
        "goal rome_code outcome recorded_by_id"
    ),
    "scheduling_appointment": (
        "id uid young_person_id counsellor_id starts_at duration_minutes mode place subject "
        "notes status postponed_to_id created_by_id created_at"
    ),
    "scheduling_participation": "id session_id young_person_id status registered_at",
    "referrals_consent": (
        "id uid young_person_id organisation_id shares_identity shares_diagnostic "
        "shares_pathway shares_appointments method given_on recorded_by_id recorded_at "
        "withdrawn_at withdrawn_by_id"
    ),
    "referrals_liaisonform": (
        "id version uid direction sender_organisation_id sender_id recipient_organisation_id "
        "last_name first_names birth_date phone email commune_id situation situation_details "
        "young_person_id reason needs needs_details urgency urgency_reason consent_given "
        "consent_method consent_date consent_id diagnostic_conclusions internal_comment status "
        "sent_at status_changed_at"
    ),
    "referrals_liaisontransition": "id form_id by_id at from_status to_status reason",
}
COLUMNS = {table: tuple(columns.split()) for table, columns in COLUMNS.items()}
TABLES = list(COLUMNS)

# Age at first reception (weights): most young people come between 18 and 21.
AGES = [
    (16, 6),
    (17, 9),
    (18, 14),
    (19, 15),
    (20, 14),
    (21, 12),
    (22, 10),
    (23, 8),
    (24, 7),
    (25, 5),
]
# Education levels as in seed 001: (1969 level, 2019 level or NULL, last class, diploma, weight).
LEVELS = [
    ("VI", NULL, "4e", "", 8),
    ("Vbis", NULL, "3e", "", 17),
    ("V", "3", "2e année de CAP", "CAP", 20),
    ("V", NULL, "2nde générale", "", 15),
    ("IV", "4", "Terminale professionnelle", "Baccalauréat professionnel", 18),
    ("IV", NULL, "Terminale générale", "", 12),
    ("III", "5", "BTS 2e année", "BTS", 7),
    ("II", "6", "Licence 3", "Licence", 3),
]
ROME = [
    "G1602",
    "N1103",
    "D1507",
    "K2204",
    "F1703",
    "M1607",
    "J1501",
    "D1106",
    "I1604",
    "G1803",
    "K1302",
    "N4105",
    "A1203",
    "F1602",
    "H3302",
    "D1214",
    "N1105",
    "G1801",
]
FORMACODES = ["22454", "31054", "42052", "43441", "15054", "21046", "34554", "42782"]
EMPLOYER_KINDS = [
    "Boulangerie",
    "Garage",
    "Transports",
    "Hôtel",
    "Restaurant",
    "Supermarché",
    "EHPAD",
    "Menuiserie",
    "Plomberie",
    "Cabinet",
    "Pharmacie",
    "Entreprise",
    "Paysages",
    "Logistique",
    "Coiffure",
    "Électricité",
]
SUBJECTS = [
    "Point d'étape",
    "Suivi du parcours",
    "Préparation d'un entretien d'embauche",
    "Recherche de formation",
    "Bilan de la PMSMP",
    "Démarches logement",
    "Suivi CEJ",
    "Aide au CV",
    "Point mensuel",
    "",
]
SESSIONS = [
    ("workshop", "Atelier CV et lettre de motivation", "Emploi"),
    ("workshop", "Atelier simulation d'entretien", "Emploi"),
    ("workshop", "Atelier budget", "Ressources"),
    ("workshop", "Atelier mobilité et permis", "Mobilité"),
    ("workshop", "Atelier santé et bien-être", "Santé"),
    ("information_session", "Information collective CEJ", "Parcours"),
    ("information_session", "Information collective apprentissage", "Formation"),
    ("information_session", "Information collective service civique", "Citoyenneté"),
    ("job_event", "Job dating", "Emploi"),
    ("job_event", "Forum de l'alternance", "Formation"),
]
PROPOSALS = {
    "job_offer": [
        "Offre d'employé·e polyvalent·e",
        "Offre de préparateur·rice de commandes",
        "Offre de serveur·se",
        "Offre d'agent·e d'entretien",
    ],
    "training": [
        "Formation préqualifiante aux métiers du BTP",
        "Titre professionnel vendeur",
        "CAP en un an",
        "Formation aux savoirs de base",
    ],
    "service_civique": ["Mission de service civique en association"],
    "sponsorship": ["Parrainage par un·e bénévole du réseau"],
    "cpf": ["Permis B financé par le CPF"],
    "material_aid": ["Aide au transport", "Aide alimentaire d'urgence"],
    "psychological_support": ["Orientation vers le point d'accueil écoute jeunes"],
}
PROPOSAL_KINDS = [
    ("job_offer", 35),
    ("training", 30),
    ("service_civique", 8),
    ("sponsorship", 5),
    ("cpf", 7),
    ("material_aid", 10),
    ("psychological_support", 5),
]
AREAS = [
    "employment",
    "training",
    "health",
    "housing",
    "mobility",
    "resources",
    "citizenship",
    "leisure",
]
PHASE_OBJECTIVES = [
    "Définir un projet professionnel",
    "Lever les freins à la mobilité",
    "Accéder à une formation qualifiante",
    "Rechercher un emploi",
]
# Exit outcome of an ended pathway -> (situation kind, contract type, training type).
OUTCOMES = [
    ("sustainable_employment", 22),
    ("employment", 14),
    ("work_study", 10),
    ("training", 14),
    ("school", 2),
    ("service_civique", 3),
    ("other_programme", 4),
    ("job_seeker", 21),
    ("unknown", 10),
]
OUTCOME_SITUATIONS = {
    "sustainable_employment": [("employment", "cdi", ""), ("employment", "cdd_6_plus", "")],
    "employment": [("employment", "cdd_short", ""), ("employment", "interim", "")],
    "work_study": [("work_study", "apprenticeship", ""), ("work_study", "professionalisation", "")],
    "training": [("training", "", "qualifying"), ("training", "", "pre_qualifying")],
    "school": [("school", "", "")],
    "service_civique": [("service_civique", "", "")],
    "other_programme": [("iae", "", "")],
    "job_seeker": [("job_seeker", "", "")],
}
# Appointments: past statuses (weights) and hours (UTC, i.e. 8:30 to 17:00 in France).
PAST_STATUSES = [("present", 72), ("absent", 14), ("cancelled", 7), ("postponed", 7)]
SLOTS = [f"{h:02d}:{m:02d}:00+00" for h in range(7, 16) for m in (0, 30)]
MODES = [("in_person", 80), ("phone", 13), ("video", 7)]


def _table(choices):
    """A list to index with randrange: weighted choices at the cost of one call."""
    return [value for value, weight in choices for _ in range(weight)]


def _ascii(value: str) -> str:
    return normalize_text(value).replace(" ", "-")


class Generator:
    """Produces, person by person, the lines of every table (same seed, same lines)."""

    def __init__(self, rng: random.Random, network, today: datetime.date):
        self.rng = rng
        self.network = network
        self.today = today.toordinal()
        self.start = self.today - 3 * 365
        first = datetime.date(1995, 1, 1).toordinal()
        self.base = first
        self.days = [
            datetime.date.fromordinal(o).isoformat() for o in range(first, self.today + 800)
        ]
        self.ids = dict.fromkeys(TABLES, 0)
        self.lines = {table: [] for table in TABLES}
        self.ages = _table(AGES)
        self.levels = _table([(lvl[:-1], lvl[-1]) for lvl in LEVELS])
        self.outcomes = _table(OUTCOMES)
        self.past_statuses = _table(PAST_STATUSES)
        self.modes = _table(MODES)
        self.proposal_kinds = _table(PROPOSAL_KINDS)
        self.employers = [f"{k} {n}" for k in EMPLOYER_KINDS for n in names.LAST_NAMES[:40]]
        self.timeline_items = 0

    # -- helpers ---------------------------------------------------------------------------
    def next_id(self, table):
        self.ids[table] += 1
        return self.ids[table]

    def uid(self):
        return f"{self.rng.getrandbits(128):032x}"

    def day(self, ordinal):
        return self.days[ordinal - self.base] if ordinal is not None else NULL

    def at(self, ordinal, slot=4):
        return f"{self.days[ordinal - self.base]} {SLOTS[slot]}"

    def emit(self, table, values):
        self.lines[table].append("\t".join(values) + "\n")

    def take(self):
        """The lines built since the last call, by table."""
        lines, self.lines = self.lines, {table: [] for table in TABLES}
        return lines

    # -- collective sessions ---------------------------------------------------------------
    def sessions(self, ml):
        """About three sessions a week per 2,500 young people, over 3 years and 2 months ahead."""
        rng = self.rng
        per_week = max(1, round(ml.young_people / 800))
        for week_start in range(self.start - self.start % 7, self.today + 60, 7):
            for _ in range(per_week):
                ordinal = week_start + rng.randrange(5)
                kind, title, theme = SESSIONS[rng.randrange(len(SESSIONS))]
                session_id = self.next_id("scheduling_collectivesession")
                ml.sessions.append((ordinal, session_id))
                facilitator = ml.counsellors[rng.randrange(len(ml.counsellors))]
                self.emit(
                    "scheduling_collectivesession",
                    (
                        str(session_id),
                        self.uid(),
                        str(ml.id),
                        kind,
                        title,
                        theme,
                        self.at(ordinal, rng.choice((4, 10))),
                        "120" if kind != "job_event" else "180",
                        "Salle de réunion",
                        str(facilitator),
                        str(rng.choice((12, 15, 20, 30))),
                        self.at(ordinal - 20),
                    ),
                )
        ml.sessions.sort()
        ml.session_days = [s[0] for s in ml.sessions]

    # -- one young person ------------------------------------------------------------------
    def person(self, ml, *, referent=None, active=False, timeline_items=None):
        """All the lines of one file. `referent`/`active` force the portfolio of the bench
        counsellor; `timeline_items` gives the exact number of items of the file's timeline."""
        rng = self.rng
        rand = rng.random
        rr = rng.randrange
        today = self.today
        yp = self.next_id("youngpeople_youngperson")
        span = today - self.start
        first_reception = self.start + rr(span)
        if timeline_items is not None:
            first_reception = self.start + 60 + rr(60)
        elif active:
            first_reception = today - 30 - rr(500)
        age = self.ages[rr(len(self.ages))]
        birth = first_reception - age * 365 - rng.randint(5, 360)
        rqth = rand() < 0.03
        female = rand() < 0.5
        first_name = (names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES)[
            rr(len(names.FEMALE_FIRST_NAMES if female else names.MALE_FIRST_NAMES))
        ]
        last_name = names.LAST_NAMES[rr(len(names.LAST_NAMES))]
        birth_name = last_name if rand() > 0.03 else names.LAST_NAMES[rr(len(names.LAST_NAMES))]
        level_1969, level_2019, last_class, diploma = self.levels[rr(len(self.levels))]
        commune_id, postal_code = ml.communes[rr(len(ml.communes))]
        age_days = today - first_reception
        if active:
            status = "active"
        else:
            status = (
                "active"
                if rand() < (0.85 if age_days < 365 else 0.5 if age_days < 730 else 0.25)
                else "inactive"
            )
        if referent is None and (status == "active" or rand() < 0.7):
            referent = self.pick_counsellor(ml)
        counsellor = referent or self.pick_counsellor(ml)
        follow_end = (
            today
            if status == "active"
            else min(today - 20 - rr(60), first_reception + 60 + rr(700))
        )
        follow_end = max(follow_end, first_reception)
        site = ml.sites[rr(len(ml.sites))]
        email = (
            f"{_ascii(first_name)}.{_ascii(last_name)}{rr(100)}@exemple.fr" if rand() < 0.8 else ""
        )
        created = self.at(first_reception, 3)
        self.emit(
            "youngpeople_youngperson",
            (
                str(yp),
                "1",
                self.uid(),
                last_name,
                birth_name,
                first_name,
                "F" if female else "M",
                self.day(birth),
                f"0{6 + rr(2)} {rr(10, 100)} {rr(10, 100)} {rr(10, 100)} {rr(10, 100)}",
                email,
                f"{rr(1, 120)} rue {names.LAST_NAMES[rr(60)]}",
                postal_code,
                str(commune_id),
                level_1969,
                level_2019,
                last_class,
                diploma,
                "t" if rand() < 0.85 else "f",
                self.day(first_reception),
                "",
                str(ml.id),
                str(site),
                str(referent) if referent else NULL,
                status,
                normalize_name(last_name, birth_name, first_name),
                created,
                created,
            ),
        )
        items = 0
        # Priority publics (dated periods).
        publics = []
        if rand() < 0.13:
            publics.append(("qpv", ""))
        if rand() < 0.03:
            publics.append(("zrr", ""))
        age_now = (today - birth) // 365
        if rand() < 0.03:
            publics.append(
                (
                    "ase",
                    "ase_young_adult"
                    if age_now >= 18
                    else rng.choice(("ase_placed", "ase_at_home")),
                )
            )
        justice = rand() < 0.015
        if justice:
            publics.append(
                (
                    "justice",
                    rng.choice(
                        (
                            "justice_open",
                            "justice_open",
                            "justice_detention",
                            "justice_pjj_placement",
                        )
                    ),
                )
            )
        if rqth:
            publics.append(("disability", "rqth"))
        elif rand() < 0.01:
            publics.append(("disability", "disability_other"))
        if age < 18 and rand() < 0.03:
            publics.append(("mna", ""))
        for public, detail in publics:
            end = NULL
            if public == "mna":
                end = self.day(birth + 18 * 365 + 4)
            self.emit(
                "youngpeople_prioritypublicperiod",
                (
                    str(self.next_id("youngpeople_prioritypublicperiod")),
                    str(yp),
                    public,
                    detail,
                    self.day(first_reception),
                    end,
                ),
            )
        # First reception (level 1).
        draw = rand()
        outcome = (
            "counsellor_orientation"
            if draw < 0.82 or active or timeline_items
            else ("one_off_answer" if draw < 0.92 else "external_orientation")
        )
        self.emit(
            "reception_firstreception",
            (
                str(self.next_id("reception_firstreception")),
                self.uid(),
                str(yp),
                self.day(first_reception),
                str(site),
                str(ml.reception[rr(len(ml.reception))]),
                "walk_in" if rand() < 0.6 else "appointment",
                outcome,
                rng.choice(("health", "mobility", "housing", "resources", "administrative"))
                if outcome == "one_off_answer"
                else "",
                rng.choice(("France Travail", "CCAS", "Point information jeunesse"))
                if outcome == "external_orientation"
                else "",
                "",
                created,
            ),
        )
        items += 1
        pathway_end = None
        outcome_kind = None
        cej_active = False
        # Diagnostic (level 2), then the contracted pathways.
        if outcome == "counsellor_orientation":
            started = first_reception + rr(0, 21)
            if started <= today:
                completed = started + rr(7, 45)
                if completed > today:
                    completed = None
                items += 1 + (completed is not None)
                next_step, pathways = self.plan_pathways(
                    completed, birth, rqth, active or timeline_items is not None
                )
                diagnostic = self.next_id("reception_diagnostic")
                self.emit(
                    "reception_diagnostic",
                    (
                        str(diagnostic),
                        "1",
                        self.uid(),
                        str(yp),
                        str(counsellor),
                        self.day(started),
                        self.day(completed),
                        "",
                        next_step if completed else "",
                        self.at(started, 5),
                        self.at(completed or started, 5),
                    ),
                )
                for k in range(1 + rr(2)):
                    self.emit(
                        "reception_diagnosticinterview",
                        (
                            str(self.next_id("reception_diagnosticinterview")),
                            str(diagnostic),
                            self.day(min(started + 10 * k, completed or today)),
                            "in_person" if rand() < 0.85 else "phone",
                        ),
                    )
                for area in rng.sample(AREAS, 3 + rr(4)):
                    self.emit(
                        "reception_diagnosticarea",
                        (
                            str(self.next_id("reception_diagnosticarea")),
                            str(diagnostic),
                            area,
                            "",
                            "",
                        ),
                    )
                for kind, start, planned_end, end in pathways:
                    items += self.pathway(yp, kind, start, planned_end, end, counsellor, birth)
                    if end is not None:
                        pathway_end = end
                    elif kind == "cej":
                        cej_active = True
                    if end is not None:
                        outcome_kind = self.last_outcome
        # Situations: NEET on arrival, then what came out of the pathway, and short jobs.
        items += self.situations(
            yp, first_reception, follow_end, pathway_end, outcome_kind, counsellor
        )
        # Proposals and immersions.
        for _ in range(rr(4)):
            items += self.proposal(yp, first_reception, follow_end, counsellor, cej_active)
        if rand() < 0.12 and follow_end - first_reception > 40:
            start = first_reception + 20 + rr(follow_end - first_reception - 20)
            self.emit(
                "pathways_pmsmp",
                (
                    str(self.next_id("pathways_pmsmp")),
                    self.uid(),
                    str(yp),
                    self.employers[rr(len(self.employers))],
                    f"{rr(10**13, 10**14)}",
                    self.day(start),
                    self.day(start + 4 + rr(20)),
                    "35.0",
                    rng.choice(("discover", "confirm", "recruit")),
                    ROME[rr(len(ROME))],
                    "",
                    str(counsellor),
                ),
            )
            items += 1
        # Collective sessions.
        if ml.sessions and rand() < 0.7:
            low = bisect_left(ml.session_days, first_reception)
            high = bisect_right(
                ml.session_days, min(follow_end + (30 if status == "active" else 0), today + 60)
            )
            if high > low:
                for index in {low + rr(high - low) for _ in range(1 + rr(4))}:
                    ordinal, session = ml.sessions[index]
                    if ordinal > today:
                        state = "registered"
                    else:
                        draw = rand()
                        state = "present" if draw < 0.7 else "absent" if draw < 0.85 else "excused"
                    self.emit(
                        "scheduling_participation",
                        (
                            str(self.next_id("scheduling_participation")),
                            str(session),
                            str(yp),
                            state,
                            self.at(ordinal - 1 - rr(14), 2),
                        ),
                    )
                    items += 1
        # Consents and liaison forms.
        if timeline_items is None:
            items += self.sharing(
                ml,
                yp,
                publics,
                justice,
                first_reception,
                counsellor,
                first_name,
                last_name,
                birth,
                commune_id,
            )
        # Appointments: about one every three weeks while the file is followed.
        if timeline_items is not None:
            count = timeline_items - items
        else:
            count = max(1, (follow_end - first_reception) // (12 + rr(22)))
        self.appointments(
            ml, yp, counsellor, first_reception, follow_end, count, status == "active", justice
        )
        self.timeline_items = items + count
        return yp

    def pick_counsellor(self, ml):
        ml.turn += 1
        return ml.referents[ml.turn % len(ml.referents)]

    def plan_pathways(self, completed, birth, rqth, force):
        """The recommended next step and the pathways [(kind, start, planned end, end)]."""
        rng = self.rng
        if completed is None:
            return "", []
        draw = rng.random()
        if force:
            draw = draw * 0.58
        kind = (
            "cej"
            if draw < 0.33
            else "pacea"
            if draw < 0.58
            else ("orientation_sequence" if draw < 0.68 else "")
        )
        if not kind:
            return rng.choice(("e2c", "service_civique", "training_body", "iae", "other")), []
        start = completed + rng.randrange(30)
        limit = birth + (30 if rqth and kind == "cej" else 26) * 365 - 1
        if start > self.today or start >= limit:
            return kind, []
        pathways = [self.dates(kind, start, limit)]
        end = pathways[0][3]
        if kind == "pacea" and end is not None and rng.random() < 0.25:
            follow = end + 1 + rng.randrange(20)
            if follow <= self.today and follow < limit:
                pathways.append(self.dates("cej", follow, limit))
        return kind, pathways

    def dates(self, kind, start, limit):
        rng = self.rng
        if kind == "cej":
            months = (
                rng.choice((6, 6, 9, 12, 12, 12)) if rng.random() > 0.05 else 12 + rng.randint(1, 6)
            )
        elif kind == "pacea":
            months = rng.randint(6, 24)
        else:
            months = rng.randint(2, 4)
        planned_end = min(start + int(months * 30.4) - 1, limit)
        end = None
        if planned_end < self.today:
            end = (
                planned_end
                if rng.random() < 0.7
                else start + rng.randrange(planned_end - start + 1)
            )
        elif rng.random() < 0.08 and start + 30 < self.today:
            end = start + 30 + rng.randrange(self.today - start - 30)
        return kind, start, planned_end, end

    def pathway(self, yp, kind, start, planned_end, end, counsellor, birth):
        rng = self.rng
        pathway = self.next_id("pathways_pathway")
        exit_reason = exit_outcome = ""
        self.last_outcome = None
        if end is not None:
            exit_outcome = self.outcomes[rng.randrange(len(self.outcomes))]
            if end == planned_end:
                exit_reason = (
                    "age_limit"
                    if end >= birth + 26 * 365 - 2
                    else rng.choice(("completed", "completed", "autonomy"))
                )
            else:
                exit_reason = rng.choice(
                    ("request", "no_contact", "moved", "reoriented", "autonomy", "sanction")
                )
                if exit_reason == "sanction" and kind != "cej":
                    exit_reason = "no_contact"
            self.last_outcome = exit_outcome
        exception = ""
        if kind == "cej" and planned_end - start > 366:
            exception = "Formation qualifiante en cours : prolongation motivée."
        allowance = ""
        if kind == "cej" and (start - birth) >= 18 * 365 + 5:
            allowance = "non_taxable" if rng.random() < 0.8 else "first_bracket"
        self.emit(
            "pathways_pathway",
            (
                str(pathway),
                "1",
                self.uid(),
                str(yp),
                kind,
                self.day(start),
                self.day(planned_end),
                exception,
                allowance,
                self.day(end),
                exit_reason,
                exit_outcome,
                str(counsellor),
                self.at(start, 6),
            ),
        )
        items = 1 + (end is not None)
        if kind == "pacea":
            last = end if end is not None else min(planned_end, self.today)
            phases = 1 + rng.randrange(3)
            length = max(1, (last - start) // phases)
            for k in range(phases):
                phase_start = start + k * length
                phase_end = (
                    phase_start + length - 1 if (k < phases - 1 or end is not None) else None
                )
                self.emit(
                    "pathways_paceaphase",
                    (
                        str(self.next_id("pathways_paceaphase")),
                        str(pathway),
                        self.day(phase_start),
                        self.day(phase_end),
                        PHASE_OBJECTIVES[k % len(PHASE_OBJECTIVES)],
                        "Objectifs atteints." if phase_end is not None else "",
                    ),
                )
                items += 1
        if kind == "cej" and rng.random() < 0.04:
            breach = start + 30 + rng.randrange(60)
            if breach < (end or self.today):
                month = datetime.date.fromordinal(breach).replace(day=1).toordinal()
                self.emit(
                    "pathways_cejsanction",
                    (
                        str(self.next_id("pathways_cejsanction")),
                        str(pathway),
                        self.day(breach),
                        "reduction",
                        self.day(month),
                        "Absence non justifiée à deux rendez-vous.",
                        str(counsellor),
                        self.at(breach + 2, 8),
                    ),
                )
                items += 1
        return items

    def situation(self, yp, kind, contract, training, start, end, counsellor):
        rng = self.rng
        organisation = rome = formacode = ""
        if kind in ("employment", "work_study", "iae"):
            organisation = self.employers[rng.randrange(len(self.employers))]
            rome = ROME[rng.randrange(len(ROME))]
        elif kind == "training":
            organisation = "Organisme de formation " + names.LAST_NAMES[rng.randrange(80)]
            formacode = FORMACODES[rng.randrange(len(FORMACODES))]
        self.emit(
            "pathways_situation",
            (
                str(self.next_id("pathways_situation")),
                self.uid(),
                str(yp),
                kind,
                contract,
                training,
                self.day(start),
                self.day(end),
                organisation,
                rome,
                formacode,
                str(counsellor),
            ),
        )
        return 1

    def situations(self, yp, first_reception, follow_end, pathway_end, outcome_kind, counsellor):
        rng = self.rng
        items = 0
        outcome_start = pathway_end + 1 if pathway_end is not None else None
        if rng.random() < 0.6:
            end = (
                outcome_start - 1
                if outcome_start
                else (
                    None
                    if rng.random() < 0.5
                    else min(follow_end, first_reception + 30 + rng.randrange(300))
                )
            )
            items += self.situation(yp, "job_seeker", "", "", first_reception, end, counsellor)
        if rng.random() < 0.35 and follow_end - first_reception > 60:
            start = first_reception + 30 + rng.randrange(follow_end - first_reception - 30)
            kind, contract, training = rng.choice(
                (
                    ("employment", "interim", ""),
                    ("employment", "cdd_short", ""),
                    ("training", "", "pre_qualifying"),
                    ("pmsmp", "", ""),
                )
            )
            items += self.situation(
                yp, kind, contract, training, start, start + 10 + rng.randrange(80), counsellor
            )
        if outcome_kind in OUTCOME_SITUATIONS and outcome_start <= self.today:
            kind, contract, training = rng.choice(OUTCOME_SITUATIONS[outcome_kind])
            if kind != "job_seeker":
                length = {"cdi": None, "cdd_6_plus": 200, "apprenticeship": 700}.get(contract, 120)
                end = (
                    outcome_start + length
                    if length and outcome_start + length < self.today
                    else None
                )
                items += self.situation(
                    yp, kind, contract, training, outcome_start, end, counsellor
                )
        return items

    def proposal(self, yp, first_reception, follow_end, counsellor, cej_active):
        rng = self.rng
        kind = self.proposal_kinds[rng.randrange(len(self.proposal_kinds))]
        proposed = first_reception + rng.randrange(follow_end - first_reception + 1)
        draw = rng.random()
        done = None
        if draw < 0.35 and proposed + 7 <= self.today:
            status, done = "done", min(self.today, proposed + 7 + rng.randrange(50))
        else:
            status = "accepted" if draw < 0.55 else "refused" if draw < 0.75 else "proposed"
        hours = f"{rng.randint(10, 35)}.0" if done is not None and cej_active else "0"
        descriptions = PROPOSALS[kind]
        self.emit(
            "pathways_proposal",
            (
                str(self.next_id("pathways_proposal")),
                self.uid(),
                str(yp),
                kind,
                self.day(proposed),
                descriptions[rng.randrange(len(descriptions))],
                status,
                self.day(done),
                hours,
                str(counsellor),
            ),
        )
        return 1

    def sharing(
        self,
        ml,
        yp,
        publics,
        justice,
        first_reception,
        counsellor,
        first_name,
        last_name,
        birth,
        commune_id,
    ):
        """Consents to the partners that follow the young person; liaison forms from them."""
        rng = self.rng
        items = 0
        public_kinds = {public for public, _ in publics}
        partner = None
        if justice:
            partner = "spip"
        elif "ase" in public_kinds:
            partner = "conseil_departemental"
        elif rng.random() < 0.15:
            partner = "france_travail"
        if partner is None:
            return 0
        organisation, sender = ml.partners[partner]
        given = min(first_reception + rng.randrange(40), self.today)
        consent = self.next_id("referrals_consent")
        withdrawn = rng.random() < 0.05
        self.emit(
            "referrals_consent",
            (
                str(consent),
                self.uid(),
                str(yp),
                str(organisation),
                "t",
                "t" if rng.random() < 0.6 else "f",
                "t",
                "f",
                "signed_form" if rng.random() < 0.7 else "oral",
                self.day(given),
                str(counsellor),
                self.at(given, 9),
                self.at(given + 60, 9) if withdrawn and given + 60 <= self.today else NULL,
                str(counsellor) if withdrawn and given + 60 <= self.today else NULL,
            ),
        )
        items += 1 + (withdrawn and given + 60 <= self.today)
        if partner != "france_travail" or rng.random() < 0.1:
            sent = first_reception - 5 - rng.randrange(30)
            form = self.next_id("referrals_liaisonform")
            situation = {"spip": "probation", "conseil_departemental": "child_welfare"}.get(
                partner, "job_seeker"
            )
            self.emit(
                "referrals_liaisonform",
                (
                    str(form),
                    "1",
                    self.uid(),
                    "to_ml",
                    str(organisation),
                    str(sender),
                    str(ml.id),
                    last_name,
                    first_name,
                    self.day(birth),
                    "",
                    "",
                    str(commune_id),
                    situation,
                    "",
                    str(yp),
                    "Accompagnement vers l'emploi et la formation.",
                    '["employment", "training"]',
                    "",
                    "normal",
                    "",
                    "t",
                    "signed_form",
                    self.day(sent),
                    NULL,
                    "",
                    "",
                    "accompaniment_started",
                    self.at(sent, 3),
                    self.at(first_reception, 3),
                ),
            )
            self.emit(
                "referrals_liaisontransition",
                (
                    str(self.next_id("referrals_liaisontransition")),
                    str(form),
                    str(sender),
                    self.at(sent, 3),
                    "",
                    "sent",
                    "",
                ),
            )
            items += 1
        return items

    def appointments(self, ml, yp, counsellor, first, last, count, active, justice):
        """`count` appointments spread from the first reception to the end of the follow-up;
        files followed today also get one or two in the coming weeks."""
        rng = self.rng
        rr = rng.randrange
        today = self.today
        future = 0
        if active:
            future = min(count, 1 + (rr(3) == 0))
        past = count - future
        span = max(1, last - first)
        days = sorted(first + 1 + rr(span) for _ in range(past))
        days += [today + 1 + rr(30) for _ in range(future)]
        if active and future and rr(20) == 0:
            days[-1] = today
        first_id = self.ids["scheduling_appointment"] + 1
        self.ids["scheduling_appointment"] += count
        uid = self.uid
        at = self.at
        str_yp = str(yp)
        str_counsellor = str(counsellor)
        lines = self.lines["scheduling_appointment"]
        statuses = self.past_statuses
        modes = self.modes
        for k, ordinal in enumerate(days):
            appointment = first_id + k
            postponed = NULL
            if ordinal < today or (ordinal == today and k < past):
                status = statuses[rr(100)]
                if status == "postponed":
                    if k + 1 < count:
                        postponed = str(appointment + 1)
                    else:
                        status = "absent"
                if ordinal > today - 10 and rr(10) == 0:
                    status = "planned"
            else:
                status = "planned"
            mode = "detention" if justice and rr(4) == 0 else modes[rr(100)]
            who = str_counsellor if rr(10) else str(ml.counsellors[rr(len(ml.counsellors))])
            lines.append(
                f"{appointment}\t{uid()}\t{str_yp}\t{who}\t{at(ordinal, rr(18))}\t"
                f"{45 if rr(3) else 30}\t{mode}\t\t{SUBJECTS[rr(10)]}\t\t{status}\t{postponed}\t"
                f"{who}\t{at(ordinal - 1 - rr(20), 2)}\n"
            )

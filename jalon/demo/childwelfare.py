"""Demo ASE follow-ups, loaded by `jalon demo-data` after the partners: seven young people of
Toulouse placed or followed by the Conseil départemental de la Haute-Garonne (CD31), at 16, 17
and 19, with the interview at 17 at every stage (to plan, planned, held jointly, held by the
Département alone, late after a taking into care at 17), autonomy projects built jointly or
not, and CEJ proposals (accepted, waiting, due). Four of them consented to share with the
Département, whose referent (`ase@`) follows them. Written through the services, as users
would, so the journal and the rules see them."""

import datetime
from dataclasses import dataclass, field

from jalon.accounts.models import User
from jalon.childwelfare import services
from jalon.childwelfare.enums import CejDecision
from jalon.childwelfare.rules import birthday
from jalon.demo import network as demo
from jalon.network.models import Commune, Organisation
from jalon.partners.services import follow_up_member_add
from jalon.reception.services import diagnostic_record
from jalon.referrals.enums import ConsentCategory, ConsentMethod
from jalon.referrals.services import consent_record
from jalon.youngpeople.enums import PublicDetail, Sex
from jalon.youngpeople.models import YoungPerson

PLACED = PublicDetail.ASE_PLACED
AT_HOME = PublicDetail.ASE_AT_HOME
YOUNG_ADULT = PublicDetail.ASE_YOUNG_ADULT


@dataclass
class Case:
    first_names: str
    last_name: str
    sex: str
    # Age today: (years, days since the last birthday).
    age: tuple[int, int]
    # (status, age in years and days when it started), oldest first.
    statuses: list
    shared: bool = False
    # Days ago the Département asked the Mission Locale / first contact / registration.
    requested: int | None = None
    first_contact: int | None = None
    registered: int | None = None
    # ("to_plan" | "planned" | "joint" | "departement_alone", days from today)
    interview: tuple | None = None
    # (days ago, jointly, {area: (objectives, actions)})
    project: tuple | None = None
    # (days ago proposed, decision, days ago decided)
    cej: tuple | None = None
    bilan_diagnostic_days_ago: int | None = None
    extra: dict = field(default_factory=dict)


CASES = [
    Case(
        "Inès",
        "Benali",
        Sex.FEMALE,
        (16, 60),
        [(PLACED, (12, 40))],
        shared=True,
        requested=35,
        first_contact=14,
    ),
    Case(
        "Yanis",
        "Morel",
        Sex.MALE,
        (16, 340),
        [(AT_HOME, (15, 100))],
        requested=60,
        first_contact=40,
        registered=40,
        interview=("planned", 10),
    ),
    Case(
        "Chloé",
        "Lambert",
        Sex.FEMALE,
        (17, 95),
        [(PLACED, (13, 0))],
        shared=True,
        requested=300,
        first_contact=280,
        registered=270,
        interview=("joint", -120),
        bilan_diagnostic_days_ago=110,
        project=(
            90,
            True,
            {
                "housing": (
                    "Entrer en foyer de jeunes travailleurs à la majorité",
                    "Dossier FJT déposé par l'éducatrice ; visite avec la conseillère",
                ),
                "employment_training": (
                    "CAP Accompagnant éducatif petite enfance en apprentissage",
                    "Recherche d'employeur avec la Mission Locale, stage en crèche",
                ),
                "resources": ("Ouvrir un compte bancaire", "Rendez-vous banque avec l'éducatrice"),
                "administrative": ("Carte d'identité et carte vitale à son nom", ""),
            },
        ),
    ),
    Case(
        "Sofiane",
        "Girard",
        Sex.MALE,
        (17, 150),
        [(PLACED, (17, 20))],
        requested=100,
        first_contact=90,
        interview=("to_plan", 0),
    ),
    Case(
        "Manon",
        "Petit",
        Sex.FEMALE,
        (19, 30),
        [(PLACED, (14, 0)), (YOUNG_ADULT, (18, 0))],
        shared=True,
        requested=900,
        first_contact=880,
        registered=870,
        interview=("departement_alone", -760),
        project=(
            700,
            False,
            {
                "housing": ("Logement autonome avec l'aide jeune majeur", "Demande FSL"),
                "care": ("Suivi médical régulier", "Médecin traitant déclaré"),
            },
        ),
        cej=(300, CejDecision.ACCEPTED, 290),
    ),
    Case(
        "Lucie",
        "Fontaine",
        Sex.FEMALE,
        (19, 100),
        [(PLACED, (15, 0)), (YOUNG_ADULT, (18, 0))],
        shared=True,
        requested=500,
        first_contact=480,
        registered=470,
        interview=("departement_alone", -900),
    ),
    Case(
        "Théo",
        "Marchand",
        Sex.MALE,
        (18, 40),
        [(PLACED, (16, 200)), (YOUNG_ADULT, (18, 10))],
        requested=420,
        first_contact=400,
        registered=400,
        interview=("joint", -390),
        cej=(20, CejDecision.PENDING, None),
    ),
]


def _account(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{demo.DEMO_DOMAIN}")


def _on(birth_date, years, days):
    return birthday(birth_date, years) + datetime.timedelta(days=days)


def load(today: datetime.date) -> int:
    ml = Organisation.objects.get(code=demo.ML_TOULOUSE)
    departement = Organisation.objects.get(code="CD31")
    counsellor = _account("conseiller")
    referent = _account("ase")
    toulouse = Commune.objects.get(code="31555")
    for case in CASES:
        _load_case(case, today, ml, departement, counsellor, referent, toulouse)
    return len(CASES)


def _born(today, years, days):
    """The birth date of someone who turned `years` `days` days ago."""
    anchor = today - datetime.timedelta(days=days)
    try:
        return anchor.replace(year=anchor.year - years)
    except ValueError:  # 29 February
        return anchor.replace(year=anchor.year - years, day=28)


def _days_ago(today, days):
    return None if days is None else today - datetime.timedelta(days=days)


def _load_case(case, today, ml, departement, counsellor, referent, toulouse):
    birth_date = _born(today, *case.age)
    young_person = YoungPerson.objects.create(
        last_name=case.last_name,
        first_names=case.first_names,
        sex=case.sex,
        birth_date=birth_date,
        first_reception_date=_days_ago(today, case.first_contact) or today,
        mission_locale=ml,
        referent=counsellor,
        phone="06 00 00 00 00",
        postal_code="31000",
        commune=toulouse,
    )
    (first_status, (start_years, start_days)), *later = case.statuses
    taken_into_care_on = _on(birth_date, start_years, start_days)
    follow_up = services.ase_follow_up_open(
        actor=counsellor,
        young_person=young_person,
        data={
            "departement": departement,
            "taken_into_care_on": taken_into_care_on,
            "departement_referent": referent,
            "requested_by_departement_on": _days_ago(today, case.requested),
            "first_contact_on": _days_ago(today, case.first_contact),
            "registration_proposed_on": _days_ago(today, case.first_contact),
            "registered_on": _days_ago(today, case.registered),
        },
        status=first_status,
        status_start=taken_into_care_on,
    )
    for status, (start_years, start_days) in later:
        services.ase_status_change(
            actor=counsellor,
            follow_up=follow_up,
            status=status,
            start_date=_on(birth_date, start_years, start_days),
        )
    if case.shared:
        consent_record(
            actor=counsellor,
            young_person=young_person,
            organisation=departement,
            categories={
                ConsentCategory.IDENTITY,
                ConsentCategory.PATHWAY,
                ConsentCategory.DIAGNOSTIC,
            },
            method=ConsentMethod.SIGNED_FORM,
            given_on=_days_ago(today, case.first_contact) or today,
        )
        follow_up_member_add(
            actor=counsellor, young_person=young_person, user=referent, start_date=today
        )
    if case.bilan_diagnostic_days_ago is not None:
        diagnostic = diagnostic_record(
            actor=counsellor,
            young_person=young_person,
            started_on=_days_ago(today, case.bilan_diagnostic_days_ago + 7),
            completed_on=_days_ago(today, case.bilan_diagnostic_days_ago),
            areas={
                "training": {
                    "situation": "En 1re CAP AEPE, stage en crèche apprécié.",
                    "barriers": "",
                },
                "housing": {
                    "situation": "Placée en foyer jusqu'à la majorité.",
                    "barriers": "Pas de solution de logement après 18 ans.",
                },
            },
            conclusions="Projet petite enfance réaliste ; besoin d'un logement à la majorité.",
            recommended_next_step="pacea",
            channel="web",
        )
        follow_up.refresh_from_db()
        services.ase_follow_up_update(
            actor=counsellor,
            follow_up=follow_up,
            data={"bilan_diagnostic": diagnostic},
            expected_version=follow_up.version,
        )
    _interview(case, today, follow_up, counsellor, referent)
    if case.project is not None:
        days_ago, jointly, areas = case.project
        services.autonomy_project_record(
            actor=referent if case.shared else counsellor,
            follow_up=follow_up,
            data={
                "drawn_up_on": _days_ago(today, days_ago),
                "built_jointly": jointly,
                "ml_participant": counsellor if jointly else None,
                "departement_participant": referent.get_full_name(),
            },
            areas=areas,
        )
    if case.cej is not None:
        proposed, decision, decided = case.cej
        proposal = services.cej_propose(
            actor=counsellor, follow_up=follow_up, proposed_on=_days_ago(today, proposed)
        )
        if decision != CejDecision.PENDING:
            services.cej_decide(
                actor=counsellor,
                proposal=proposal,
                decision=decision,
                decided_on=_days_ago(today, decided),
            )


def _interview(case, today, follow_up, counsellor, referent):
    if case.interview is None or case.interview[0] == "to_plan":
        return
    stage, days = case.interview
    day = today + datetime.timedelta(days=days)
    data = {"planned_on": day, "departement_participant": referent.get_full_name()}
    if stage == "planned":
        data.update(held_jointly=True, ml_participant=counsellor)
    elif stage == "joint":
        data.update(held_on=day, held_jointly=True, ml_participant=counsellor)
    else:
        data.update(held_on=day)
    services.interview_record(actor=counsellor, follow_up=follow_up, data=data)

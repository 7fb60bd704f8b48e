"""Demo obligation de formation 16-18: a rectorat list imported in Toulouse and in the Nord
Meusien (whose partnership with the Département on this duty is seed 004's example), and its
cases at every stage: to contact, contact attempts, convoked, due for the report, reported (a
report sent to the Département), solved, and one young person who turned 18.

Goes through the services, as a counsellor and a director would: deterministic, dates relative
to the day of loading.
"""

import datetime

from dateutil.relativedelta import relativedelta

from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.obligation import services
from jalon.obligation.enums import ContactChannel, ContactOutcome, SendingMeans, SolutionKind
from jalon.obligation.models import ObligationCase
from jalon.youngpeople.models import YoungPerson

HEADER = [
    "NOM",
    "PRENOM",
    "DATE NAISSANCE",
    "SEXE",
    "ADRESSE",
    "CODE POSTAL",
    "COMMUNE",
    "ETABLISSEMENT",
    "CLASSE",
    "DATE SORTIE",
    "RESPONSABLE LEGAL",
    "TELEPHONE RESPONSABLE",
]
# The rectorat's columns, in order, are Jalon's fields in the same order.
MAPPING = {
    name: index
    for index, name in enumerate(
        [
            "last_name",
            "first_names",
            "birth_date",
            "sex",
            "address",
            "postal_code",
            "commune_name",
            "establishment",
            "school_class",
            "left_on",
            "representative",
            "representative_contact",
        ]
    )
}

# last name, first names, sex, age in days past 16, stage
LEAVERS = [
    ("Moreau", "Lina", "F", 300, "to_contact"),
    ("Garnier", "Théo", "M", 120, "to_contact"),
    ("Benali", "Yanis", "M", 500, "to_contact"),
    ("Roux", "Anaïs", "F", 410, "contacting"),
    ("Faure", "Kylian", "M", 220, "contacting"),
    ("Girard", "Maëlys", "F", 350, "convoked"),
    ("Lambert", "Nolan", "M", 260, "convoked"),
    ("Bonnet", "Jade", "F", 450, "report_due"),
    ("Mercier", "Enzo", "M", 380, "report_due"),
    ("Chevalier", "Sarah", "F", 470, "reported"),
    ("Fontaine", "Mathis", "M", 400, "reported"),
    ("Rousseau", "Clara", "F", 330, "solved_apprenticeship"),
    ("Vincent", "Hugo", "M", 280, "solved_school"),
    ("Muller", "Léna", "F", 200, "solved_civic_service"),
]
PLACES = {
    demo.ML_TOULOUSE: (
        [("Lycée professionnel Gallieni", "1re année de CAP"), ("Lycée Déodat-de-Séverac", "2nde")],
        ("rue des Lilas", "31200", "Toulouse"),
    ),
    demo.ML_MEUSE: (
        [("Lycée Jean-Auguste Margueritte", "2nde professionnelle"), ("Collège Buvignier", "3e")],
        ("rue Saint-Sauveur", "55100", "Verdun"),
    ),
}


def _account(local_part: str) -> User:
    return User.objects.get(email=f"{local_part}@{demo.DEMO_DOMAIN}")


def _row(index, last_name, first_names, sex, days_past_16, ml_code, today) -> list[str]:
    schools, (street, postal_code, commune) = PLACES[ml_code]
    establishment, school_class = schools[index % len(schools)]
    birth_date = today - relativedelta(years=16) - datetime.timedelta(days=days_past_16)
    left_on = today - datetime.timedelta(days=150 + index * 3)
    return [
        last_name.upper(),
        first_names,
        f"{birth_date:%d/%m/%Y}",
        sex,
        f"{3 + index * 4} {street}",
        postal_code,
        commune,
        establishment,
        school_class,
        f"{left_on:%d/%m/%Y}",
        f"{'Mme' if index % 2 else 'M.'} {last_name}",
        f"06 12 34 {index:02d} {index * 3 % 100:02d}",
    ]


def _minor_with_a_file(ml_code, today):
    """A demo file of the Mission Locale aged 16-17: the list names them too, and the import
    finds their file."""
    return (
        YoungPerson.objects.filter(
            mission_locale__code=ml_code,
            birth_date__gt=today - relativedelta(years=18) + datetime.timedelta(days=60),
            birth_date__lte=today - relativedelta(years=16),
        )
        .order_by("last_name", "first_names")
        .first()
    )


def _load_mission_locale(ml_code, counsellor, director, today) -> int:
    rows = [
        _row(index, last, first, sex, days, ml_code, today)
        for index, (last, first, sex, days, _) in enumerate(LEAVERS)
    ]
    minor = _minor_with_a_file(ml_code, today)
    if minor is not None:
        rows.append(
            [
                minor.last_name,
                minor.first_names,
                f"{minor.birth_date:%d/%m/%Y}",
                minor.sex,
                *["", "", "", "Lycée Bellevue", "2nde", "", "", ""],
            ]
        )
    text = "\n".join(";".join(row) for row in [HEADER, *rows]) + "\n"
    leaver_list = services.leaver_list_upload(
        actor=counsellor,
        file_name=f"sortants-{today.year}.csv",
        raw=text.encode("cp1252"),
        source="Rectorat — liste des sortants sans solution",
    )
    services.leaver_list_import(actor=counsellor, leaver_list=leaver_list, mapping=MAPPING)
    cases = {
        (case.last_name.lower(), case.first_names): case
        for case in ObligationCase.objects.filter(leaver_list=leaver_list)
    }
    for last, first, _, _, stage in LEAVERS:
        _advance(cases[(last.lower(), first)], stage, counsellor, today)
    report = services.report_prepare(actor=director, today=today - datetime.timedelta(days=25))
    services.report_record_sending(
        actor=director,
        report=report,
        sent_on=today - datetime.timedelta(days=23),
        means=SendingMeans.SECURE_EMAIL,
    )
    if minor is not None:
        case = ObligationCase.objects.get(leaver_list=leaver_list, young_person=minor)
        services.contact_attempt_record(
            actor=counsellor,
            case=case,
            attempted_on=today - datetime.timedelta(days=30),
            channel=ContactChannel.PHONE,
            outcome=ContactOutcome.REACHED,
        )
        pathway = minor.pathways.order_by("-start_date").first()
        services.solution_record(
            actor=counsellor,
            case=case,
            kind=SolutionKind.ML_ACCOMPANIMENT,
            solution_on=today - datetime.timedelta(days=20),
            pathway=pathway,
            details="" if pathway else "Accompagnement par sa conseillère",
        )
    _turned_18(ml_code, leaver_list, today)
    return ObligationCase.objects.filter(leaver_list=leaver_list).count()


def _attempt(case, counsellor, days_ago, channel, outcome, today, notes=""):
    services.contact_attempt_record(
        actor=counsellor,
        case=case,
        attempted_on=today - datetime.timedelta(days=days_ago),
        channel=channel,
        outcome=outcome,
        notes=notes,
    )


def _advance(case, stage, counsellor, today):
    def days(n):
        return today - datetime.timedelta(days=n)

    if stage == "to_contact":
        return
    if stage == "contacting":
        _attempt(case, counsellor, 9, ContactChannel.PHONE, ContactOutcome.NO_ANSWER, today)
        _attempt(case, counsellor, 4, ContactChannel.SMS, ContactOutcome.NO_ANSWER, today)
        return
    convoked = {"convoked": 20, "report_due": 70, "reported": 100}.get(stage, 30)
    _attempt(
        case,
        counsellor,
        convoked + 12,
        ContactChannel.PHONE,
        ContactOutcome.WRONG_DETAILS if stage == "reported" else ContactOutcome.NO_ANSWER,
        today,
    )
    _attempt(
        case,
        counsellor,
        convoked + 5,
        ContactChannel.REPRESENTATIVE,
        ContactOutcome.REPRESENTATIVE_REACHED,
        today,
        notes="La mère indique qu'il ne souhaite pas reprendre de formation pour l'instant.",
    )
    services.convocation_record(
        actor=counsellor,
        case=case,
        convoked_on=days(convoked),
        appointment_on=days(convoked - 10),
    )
    solutions = {
        "solved_apprenticeship": (SolutionKind.APPRENTICESHIP, "CAP Cuisine, CFA de la chambre"),
        "solved_school": (SolutionKind.SCHOOL, "Retour en 2nde professionnelle"),
        "solved_civic_service": (SolutionKind.CIVIC_SERVICE, "Mission d'Unis-Cité, 8 mois"),
    }
    if stage in solutions:
        kind, details = solutions[stage]
        services.solution_record(
            actor=counsellor, case=case, kind=kind, solution_on=days(12), details=details
        )


def _turned_18(ml_code, leaver_list, today):
    """A young person of an earlier list, convoked without answer, who has just turned 18: the
    obligation is over for him (the page says so)."""
    birth_date = today - relativedelta(years=18) - datetime.timedelta(days=6)
    ObligationCase.objects.create(
        mission_locale=leaver_list.mission_locale,
        identity_key=services.identity_key(
            last_name="Perrin", first_names="Lucas", birth_date=birth_date
        ),
        last_name="Perrin",
        first_names="Lucas",
        birth_date=birth_date,
        sex="M",
        establishment=PLACES[ml_code][0][0][0],
        school_class="Terminale professionnelle",
        convoked_on=today - datetime.timedelta(days=40),
    )


def load(today: datetime.date) -> int:
    created = _load_mission_locale(
        demo.ML_TOULOUSE, _account("conseiller"), _account("directeur"), today
    )
    created += _load_mission_locale(
        demo.ML_MEUSE, _account("conseillere-meuse"), _account("directeur-meuse"), today
    )
    return created

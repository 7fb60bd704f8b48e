"""Deterministic demo data: the same network, people and files at every load.

Dates are laid out backwards from the day of loading, so the demo always looks current.
Files are inserted in bulk (the loader is not a user action: no audit entries).
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone
from faker import Faker

from jalon.accounts.backends import DEMO_PASSWORD
from jalon.accounts.models import User
from jalon.demo import network as demo
from jalon.network.models import Commune, Departement, Organisation, Region, Site
from jalon.youngpeople.enums import (
    FileStatus,
    Level1969,
    Level2019,
    PriorityPublic,
    PublicDetail,
    Sex,
)
from jalon.youngpeople.models import PriorityPublicPeriod, YoungPerson
from jalon.youngpeople.normalize import normalize_text

SEED = 2026

# Young people the demo script and the browser tests rely on (Toulouse unless stated).
NAMED_YOUNG_PEOPLE = [
    # last name, first names, sex, birth date, ML
    ("Dupont", "Lucas", "M", datetime.date(2005, 3, 12), demo.ML_TOULOUSE),
    ("Dupont", "Léa", "F", datetime.date(2007, 9, 2), demo.ML_TOULOUSE),
    ("Martin", "Chloé", "F", datetime.date(2006, 5, 14), demo.ML_MONTPELLIER),
    ("Lefèvre", "Inès", "F", datetime.date(2004, 1, 23), demo.ML_MEUSE),
]

LEVELS = [
    (Level1969.VI, None, 8),
    (Level1969.V_BIS, None, 17),
    (Level1969.V, Level2019.L3, 20),
    (Level1969.V, None, 15),
    (Level1969.IV, Level2019.L4, 18),
    (Level1969.IV, None, 12),
    (Level1969.III, Level2019.L5, 7),
    (Level1969.II, Level2019.L6, 3),
]
LAST_CLASSES = {
    Level1969.VI: ["4e", "5e"],
    Level1969.V_BIS: ["3e", "1re année de CAP"],
    Level1969.V: ["2e année de CAP", "2nde générale", "1re technologique"],
    Level1969.IV: ["Terminale générale", "Terminale professionnelle"],
    Level1969.III: ["BTS 2e année", "BUT 2e année"],
    Level1969.II: ["Licence 3"],
}
DIPLOMAS = {
    Level2019.L3: ["CAP Cuisine", "CAP Maçon", "BEP Métiers de la relation client"],
    Level2019.L4: ["Bac professionnel Commerce", "Bac général", "Bac pro Logistique"],
    Level2019.L5: ["BTS Management commercial opérationnel", "BTS SIO"],
    Level2019.L6: ["Licence de psychologie"],
}
STREETS = [
    "rue des Lilas",
    "avenue de la République",
    "rue Victor-Hugo",
    "place du Marché",
    "chemin des Vignes",
    "rue Jean-Jaurès",
    "boulevard Gambetta",
    "impasse des Tilleuls",
]


def _weighted(rng: random.Random, choices):
    return rng.choices([c[:-1] for c in choices], weights=[c[-1] for c in choices])[0]


@transaction.atomic
def load_network() -> dict:
    regions = {r.code: r for r in Region.objects.all()}
    departements = {d.code: d for d in Departement.objects.all()}
    communes = {c.code: c for c in Commune.objects.filter(code__in=_commune_codes())}
    unml, _ = Organisation.objects.update_or_create(
        code="UNML",
        defaults={
            "kind": "unml",
            "name": "Union nationale des Missions Locales",
            "commune": communes.get("75056"),
            "email": "contact@unml.demo.jalon.test",
        },
    )
    armls = {}
    for code, name, region, departement, commune in demo.ARMLS:
        armls[region], _ = Organisation.objects.update_or_create(
            code=code,
            defaults={
                "kind": "arml",
                "name": name,
                "parent": unml,
                "region": regions[region],
                "departement": departements[departement],
                "commune": communes.get(commune),
            },
        )
    for spec in demo.MISSIONS_LOCALES:
        ml, _ = Organisation.objects.update_or_create(
            code=spec["code"],
            defaults={
                "kind": "mission_locale",
                "name": spec["name"],
                "parent": armls[spec["region"]],
                "region": regions[spec["region"]],
                "departement": departements[spec["departement"]],
                "commune": communes[spec["commune"]],
                "address": spec["address"],
                "phone": spec["phone"],
                "email": spec["email"],
            },
        )
        ml.communes_covered.set([communes[code] for code in spec["covers"]])
        for name, commune, address, is_main in spec["sites"]:
            Site.objects.update_or_create(
                mission_locale=ml,
                name=name,
                defaults={"commune": communes[commune], "address": address, "is_main": is_main},
            )
    for kind, subtype, code, name, departement, commune in demo.PARTNERS:
        dep = departements[departement]
        Organisation.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "subtype": subtype,
                "name": name,
                "departement": dep,
                "region": dep.region,
                "commune": communes[commune],
            },
        )
    return {"organisations": Organisation.objects.count()}


def _commune_codes() -> set[str]:
    codes = {"75056", "54395"}
    for spec in demo.MISSIONS_LOCALES:
        codes |= {spec["commune"], *spec["covers"], *(s[1] for s in spec["sites"])}
    codes |= {p[5] for p in demo.PARTNERS} | {a[4] for a in demo.ARMLS}
    return codes


@transaction.atomic
def load_accounts() -> int:
    organisations = {o.code: o for o in Organisation.objects.all()}
    count = 0
    for local, first, last, role, org_code, site_index in demo.ACCOUNTS + demo.TEAM:
        organisation = organisations[org_code]
        site = (
            list(organisation.sites.order_by("-is_main", "name"))[site_index]
            if site_index is not None
            else None
        )
        user, created = User.objects.update_or_create(
            email=f"{local}@{demo.DEMO_DOMAIN}",
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "organisation": organisation,
                "site": site,
                "is_staff": role == "administrator",
                "is_superuser": role == "administrator",
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        count += 1
    return count


def generate_young_people(*, extra: int | None = None, seed: int = SEED, today=None):
    """Unsaved demo files with their public periods, the same for the same seed and day."""
    today = today or timezone.localdate()
    rng = random.Random(seed)
    fake = Faker("fr_FR")
    fake.seed_instance(seed)
    specs = demo.MISSIONS_LOCALES
    if extra is None:
        plan = [(spec, spec["young_people"]) for spec in specs]
    else:
        total = sum(spec["young_people"] for spec in specs)
        counts = [extra * spec["young_people"] // total for spec in specs]
        counts[0] += extra - sum(counts)
        plan = list(zip(specs, counts, strict=True))
    for spec, count in plan:
        ml = Organisation.objects.get(code=spec["code"])
        sites = list(ml.sites.all())
        counsellors = list(
            User.objects.filter(
                organisation=ml, role__in=["counsellor", "cjml", "justice_referent"]
            ).order_by("email")
        )
        communes = list(ml.communes_covered.all())
        named = (
            [n for n in NAMED_YOUNG_PEOPLE if n[4] == spec["code"]]
            if not YoungPerson.objects.filter(mission_locale=ml).exists()
            else []
        )
        for index in range(count):
            yield _young_person(
                rng,
                fake,
                ml,
                sites,
                counsellors,
                communes,
                today,
                named[index] if index < len(named) else None,
            )


@transaction.atomic
def load_young_people(*, extra: int | None = None, seed: int = SEED, today=None) -> int:
    """The demo files (about 500); or, with `extra`, that many more spread like them."""
    generated = list(generate_young_people(extra=extra, seed=seed, today=today))
    people = [person for person, _ in generated]
    YoungPerson.objects.bulk_create(people, batch_size=1000)
    PriorityPublicPeriod.objects.bulk_create(
        [period for person, periods in generated for period in _attach(person, periods)],
        batch_size=1000,
    )
    return len(people)


def _attach(person, periods):
    for period in periods:
        period.young_person = person
        yield period


def _young_person(rng, fake, ml, sites, counsellors, communes, today, named):
    first_reception = today - datetime.timedelta(days=rng.randint(1, 3 * 365))
    age_at_reception = _weighted(
        rng,
        [
            (16, 6),
            (17, 9),
            (18, 14),
            (19, 15),
            (20, 14),
            (21, 12),
            (22, 10),
            (23, 8),
            (24, 6),
            (25, 4),
            (27, 2),
        ],
    )[0]
    has_rqth = age_at_reception > 25 or rng.random() < 0.04
    if named:
        last_name, first_names, sex, birth_date, _ = named
        first_reception = max(first_reception, birth_date + datetime.timedelta(days=17 * 366))
    else:
        sex = rng.choice([Sex.FEMALE, Sex.MALE])
        first_names = fake.first_name_female() if sex == Sex.FEMALE else fake.first_name_male()
        last_name = fake.last_name()
        birth_date = first_reception - datetime.timedelta(
            days=age_at_reception * 365 + rng.randint(5, 355)
        )
    level_1969, level_2019 = _weighted(rng, LEVELS)
    commune = rng.choice(communes)
    person = YoungPerson(
        last_name=last_name,
        birth_name=last_name if rng.random() > 0.03 else fake.last_name(),
        first_names=first_names,
        sex=sex,
        birth_date=birth_date,
        phone=f"0{rng.choice([6, 7])} " + " ".join(str(rng.randint(10, 99)) for _ in range(4)),
        email=f"{_ascii(first_names)}.{_ascii(last_name)}{rng.randint(1, 99)}@exemple.fr"
        if rng.random() < 0.8
        else "",
        address=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
        postal_code=commune.postal_code_list[rng.randrange(len(commune.postal_code_list))],
        commune=commune,
        level_1969=level_1969,
        level_2019=level_2019,
        last_class=rng.choice(LAST_CLASSES[level_1969]),
        diploma=rng.choice(DIPLOMAS[level_2019]) if level_2019 else "",
        neet_on_arrival=rng.random() < 0.85,
        first_reception_date=first_reception,
        mission_locale=ml,
        site=rng.choice(sites),
        referent=rng.choice(counsellors) if counsellors and rng.random() < 0.92 else None,
        status=FileStatus.ACTIVE if rng.random() < 0.7 else FileStatus.INACTIVE,
    )
    person.search_name = person.compute_search_name()
    periods = []

    def period(public, detail="", start=first_reception, end=None):
        periods.append(
            PriorityPublicPeriod(public=public, detail=detail, start_date=start, end_date=end)
        )

    if has_rqth:
        period(PriorityPublic.DISABILITY, PublicDetail.RQTH)
    if rng.random() < 0.25:
        period(PriorityPublic.QPV)
    if ml.code == demo.ML_MEUSE and rng.random() < 0.3:
        period(PriorityPublic.ZRR)
    age_now = (today - birth_date).days // 365
    if rng.random() < 0.08:
        detail = (
            PublicDetail.ASE_YOUNG_ADULT
            if age_now >= 18
            else rng.choice([PublicDetail.ASE_PLACED, PublicDetail.ASE_AT_HOME])
        )
        period(PriorityPublic.ASE, detail)
    if rng.random() < 0.06:
        detail = rng.choice(
            [
                PublicDetail.JUSTICE_OPEN,
                PublicDetail.JUSTICE_OPEN,
                PublicDetail.JUSTICE_DETENTION,
                PublicDetail.JUSTICE_PJJ_PLACEMENT,
            ]
        )
        period(PriorityPublic.JUSTICE, detail)
    if rng.random() < 0.02 and age_at_reception < 18:
        period(PriorityPublic.MNA, end=birth_date + datetime.timedelta(days=18 * 365 + 4))
    return person, periods


def _ascii(value: str) -> str:
    return normalize_text(value).replace(" ", "-")

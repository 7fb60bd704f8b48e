"""The national network: 15 regions, their ARMLs, 436 Missions Locales with their reception
points and territories, partners per département, and every staff account."""

import datetime
import random
import string
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from jalon.accounts.backends import DEMO_PASSWORD
from jalon.accounts.models import Role, User
from jalon.demo.national import names
from jalon.network.models import Commune, Departement, Organisation, Region, Site
from jalon.youngpeople.normalize import normalize_text

PREFIX = "N-"
DOMAIN = "jalon.test"
BENCH_DOMAIN = f"national.{DOMAIN}"
FULL_SCALE_YOUNG_PEOPLE = 1_100_000

# Missions Locales per region (close to the real network: 436 in all), by INSEE region code.
MISSIONS_LOCALES_BY_REGION = {
    "11": 72,
    "84": 48,
    "32": 45,
    "76": 45,
    "75": 43,
    "44": 38,
    "93": 29,
    "28": 26,
    "27": 22,
    "24": 21,
    "52": 21,
    "53": 17,
    "04": 4,
    "01": 3,
    "94": 2,
}
# Young people per counsellor's portfolio, on average (about 80 % of the staff are counsellors).
YOUNG_PEOPLE_PER_COUNSELLOR = 93
BENCH_PORTFOLIO = 300
STREETS = [
    "rue de la République",
    "avenue Jean-Jaurès",
    "place de la Mairie",
    "rue Victor-Hugo",
    "boulevard Gambetta",
    "rue Pasteur",
    "avenue du Général-de-Gaulle",
    "rue de la Gare",
    "rue des Écoles",
    "allée des Tilleuls",
]


@dataclass
class MissionLocale:
    id: int
    code: str
    region_code: str
    departement_id: int
    young_people: int
    communes: list = field(default_factory=list)  # (id, postal code)
    sites: list = field(default_factory=list)
    counsellors: list = field(default_factory=list)
    reception: list = field(default_factory=list)
    cjml: list = field(default_factory=list)
    partners: dict = field(default_factory=dict)  # kind -> (organisation id, user id)
    referents: list = field(default_factory=list)  # counsellor ids, repeated by weight
    turn: int = 0  # referents are dealt in turn: portfolios follow the weights closely
    sessions: list = field(default_factory=list)  # (day ordinal, id), sorted
    session_days: list = field(default_factory=list)


@dataclass
class Network:
    missions_locales: list
    bench: MissionLocale
    bench_counsellor: int
    users: int


def _allocate(total: int, weights: list[float], minimum: int = 0) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainders), each at least `minimum`."""
    rest = total - minimum * len(weights)
    shares = [rest * w / sum(weights) for w in weights]
    counts = [int(s) for s in shares]
    order = sorted(range(len(weights)), key=lambda i: (counts[i] - shares[i], i))
    for i in order[: rest - sum(counts)]:
        counts[i] += 1
    return [c + minimum for c in counts]


def plan_missions_locales(scale: float) -> dict[str, int]:
    """Missions Locales per region: 436 at full scale, at least 4, all 15 regions from 15."""
    wanted = max(4, round(436 * scale))
    regions = list(MISSIONS_LOCALES_BY_REGION)
    if wanted < len(regions):
        return dict.fromkeys(regions[:wanted], 1)
    counts = _allocate(wanted, list(MISSIONS_LOCALES_BY_REGION.values()), minimum=1)
    return dict(zip(regions, counts, strict=True))


def _ascii(value: str) -> str:
    return normalize_text(value).replace(" ", "-")


def build(rng: random.Random, scale: float, write) -> Network:
    """Organisations, sites, territories and accounts (ORM bulk inserts: a few thousand rows)."""
    # One hash for every account; its salt drawn from the seed keeps the rows reproducible.
    salt = "".join(rng.choices(string.ascii_letters + string.digits, k=22))
    password = make_password(DEMO_PASSWORD, salt=salt)
    # Accounts were opened when the 3 years of files begin (fixed: the same seed, the same rows).
    joined = datetime.datetime.combine(
        timezone.localdate() - datetime.timedelta(days=3 * 365), datetime.time(9), datetime.UTC
    )
    regions = {r.code: r for r in Region.objects.all()}
    unml, _ = Organisation.objects.get_or_create(
        code="UNML", defaults={"kind": "unml", "name": "Union nationale des Missions Locales"}
    )
    plan = plan_missions_locales(scale)
    total_young_people = max(round(FULL_SCALE_YOUNG_PEOPLE * scale), 1)
    ml_count = sum(plan.values())
    ml_sizes = _allocate(total_young_people, [rng.lognormvariate(0, 0.45) for _ in range(ml_count)])
    bench_index = max(range(ml_count), key=lambda i: (ml_sizes[i], -i))
    ml_sizes[bench_index] = max(ml_sizes[bench_index], BENCH_PORTFOLIO + 100)

    armls, specs = {}, []
    for region_code, count in plan.items():
        region = regions[region_code]
        departements = list(Departement.objects.filter(region=region).order_by("code"))
        armls[region_code] = Organisation(
            kind="arml",
            code=f"{PREFIX}ARML-{region_code}",
            name=f"Association régionale des Missions Locales — {region.name}",
            parent=unml,
            region=region,
            departement=departements[0],
        )
        per_departement = _allocate(count, [1] * len(departements))
        for departement, n in zip(departements, per_departement, strict=True):
            if n:
                specs.append((region, departement, n))
    Organisation.objects.bulk_create(armls.values())

    orgs, covered, partner_orgs = [], [], []
    for region, departement, n in specs:
        communes = list(
            Commune.objects.filter(departement=departement)
            .order_by("code")
            .values_list("id", "name", "postal_codes")
        )
        chunks = _allocate(len(communes), [1] * n)
        start = 0
        for index, size in enumerate(chunks):
            territory = communes[start : start + size] or communes[-1:]
            start += size
            # The seat: a town with several postal codes if there is one (a larger town).
            seat = max(territory, key=lambda c: (len(c[2].split()), rng.random()))
            code = f"{PREFIX}ML{departement.code}-{index + 1:02d}"
            orgs.append(
                Organisation(
                    kind="mission_locale",
                    code=code,
                    name=f"Mission Locale de {seat[1]}",
                    parent=armls[region.code],
                    region=region,
                    departement=departement,
                    commune_id=seat[0],
                    address=f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
                    phone=f"0{rng.randint(1, 5)} {rng.randint(10, 99)} 00 00 {rng.randint(10, 99)}",
                    email=f"contact@{code.lower()}.{DOMAIN}",
                )
            )
            covered.append(territory)
        seat = communes[0]
        for kind, code, name in (
            ("conseil_departemental", f"{PREFIX}CD{departement.code}", "Conseil départemental"),
            ("france_travail", f"{PREFIX}FT{departement.code}", "France Travail"),
            ("spip", f"{PREFIX}SPIP{departement.code}", "SPIP"),
        ):
            partner_orgs.append(
                Organisation(
                    kind=kind,
                    code=code,
                    name=f"{name} — {departement.name}",
                    region=region,
                    departement=departement,
                    commune_id=seat[0],
                )
            )
    Organisation.objects.bulk_create(orgs + partner_orgs)
    partners_by_departement = {}
    for org in partner_orgs:
        partners_by_departement.setdefault(org.departement_id, {})[org.kind] = org

    through = Organisation.communes_covered.through
    through.objects.bulk_create(
        [
            through(organisation_id=org.id, commune_id=commune[0])
            for org, territory in zip(orgs, covered, strict=True)
            for commune in territory
        ],
        batch_size=5000,
    )
    sites = []
    for org, territory in zip(orgs, covered, strict=True):
        for k in range(1 + rng.randint(6, 24)):
            commune = territory[0] if k == 0 else territory[rng.randrange(len(territory))]
            sites.append(
                Site(
                    mission_locale=org,
                    name=f"{commune[1]}" + ("" if k == 0 else f" — point d'accueil {k}"),
                    commune_id=commune[0],
                    address=f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
                    is_main=k == 0,
                )
            )
    Site.objects.bulk_create(sites, batch_size=5000)
    sites_by_ml = {}
    for site in sites:
        sites_by_ml.setdefault(site.mission_locale_id, []).append(site.id)

    users, counter = [], [0]

    def person(role, organisation, email=None, site=None):
        sex = rng.random() < 0.7
        first = rng.choice(names.FEMALE_FIRST_NAMES if sex else names.MALE_FIRST_NAMES)
        last = rng.choice(names.LAST_NAMES)
        counter[0] += 1
        domain = f"{organisation.code.lower()}.{DOMAIN}"
        user = User(
            email=email or f"{_ascii(first)}.{_ascii(last)}.{counter[0]}@{domain}",
            first_name=first,
            last_name=last,
            role=role,
            organisation=organisation,
            site_id=site,
            password=password,
            date_joined=joined,
        )
        users.append(user)
        return user

    person(Role.NATIONAL_PILOT, unml, email=f"bench.pilote@{BENCH_DOMAIN}")
    for _ in range(4):
        person(Role.NATIONAL_PILOT, unml)
    bench_org = orgs[bench_index]
    for region_code, arml in armls.items():
        if region_code == bench_org.region.code:
            person(Role.ARML_PILOT, arml, email=f"bench.pilote-region@{BENCH_DOMAIN}")
        person(Role.ARML_PILOT, arml)
    partner_users = {
        org.id: person(
            {
                "conseil_departemental": Role.ASE_REFERENT,
                "france_travail": Role.FRANCE_TRAVAIL_ADVISER,
                "spip": Role.CPIP,
            }[org.kind],
            org,
        )
        for org in partner_orgs
    }

    staff = []
    for index, (org, size) in enumerate(zip(orgs, ml_sizes, strict=True)):
        site_ids = sites_by_ml[org.id]
        bench = index == bench_index

        def site(site_ids=site_ids):
            return site_ids[rng.randrange(len(site_ids))]

        counsellors = [
            person(Role.COUNSELLOR, org, site=site())
            for _ in range(max(3, round(size / YOUNG_PEOPLE_PER_COUNSELLOR)))
        ]
        if bench:
            counsellors.insert(
                0,
                person(
                    Role.COUNSELLOR, org, email=f"bench.conseiller@{BENCH_DOMAIN}", site=site_ids[0]
                ),
            )
            person(Role.DIRECTOR, org, email=f"bench.directeur@{BENCH_DOMAIN}", site=site_ids[0])
        else:
            person(Role.DIRECTOR, org, site=site_ids[0])
        reception = [
            person(Role.RECEPTION, org, site=site())
            for _ in range(max(1, round(len(counsellors) * 0.15)))
        ]
        cjml = [person(Role.CJML, org, site=site())] if rng.random() < 0.6 else []
        if rng.random() < 0.5:
            cjml.append(person(Role.JUSTICE_REFERENT, org, site=site()))
        staff.append((org, size, counsellors, reception, cjml))
    User.objects.bulk_create(users, batch_size=2000)

    result = []
    for (org, size, counsellors, reception, cjml), territory in zip(staff, covered, strict=True):
        partners = partners_by_departement[org.departement_id]
        ml = MissionLocale(
            id=org.id,
            code=org.code,
            region_code=org.region.code,
            departement_id=org.departement_id,
            young_people=size,
            communes=[(c[0], c[2].split()[0] if c[2] else "") for c in territory],
            sites=sites_by_ml[org.id],
            counsellors=[u.id for u in counsellors],
            reception=[u.id for u in reception],
            cjml=[u.id for u in cjml],
            partners={
                kind: (partner.id, partner_users[partner.id].id)
                for kind, partner in partners.items()
            },
        )
        # The bench counsellor's portfolio is filled apart, to exactly BENCH_PORTFOLIO files.
        pool = ml.counsellors[1:] if counsellors[0].email.startswith("bench.") else ml.counsellors
        ml.referents = [c for c in pool for _ in range(rng.randint(10, 13))]
        rng.shuffle(ml.referents)
        result.append(ml)
    bench = result[bench_index]
    bench_counsellor = bench.counsellors[0]
    write(
        f"Réseau : {len(armls)} régions, {len(orgs)} Missions Locales, {len(sites)} sites, "
        f"{len(users)} comptes ; {sum(ml_sizes)} jeunes prévus."
    )
    return Network(result, bench, bench_counsellor, len(users))

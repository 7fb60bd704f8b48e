"""Benchmark of the pages at national scale: server time and queries, beside their SQL floor.

Each scenario runs in-process through Django's test client (server time = the request's
handling, measured around `client.get/post`), a few warm-up runs first, then N measured runs.
Its floor is the bare SQL that fetches the same data (bench/floors.py), timed in the same run,
the same number of times. Every run happens in a savepoint rolled back at its end, each
scenario in a transaction rolled back at its end: nothing stays in the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/national .venv/bin/python bench/run.py
    (or `make bench`; options: --runs, --warmup, --only, --skip, --demo; --help)

Prints a markdown table: scenario, p50, p95, queries, floor p50, floor p95, ratio (page p95 /
floor p95), target, verdict.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Demo mode: the shared password `jalon-demo` of the national accounts, no second factor.
os.environ.setdefault("JALON_DEMO", "1")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
django.setup()

from django.contrib.auth.hashers import check_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.backends.signals import connection_created  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench import floors  # noqa: E402
from jalon import policy  # noqa: E402
from jalon.accounts.models import User  # noqa: E402
from jalon.alerts import services as alert_services  # noqa: E402
from jalon.alerts import tasks as alert_tasks  # noqa: E402
from jalon.reporting import snapshots  # noqa: E402
from jalon.scheduling.enums import AppointmentStatus  # noqa: E402
from jalon.scheduling.models import Appointment  # noqa: E402
from jalon.youngpeople.enums import FileStatus  # noqa: E402
from jalon.youngpeople.models import YoungPerson  # noqa: E402
from jalon.youngpeople.search import split_query  # noqa: E402
from jalon.youngpeople.timeline import timeline  # noqa: E402
from jalon.youngpeople.views import PAGE_SIZE  # noqa: E402

PASSWORD = "jalon-demo"  # noqa: S105 (the documented password of the demo accounts)
ACCOUNTS = {
    "national": {
        "counsellor": "bench.conseiller@national.jalon.test",
        "director": "bench.directeur@national.jalon.test",
        "pilot": "bench.pilote@national.jalon.test",
    },
    "demo": {
        "counsellor": "conseiller@demo.jalon.test",
        "director": "directeur@demo.jalon.test",
        "pilot": "national@demo.jalon.test",
    },
}
# Statements that only mark transactions (the rolled-back savepoints of the harness, the
# services' own atomic blocks): not counted as queries.
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


@contextmanager
def rolled_back():
    """A savepoint (or a transaction) that nothing leaves."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


@dataclass
class Scenario:
    name: str
    page: object  # () -> None: one request (or one job run)
    floor: object = None  # (cursor) -> None: the bare SQL
    target: str = ""
    target_ms: float | None = None
    runs: int | None = None  # fewer runs for the heavy ones
    warmup: int | None = None
    note: str = ""
    reference: bool = False  # measured to read the others by, no target of its own
    setup: object = None  # () -> None: once, before the warm-up (kept until the group ends)
    before: object = None  # () -> None: before each run, in its savepoint, untimed
    floor_extra_ms: list = field(default_factory=list)  # measured cost besides SQL (hashing)


@dataclass
class Result:
    scenario: Scenario
    times: list
    queries: int
    floor_times: list
    sql_ms: float  # time spent in the database during one captured run of the page

    @property
    def p50(self):
        return percentile(self.times, 50)

    @property
    def p95(self):
        return percentile(self.times, 95)

    @property
    def floor_p50(self):
        return percentile(self.floor_times, 50) if self.floor_times else None

    @property
    def floor_p95(self):
        return percentile(self.floor_times, 95) if self.floor_times else None

    @property
    def ratio(self):
        return self.p95 / self.floor_p95 if self.floor_times and self.floor_p95 else None

    @property
    def verdict(self) -> str:
        if self.scenario.reference:
            return "—"
        misses = []
        if self.scenario.target_ms is not None and self.p95 > self.scenario.target_ms:
            misses.append("cible")
        if self.ratio is not None and self.ratio > 3:
            misses.append("> 3x plancher")
        return "OK" if not misses else "NON (" + ", ".join(misses) + ")"


def percentile(values, q):
    """Nearest-rank percentile (p95 of 30 runs is the 29th fastest)."""
    ordered = sorted(values)
    rank = max(1, -(-q * len(ordered) // 100))
    return ordered[int(rank) - 1]


def warm(fn, warmup: int, before=None) -> None:
    for _ in range(warmup):
        with rolled_back():
            if before:
                before()
            fn()


def timed(fn, runs: int, before=None) -> list:
    """Each run in its own rolled-back savepoint; `before` prepares it, untimed."""
    times = []
    for _ in range(runs):
        with rolled_back():
            if before:
                before()
            started = time.perf_counter()
            fn()
            times.append((time.perf_counter() - started) * 1000)
    return times


def captured(fn, show: bool, before=None) -> tuple[list, float, float]:
    """The statements of one run (sql, params), the time the database spent on them and the
    run's (ms). Recorded by an execute wrapper: Django's own log keeps 9,000 at most."""
    kept = []

    def clock(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if not sql.startswith(TRANSACTION_CONTROL):
                kept.append((sql, None if many else params, (time.perf_counter() - started) * 1000))

    def clock_sessions(sender, connection, **kwargs):
        """The sessions opened meanwhile too: those of `reporting.parallel` count indicators."""
        connection.execute_wrappers.append(clock)

    with rolled_back():
        if before:
            before()
        connection_created.connect(clock_sessions)
        try:
            with connection.execute_wrapper(clock):
                started = time.perf_counter()
                fn()
                elapsed = (time.perf_counter() - started) * 1000
        finally:
            connection_created.disconnect(clock_sessions)
    if show:
        for sql, params, duration in kept:
            print(f"    {duration:8.2f} ms  {sql[:300]} {str(params)[:100]}", file=sys.stderr)
    return [(sql, params) for sql, params, _ in kept], sum(d for *_, d in kept), elapsed


def profiled(fn, before=None) -> None:
    """Where the Python time goes in one run (the 25 costliest functions, cumulated)."""
    profiler = cProfile.Profile()
    with rolled_back():
        if before:
            before()
        profiler.runcall(fn)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("tottime").print_stats(15)
    stats.sort_stats("cumulative").print_stats(r"jalon/|templatetags|dsfr", 25)


def unapplied_migrations() -> list[str]:
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def expect(response, status=200):
    if response.status_code != status:
        raise SystemExit(f"{response.request['PATH_INFO']}: HTTP {response.status_code}")
    return response


def typo(word: str) -> str:
    """One letter changed near the end (dupont -> dupomt): what a hurried counsellor types."""
    i = max(1, len(word) - 2)
    replacement = "e" if word[i].lower() != "e" else "a"
    return word[:i] + replacement + word[i + 1 :]


class Bench:
    def __init__(self, accounts, runs, warmup, *, demo=False, show_queries=False, profile=False):
        self.runs, self.warmup = runs, warmup
        self.show_queries, self.profile = show_queries, profile
        self.counsellor = User.objects.get(email=accounts["counsellor"])
        self.director = User.objects.get(email=accounts["director"])
        self.pilot = User.objects.get(email=accounts["pilot"])
        self.ml = self.counsellor.organisation
        self.today = timezone.localdate()
        portfolio = YoungPerson.objects.filter(referent=self.counsellor, status=FileStatus.ACTIVE)
        self.portfolio_size = portfolio.count()
        # The national dataset gives the portfolio's first file 200 items on its timeline; the
        # demo, its file with the most appointments.
        self.big_file = (
            portfolio.annotate(n=Count("appointments")).order_by("-n", "pk").first()
            if demo
            else portfolio.order_by("pk").first()
        )
        self.timeline_items = len(timeline(self.big_file))
        start, end = floors.day_bounds(self.today, timezone.get_current_timezone())
        self.day = (start, end)
        # An appointment to record as held: today's if any, else the latest planned one.
        planned = Appointment.objects.filter(
            counsellor=self.counsellor, status=AppointmentStatus.PLANNED
        )
        self.appointment = (
            planned.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at").first()
            or planned.order_by("-starts_at").first()
        )
        self.queue_rules = [
            rule
            for rule, roles in policy.ALERT_QUEUE_AUDIENCE.items()
            if self.counsellor.role in roles
        ]

    # --- helpers ------------------------------------------------------------------------------
    def worklist_params(self):
        return {
            "user_id": self.counsellor.pk,
            "ml_id": self.ml.pk,
            "queue_rules": self.queue_rules,
            "today": self.today,
            "day_start": self.day[0],
            "day_end": self.day[1],
        }

    def indicators_query(self, scope: str, **extra) -> dict:
        return {"perimetre": scope, "periode": "annee", "date": self.today.isoformat(), **extra}

    # --- scenarios ----------------------------------------------------------------------------
    def scenarios(self) -> list[tuple[str, object, list[Scenario]]]:
        """(who is logged in, their client, the scenarios run with it)."""
        counsellor, director, pilot = Client(), Client(), Client()
        yp = self.big_file
        names, _ = split_query(f"{typo(yp.last_name)} {yp.first_names.split()[0]}")
        hash_times = []

        def login():
            client = Client()
            response = client.post(
                "/connexion/",
                {"username": self.counsellor.email, "password": PASSWORD},
                follow=True,
            )
            expect(response)
            if response.request["PATH_INFO"] != "/liste-de-travail/":
                raise SystemExit(f"login landed on {response.request['PATH_INFO']}")

        def login_floor(cursor):
            started = time.perf_counter()
            check_password(PASSWORD, self.counsellor.password)
            hash_times.append((time.perf_counter() - started) * 1000)
            floors.login(cursor, email=self.counsellor.email, **self.worklist_params())

        def interview():
            expect(
                counsellor.post(
                    f"/rendez-vous/{self.appointment.uid}/statut/",
                    {"status": AppointmentStatus.PRESENT},
                    HTTP_HX_REQUEST="true",
                )
            )

        ml_scope = f"ml:{self.ml.code}"
        with_counsellor = [
            Scenario(
                "Référence : page « Mon compte » (presque sans données)",
                lambda: expect(counsellor.get("/compte/")),
                lambda cursor: floors.account(cursor, user_id=self.counsellor.pk),
                "—",
                reference=True,
                note="le coût fixe d'une page (session, compte, middleware, gabarit DSFR) : "
                "il pèse sur le ratio de toutes les autres",
            ),
            Scenario(
                "Connexion jusqu'à la liste de travail",
                login,
                login_floor,
                note="plancher = SQL + vérification Argon2 du mot de passe (mesurée)",
                floor_extra_ms=hash_times,
            ),
            Scenario(
                f"Dossier ({self.timeline_items} éléments de chronologie)",
                lambda: expect(counsellor.get(f"/jeunes/{yp.uid}/")),
                lambda cursor: floors.file_page(cursor, young_person_id=yp.pk),
                "p95 ≤ 100 ms",
                100,
            ),
            Scenario(
                "Recherche par nom avec une faute de frappe",
                lambda: expect(counsellor.get("/jeunes/", {"q": names})),
                lambda cursor: floors.search(
                    cursor, names=names, ml_id=self.ml.pk, limit=PAGE_SIZE
                ),
                "p95 ≤ 50 ms",
                50,
            ),
            Scenario(
                "Enregistrer un entretien (rendez-vous honoré)",
                interview,
                lambda cursor: floors.interview(
                    cursor, appointment_id=self.appointment.pk, user_id=self.counsellor.pk
                ),
            ),
            Scenario(
                f"Liste de travail ({self.portfolio_size} jeunes en portefeuille)",
                lambda: expect(counsellor.get("/liste-de-travail/")),
                lambda cursor: floors.worklist(cursor, **self.worklist_params()),
                "p95 ≤ 150 ms",
                150,
            ),
        ]
        with_director = [
            Scenario(
                "Indicateurs annuels de la Mission Locale",
                lambda: expect(director.get("/indicateurs/", self.indicators_query(ml_scope))),
                None,
                "≤ 300 ms",
                300,
                runs=max(3, self.runs // 4),
                warmup=1,
            ),
            Scenario(
                "Export XLSX des indicateurs par portefeuille (conseiller·ère)",
                lambda: expect(
                    director.get(
                        "/indicateurs/export.xlsx",
                        self.indicators_query(ml_scope, vue="referent"),
                    )
                ),
                runs=max(3, self.runs // 4),
                warmup=1,
            ),
        ]

        def national():
            expect(pilot.get("/indicateurs/", self.indicators_query("national")))

        with_pilot = [
            Scenario(
                "Indicateurs annuels nationaux, à froid",
                national,
                None,
                "≤ 10 s",
                10_000,
                runs=1,
                warmup=0,
                before=snapshots.forget,
                note="aucun décompte stocké : toutes les Missions Locales recomptées, "
                "l'année et la précédente",
            ),
            Scenario(
                "Indicateurs annuels nationaux, mis à jour",
                national,
                None,
                "≤ 1 s",
                1_000,
                runs=max(3, self.runs // 3),
                warmup=1,
                setup=national,
                before=lambda: snapshots.mark_changed([self.ml.pk]),
                note="une Mission Locale changée depuis la dernière lecture : elle seule est "
                "recomptée",
            ),
        ]
        jobs = [
            Scenario(
                "Alertes de la nuit, une Mission Locale",
                lambda: alert_services.refresh(mission_locale_id=self.ml.pk),
                runs=max(3, self.runs // 3),
                warmup=1,
            ),
            Scenario(
                "Alertes de la nuit, tout le réseau",
                alert_tasks.refresh_network,
                runs=1,
                warmup=0,
                # The dataset holds the alerts of the bench's Mission Locale only: a first,
                # untimed run creates the others, so the run timed is a night like any other.
                setup=alert_tasks.refresh_network,
                note="un passage non chronométré crée d'abord les alertes du réseau ; "
                "le passage mesuré est une nuit ordinaire",
            ),
        ]
        return [
            (self.counsellor, counsellor, with_counsellor),
            (self.director, director, with_director),
            (self.pilot, pilot, with_pilot),
            (None, None, jobs),
        ]

    def run(self, only=None, skip=()) -> list[Result]:
        results = []
        for user, client, scenarios in self.scenarios():
            chosen = [
                s
                for s in scenarios
                if (not only or any(word.lower() in s.name.lower() for word in only))
                and not any(word.lower() in s.name.lower() for word in skip)
            ]
            if not chosen:
                continue
            with rolled_back():
                if client is not None:
                    client.force_login(user)
                for scenario in chosen:
                    results.append(self.measure(scenario))
                    print(f"  {scenario.name}: p95 {results[-1].p95:.0f} ms", file=sys.stderr)
        return results

    def measure(self, scenario: Scenario) -> Result:
        runs = scenario.runs or self.runs
        warmup = self.warmup if scenario.warmup is None else scenario.warmup
        if scenario.setup:
            scenario.setup()
        warm(scenario.page, warmup, scenario.before)
        statements, sql_ms, elapsed = captured(scenario.page, self.show_queries, scenario.before)
        if self.profile:
            profiled(scenario.page, scenario.before)
        if runs == 1 and not warmup:  # a job too long to run twice: the captured run counts
            times = [elapsed]
        else:
            times = timed(scenario.page, runs, scenario.before)
        floor = scenario.floor
        if floor is None:  # indicators, exports, jobs: their own reads, sent bare
            reads = [s for s in statements if s[0].lstrip().upper().startswith("SELECT")]
            floor = floors.replay(reads)

        def floor_once():
            with connection.cursor() as cursor:
                floor(cursor)

        warm(floor_once, warmup)
        floor_times = timed(floor_once, runs)
        if scenario.floor_extra_ms:
            floor_times = [
                t + h for t, h in zip(floor_times, scenario.floor_extra_ms[-runs:], strict=True)
            ]
        return Result(scenario, times, len(statements), floor_times, sql_ms)


def ms(value) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}".replace(",", " ") if value >= 100 else f"{value:.1f}"


def table(results: list[Result]) -> str:
    lines = [
        "| Scénario | p50 (ms) | p95 (ms) | requêtes | dont SQL (ms) | plancher p50 |"
        " plancher p95 | ratio | cible | verdict |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in results:
        ratio = f"{r.ratio:.1f}" if r.ratio is not None else "—"
        lines.append(
            f"| {r.scenario.name} | {ms(r.p50)} | {ms(r.p95)} | {r.queries} | {ms(r.sql_ms)}"
            f" | {ms(r.floor_p50)}"
            f" | {ms(r.floor_p95)} | {ratio} | {r.scenario.target or '≤ 3x plancher'}"
            f" | {r.verdict} |"
        )
    notes = [f"- {r.scenario.name} : {r.scenario.note}" for r in results if r.scenario.note]
    return "\n".join(lines + (["", *notes] if notes else []))


def context(args) -> str:
    """Date, machine and dataset, as docs/performance.md records them with each table."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0] if connection.vendor == "postgresql" else ""
        cursor.execute(
            "SELECT (SELECT count(*) FROM youngpeople_youngperson),"
            " (SELECT count(*) FROM scheduling_appointment),"
            " (SELECT count(*) FROM accounts_user),"
            " (SELECT count(*) FROM network_organisation WHERE kind = 'mission_locale')"
        )
        people, appointments, users, missions_locales = cursor.fetchone()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30

    def n(value):
        return f"{value:,}".replace(",", " ")

    return (
        f"- {timezone.now():%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cœurs, {memory:.0f} Go de "
        f"mémoire, {connection.vendor} {version} (base {connection.settings_dict['NAME']})\n"
        f"- {n(people)} jeunes, {n(appointments)} rendez-vous, {n(users)} comptes, "
        f"{missions_locales} Missions Locales\n"
        f"- {args.runs} mesures après {args.warmup} d'échauffement par scénario"
        " (moins pour les plus longs, voir bench/README.md)\n"
        f"- charge de la machine au départ : {os.getloadavg()[0]:.1f} (moyenne sur une minute ;"
        f" au-delà de {os.cpu_count()}, les processus attendent un cœur)"
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="measured runs per scenario")
    parser.add_argument("--warmup", type=int, default=3, help="warm-up runs per scenario")
    parser.add_argument("--only", nargs="*", help="scenarios whose name contains one of these")
    parser.add_argument("--skip", nargs="*", default=(), help="scenarios to leave out")
    parser.add_argument(
        "--demo", action="store_true", help="the demo accounts (jalon demo-data) instead"
    )
    parser.add_argument(
        "--queries", action="store_true", help="print each statement of a page and its time"
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile one run of each scenario (cProfile)"
    )
    args = parser.parse_args(argv)
    accounts = ACCOUNTS["demo" if args.demo else "national"]
    bench = Bench(
        accounts,
        args.runs,
        args.warmup,
        demo=args.demo,
        show_queries=args.queries,
        profile=args.profile,
    )
    header = context(args)
    print(header, file=sys.stderr)
    with rolled_back():
        pending = unapplied_migrations()
        if pending:
            # The code measured may be ahead of the dataset's schema (a new index): its
            # migrations are applied for this run only, in the transaction rolled back below.
            names = ", ".join(pending)
            print(f"  migrations appliquées pour ce passage : {names}", file=sys.stderr)
            call_command("migrate", verbosity=0)
        results = bench.run(args.only, args.skip)
    print(header + "\n\n" + table(results))


if __name__ == "__main__":
    main()

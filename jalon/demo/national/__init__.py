"""The national dataset (`jalon demo-data --national`): a whole network at scale, for benchmarks.

15 regions, 436 Missions Locales, about 15,000 accounts, 1.1 million young people and about
25 million dated records over 3 years at `scale=1`; the same distributions at any scale.
See bench/README.md, section "The national dataset".
"""

import random

from django.core.management.base import CommandError
from django.db import connection, transaction
from django.utils import timezone

from jalon.demo.national import bulk, network, people
from jalon.youngpeople.models import YoungPerson

# Emptied by --replace (with everything that refers to them).
REPLACED_TABLES = ["network_organisation", "accounts_user", *people.TABLES]
# Persons per COPY chunk: large enough for COPY to be efficient, small enough for memory.
CHUNK = 4000


def load(*, scale: float, seed: int, replace: bool, write) -> dict:
    """Generate and load the dataset in one transaction; return the rows written per table."""
    if connection.vendor != "postgresql":
        raise CommandError(
            "Le jeu de données national demande PostgreSQL (DATABASE_URL=postgres://...) : "
            "il est chargé par COPY."
        )
    if "youngpeople_youngperson" not in connection.introspection.table_names():
        raise CommandError("La base n'est pas migrée : lancez d'abord « jalon migrate ».")
    if scale <= 0:
        raise CommandError("--scale attend un nombre positif (1.0 pour le réseau national).")
    progress = bulk.Progress(write)
    with transaction.atomic():
        if YoungPerson.objects.exists() and not replace:
            raise CommandError(
                "La base contient déjà des dossiers de jeunes. Relancez avec --replace pour "
                "la vider (réseau, comptes, dossiers et tout ce qui s'y rattache) avant le "
                "chargement."
            )
        if replace:
            with connection.cursor() as cursor:
                cursor.execute(
                    "TRUNCATE "
                    + ", ".join(f'"{t}"' for t in REPLACED_TABLES)
                    + " RESTART IDENTITY CASCADE"
                )
            progress.step("Tables vidées (--replace)")
        rng = random.Random(seed)
        net = network.build(rng, scale, write)
        progress.step("Réseau, sites et comptes", net.users)
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            # Deferred checks of the rows just inserted run now: tables with pending checks
            # cannot be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            restore = bulk.suspend_constraints(cursor, people.TABLES)
        suspended = sum(len(statements) for statements in restore.values())
        progress.step(f"Index et contraintes suspendus ({suspended})")
        counts = _generate(rng, net, write, progress)
        total = sum(counts.values())
        progress.step("Lignes écrites", total)
        for table in people.TABLES:
            write(f"    {table} : {bulk.number(counts[table])}")
        with connection.cursor() as cursor:
            for table, statements in restore.items():
                for statement in statements:
                    cursor.execute(statement)
                progress.step(f"{table} : {len(statements)} index et contraintes recréés")
            bulk.reset_sequences(cursor, people.TABLES)
            cursor.execute("ANALYZE")
            progress.step("ANALYZE")
        _refresh_alerts(net.bench.id)
        progress.step("Alertes de la Mission Locale du banc d'essai")
    write(
        f"Jeu de données national chargé en {progress.total:.0f} s : {bulk.number(total)} lignes."
    )
    return dict(counts)


def _generate(rng, net, write, progress):
    today = timezone.localdate()
    generator = people.Generator(rng, net, today)
    connection.ensure_connection()
    writer = bulk.Writer(connection.connection, people.COLUMNS)
    try:
        for ml in net.missions_locales:
            generator.sessions(ml)
        writer.put(generator.take())
        done, pending = 0, 0
        planned = sum(ml.young_people for ml in net.missions_locales)
        step = max(CHUNK, planned // 20)
        for ml in net.missions_locales:
            bench = ml is net.bench
            for index in range(ml.young_people):
                if bench and index < network.BENCH_PORTFOLIO:
                    generator.person(
                        ml,
                        referent=net.bench_counsellor,
                        active=True,
                        timeline_items=200 if index == 0 else None,
                    )
                else:
                    generator.person(ml)
                done += 1
                pending += 1
                if pending >= CHUNK:
                    writer.put(generator.take())
                    pending = 0
                if done % step == 0:
                    events = generator.ids["scheduling_appointment"]
                    rate = done / max(progress.total, 1e-6)
                    write(
                        f"    {bulk.number(done)} / {bulk.number(planned)} jeunes ; "
                        f"{bulk.number(events)} rendez-vous ; {bulk.number(rate)} jeunes/s"
                    )
        writer.put(generator.take())
    finally:
        counts = writer.close()
    return counts


def _refresh_alerts(mission_locale_id):
    """The bench Mission Locale's worklists open full; the nightly job computes the others."""
    from jalon.alerts import services

    services.refresh(mission_locale_id=mission_locale_id)

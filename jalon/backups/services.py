"""Back up the configured database to one file, restore it (README, "Sauvegarde et restauration").

PostgreSQL goes through pg_dump/pg_restore (custom format), SQLite through its online backup
API: both copy a consistent state while the application keeps running.
"""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

from jalon.accounts.models import User
from jalon.audit.models import AuditEntry
from jalon.youngpeople.models import YoungPerson
from jalon.youngpeople.search import declare_match_cost

POSTGRESQL_SIGNATURE = b"PGDMP"
SQLITE_SIGNATURE = b"SQLite format 3\x00"
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
JALON_TABLE_QUERY = (
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
)


class BackupError(Exception):
    """A backup or a restore that could not be done, with the reason in French."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int


@dataclass(frozen=True)
class Records:
    young_people: int
    accounts: int
    audit_entries: int

    def __bool__(self) -> bool:
        return any((self.young_people, self.accounts, self.audit_entries))


def backup_database(path: Path, *, alias: str = "default") -> Backup:
    """Write the database to `path`, through a partial file: a failed backup leaves nothing."""
    path = Path(path)
    if path.exists():
        raise BackupError(f"Le fichier {path} existe déjà : choisissez un autre nom de sauvegarde.")
    if not path.parent.is_dir():
        raise BackupError(f"Le dossier {path.parent} n'existe pas.")
    partial = path.with_name(path.name + ".partielle")
    partial.unlink(missing_ok=True)
    connection = connections[alias]
    try:
        if connection.vendor == "postgresql":
            run_postgresql_client(
                "pg_dump",
                ["--format=custom", f"--file={partial}", "--no-password"],
                connection.settings_dict,
            )
        else:
            source = Path(connection.settings_dict["NAME"])
            if not source.is_file():
                raise BackupError(f"La base {source} n'existe pas : rien à sauvegarder.")
            _sqlite_copy(str(source), str(partial))
        partial.rename(path)
    finally:
        partial.unlink(missing_ok=True)
    return Backup(path=path, size=path.stat().st_size)


def records_in(alias: str = "default") -> Records:
    """What a restore would replace: files, accounts and journal entries already there."""
    connection = connections[alias]
    tables = set(connection.introspection.table_names())

    def count(model) -> int:
        if model._meta.db_table not in tables:
            return 0
        return model._default_manager.using(alias).count()

    return Records(
        young_people=count(YoungPerson), accounts=count(User), audit_entries=count(AuditEntry)
    )


def restore_database(path: Path, *, force: bool = False, alias: str = "default") -> None:
    """Replace the database's content with the backup at `path`.

    A database that already holds records is only replaced with `force`: restoring over the
    wrong server would silently destroy today's work.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Le fichier {path} n'existe pas.")
    connection = connections[alias]
    backup_engine = _engine_of(path)
    if backup_engine != connection.vendor:
        raise BackupError(
            f"Cette sauvegarde vient d'une base {ENGINE_NAMES[backup_engine]} ; la base "
            f"configurée (DATABASE_URL) est {ENGINE_NAMES[connection.vendor]} : "
            "restaurez-la dans une base du même type."
        )
    if not _is_a_jalon_backup(path, backup_engine, connection.settings_dict):
        raise BackupError(
            f"Le fichier {path} n'est pas une sauvegarde de Jalon : il ne contient pas ses tables."
        )
    existing = records_in(alias)
    if existing and not force:
        raise BackupError(
            f"La base {connection.settings_dict['NAME']} contient déjà des données "
            f"({existing.young_people} dossiers de jeunes, {existing.accounts} comptes, "
            f"{existing.audit_entries} entrées du journal d'audit) : la restauration les "
            "remplacerait. Relancez avec --force pour le confirmer."
        )
    # Nothing of Django's may hold the database while it is replaced.
    connection.close()
    if connection.vendor == "postgresql":
        run_postgresql_client(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--single-transaction",
                "--exit-on-error",
                "--no-password",
                f"--dbname={connection.settings_dict['NAME']}",
                str(path),
            ],
            connection.settings_dict,
        )
        with connection.cursor() as cursor:
            declare_match_cost(cursor)  # the restore recreated pg_trgm with its own costs
    else:
        _sqlite_copy(str(path), connection.settings_dict["NAME"])


def _engine_of(path: Path) -> str:
    with path.open("rb") as file:
        start = file.read(len(SQLITE_SIGNATURE))
    if start.startswith(POSTGRESQL_SIGNATURE):
        return "postgresql"
    if start == SQLITE_SIGNATURE:
        return "sqlite"
    raise BackupError(
        f"Le fichier {path} n'est pas une sauvegarde de Jalon "
        "(ni une archive pg_dump, ni une base SQLite)."
    )


def _sqlite_copy(source: str, target: str) -> None:
    """SQLite's online backup: a consistent copy, even while the application writes."""
    try:
        with closing(sqlite3.connect(source)) as origin, closing(sqlite3.connect(target)) as copy:
            origin.backup(copy)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"La copie de la base SQLite a échoué : {error}.") from error


def _is_a_jalon_backup(path: Path, engine: str, database: dict) -> bool:
    """A readable archive that holds Django's migration table, so it is a Jalon database."""
    if engine == "postgresql":
        listing = run_postgresql_client("pg_restore", ["--list", str(path)], database)
        return " TABLE public django_migrations " in listing
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as archive:
            return archive.execute(JALON_TABLE_QUERY).fetchone() is not None
    except sqlite3.DatabaseError:
        return False


def run_postgresql_client(program: str, arguments: list[str], database: dict) -> str:
    """Run a PostgreSQL client with the connection of DATABASE_URL; the password goes
    through the environment, never the command line (other users can read it there)."""
    executable = shutil.which(program)
    if executable is None:
        raise BackupError(
            f"{program} est introuvable : installez le client PostgreSQL "
            "(paquet postgresql-client) de la même version que le serveur."
        )
    environment = {**os.environ, "PGDATABASE": database["NAME"]}
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER")):
        if database.get(key):
            environment[variable] = str(database[key])
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = database["PASSWORD"]
    if database.get("OPTIONS", {}).get("sslmode"):
        environment["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    result = subprocess.run(  # noqa: S603 - fixed program and arguments, no shell
        [executable, *arguments], env=environment, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(
            f"{program} a échoué (code {result.returncode}) : {result.stderr.strip()}"
        )
    return result.stdout

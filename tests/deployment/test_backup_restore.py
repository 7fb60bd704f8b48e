"""A backup restores to the same data, and a restore never destroys data by surprise."""

import hashlib
import sqlite3
from contextlib import closing, contextmanager
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections

from jalon.accounts.models import User
from jalon.audit.models import AuditEntry
from jalon.audit.services import record_read, verify_chain
from jalon.backups import services
from jalon.backups.services import BackupError, backup_database, restore_database
from jalon.network.models import Commune, Organisation
from jalon.pathways.models import Pathway
from jalon.scheduling.models import Appointment
from jalon.youngpeople.models import YoungPerson
from tests.factories import YoungPersonFactory
from tests.pathways.factories import PathwayFactory
from tests.scheduling.factories import AppointmentFactory
from tests.seed_data import restore_if_flushed

KEY_MODELS = [Organisation, User, YoungPerson, Pathway, Appointment, AuditEntry, Commune]


@pytest.fixture(scope="module", autouse=True)
def _seed_data_back(django_db_blocker):
    """These tests commit (pg_dump and SQLite's backup only see committed rows); the flush
    that follows them removes the migrations' data, which later tests need."""
    state = {"flushed": False}
    yield state
    if state["flushed"]:
        with django_db_blocker.unblock():
            restore_if_flushed()
            # Opened outside any test: left open, it would stop PostgreSQL from dropping the
            # test database at the end of the run.
            connections.close_all()


@pytest.fixture
def committed(_seed_data_back, transactional_db):
    _seed_data_back["flushed"] = True
    restore_if_flushed()


@pytest.fixture
def files_of_ml_a(committed, counsellor_a, young_person_a):
    PathwayFactory(young_person=young_person_a, counsellor=counsellor_a)
    AppointmentFactory(young_person=young_person_a, counsellor=counsellor_a)
    for _ in range(3):
        record_read(actor=counsellor_a, young_person=young_person_a)
    return young_person_a


def snapshot() -> dict[str, tuple[int, str]]:
    """Each key table's row count and a checksum of its whole content."""
    tables = {}
    for model in KEY_MODELS:
        rows = list(model._default_manager.order_by("pk").values_list())
        tables[model._meta.label] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return tables


def change_everything(counsellor, young_person) -> None:
    YoungPerson.objects.filter(pk=young_person.pk).update(diploma="Baccalauréat professionnel")
    YoungPersonFactory(mission_locale=young_person.mission_locale, last_name="Nouveau")
    record_read(actor=counsellor, young_person=young_person)


def test_rule_a_restored_backup_holds_the_same_data(tmp_path, files_of_ml_a, counsellor_a):
    before = snapshot()
    path = tmp_path / "jalon.sauvegarde"
    out = StringIO()
    call_command("backup", str(path), stdout=out)
    assert f"Base de données sauvegardée dans {path}" in out.getvalue()
    assert "JALON_FIELD_ENCRYPTION_KEYS" in out.getvalue()

    change_everything(counsellor_a, files_of_ml_a)
    assert snapshot() != before

    out = StringIO()
    call_command("restore", str(path), "--force", stdout=out)
    assert snapshot() == before
    assert verify_chain() == (3, None)
    assert "Journal d'audit intègre : 3 entrées." in out.getvalue()


def test_rule_a_restore_refuses_to_replace_data_without_force(
    tmp_path, files_of_ml_a, counsellor_a
):
    path = tmp_path / "jalon.dump"
    backup_database(path)
    change_everything(counsellor_a, files_of_ml_a)
    changed = snapshot()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path))
    assert "contient déjà des données (2 dossiers de jeunes" in str(error.value)
    assert "--force" in str(error.value)
    assert snapshot() == changed


def test_a_restore_reports_a_journal_altered_in_the_backup(tmp_path, files_of_ml_a):
    if connection.vendor == "postgresql":
        pytest.skip("the tampering is done on a SQLite backup file")
    path = tmp_path / "jalon.sqlite3"
    backup_database(path)
    with closing(sqlite3.connect(path)) as backup:
        backup.execute(
            "UPDATE audit_auditentry SET actor_label = 'personne' WHERE id = "
            "(SELECT min(id) FROM audit_auditentry)"
        )
        backup.commit()
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path), "--force", stdout=StringIO())
    assert "Journal d'audit altéré dans la sauvegarde restaurée" in str(error.value)


@contextmanager
def connected_to(database_name: str):
    """Point the default connection at another database of the same server."""
    original = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = database_name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original


@pytest.mark.postgresql
def test_rule_a_postgresql_dump_restores_the_same_data_into_an_empty_database(
    tmp_path, files_of_ml_a
):
    before = snapshot()
    path = tmp_path / "jalon.dump"
    backup_database(path)
    scratch = f"{connection.settings_dict['NAME']}_restauration"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        cursor.execute(f'CREATE DATABASE "{scratch}"')
    try:
        with connected_to(scratch):
            restore_database(path)  # An empty database: no --force needed.
            after = snapshot()
            chain = verify_chain()
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{scratch}" WITH (FORCE)')
    assert after == before
    assert chain == (3, None)


def test_a_backup_never_overwrites_a_file(tmp_path, committed):
    path = tmp_path / "sauvegarde-du-lundi"
    path.write_bytes(b"la sauvegarde de la semaine derniere")
    with pytest.raises(CommandError) as error:
        call_command("backup", str(path))
    assert "existe déjà" in str(error.value)
    assert path.read_bytes() == b"la sauvegarde de la semaine derniere"


def test_restoring_a_file_that_is_not_a_backup_says_so(tmp_path, committed):
    path = tmp_path / "notes.txt"
    path.write_text("pas une sauvegarde")
    with pytest.raises(CommandError) as error:
        call_command("restore", str(path))
    assert "n'est pas une sauvegarde de Jalon" in str(error.value)


def test_restoring_a_backup_of_the_other_database_engine_says_so(tmp_path, committed):
    path = tmp_path / "autre.dump"
    path.write_bytes(
        services.SQLITE_SIGNATURE if connection.vendor == "postgresql" else b"PGDMP\x01"
    )
    with pytest.raises(BackupError) as error:
        restore_database(path)
    assert "restaurez-la dans une base du même type" in str(error.value)


def test_the_database_password_never_appears_on_the_command_line(monkeypatch):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs["env"]))
        return type("Done", (), {"returncode": 0, "stdout": "", "stderr": ""})()

    monkeypatch.setattr(services.subprocess, "run", fake_run)
    monkeypatch.setattr(services.shutil, "which", lambda program: f"/usr/bin/{program}")
    database = {"NAME": "jalon", "USER": "jalon", "PASSWORD": "s3cr3t-Mot2Passe", "HOST": "db"}
    services.run_postgresql_client("pg_dump", ["--format=custom"], database)
    [(command, environment)] = calls
    assert not any("s3cr3t" in argument for argument in command)
    assert environment["PGPASSWORD"] == "s3cr3t-Mot2Passe"
    assert (environment["PGHOST"], environment["PGUSER"]) == ("db", "jalon")

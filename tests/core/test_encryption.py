"""Health notes and the diagnostic's free text are encrypted at rest, with rotatable keys."""

import io
import logging

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import FieldError, ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings

from config.env import DEMO_FERNET_KEY, env_fernet_keys
from jalon.audit.models import AuditEntry
from jalon.core import encryption
from jalon.reception import services
from jalon.reception.models import Diagnostic, DiagnosticArea, FirstReception, OutreachContact
from tests.reception.factories import DiagnosticAreaFactory, DiagnosticFactory, days_ago

HEALTH_NOTE = "Suivi psychiatrique depuis 2023, traitement en cours."
OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()


def stored(model, pk, column):
    """The column as the database holds it (what a dump or a backup would show)."""
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {connection.ops.quote_name(column)} FROM {table} WHERE id = %s",  # noqa: S608
            [pk],
        )
        return cursor.fetchone()[0]


def health_area(young_person):
    diagnostic = DiagnosticFactory(young_person=young_person)
    return DiagnosticAreaFactory(
        diagnostic=diagnostic, area="health", situation=HEALTH_NOTE, barriers="Fatigue."
    )


def test_rule_health_notes_are_stored_encrypted(young_person_a):
    area = health_area(young_person_a)
    raw = stored(DiagnosticArea, area.pk, "situation")
    assert HEALTH_NOTE not in raw and "psychiatrique" not in raw
    assert raw.startswith("gAAAAA")  # a Fernet token
    assert DiagnosticArea.objects.get(pk=area.pk).situation == HEALTH_NOTE


def test_every_free_text_of_reception_and_diagnostic_is_encrypted():
    assert encryption.encrypted_fields(DiagnosticArea) == ["situation", "barriers"]
    assert encryption.encrypted_fields(Diagnostic) == ["conclusions"]
    assert encryption.encrypted_fields(FirstReception) == ["notes"]
    assert encryption.encrypted_fields(OutreachContact) == ["notes"]
    found = {model for model, _ in encryption.models_with_encrypted_fields()}
    assert {Diagnostic, DiagnosticArea, FirstReception, OutreachContact} <= found


def test_conclusions_round_trip_through_the_service(counsellor_a, young_person_a):
    area = health_area(young_person_a)
    diagnostic = area.diagnostic
    services.diagnostic_complete(
        actor=counsellor_a,
        diagnostic=diagnostic,
        conclusions="Orientation vers un CMP avant l'entrée en CEJ.",
        recommended_next_step="cej",
        completed_on=days_ago(0),
        expected_version=diagnostic.version,
    )
    # (A three-letter word can occur in random base64: look for a longer phrase.)
    assert "vers un CMP" not in stored(Diagnostic, diagnostic.pk, "conclusions")
    diagnostic = Diagnostic.objects.get(pk=diagnostic.pk)
    assert diagnostic.conclusions == "Orientation vers un CMP avant l'entrée en CEJ."


def test_an_empty_text_stays_empty_and_is_the_only_value_one_can_search_for(young_person_a):
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    assert stored(Diagnostic, diagnostic.pk, "conclusions") == ""
    assert Diagnostic.objects.filter(conclusions="").count() == 1
    with pytest.raises(FieldError, match="chiffré"):
        list(Diagnostic.objects.filter(conclusions="Orientation"))
    with pytest.raises(FieldError):
        list(Diagnostic.objects.filter(conclusions__icontains="psy"))


def test_rotation_re_encrypts_with_the_new_key_then_the_old_key_can_go(young_person_a):
    with override_settings(FIELD_ENCRYPTION_KEYS=[OLD_KEY]):
        area = health_area(young_person_a)
        before = stored(DiagnosticArea, area.pk, "situation")
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY, OLD_KEY]):
        # Both keys decrypt while the rows are being moved.
        assert DiagnosticArea.objects.get(pk=area.pk).situation == HEALTH_NOTE
        with pytest.raises(CommandError, match="ancienne clé"):
            call_command("rotate-encryption-key", "--check", stdout=io.StringIO())
        out = io.StringIO()
        call_command("rotate-encryption-key", "--batch-size", "1", stdout=out)
        assert "reception.DiagnosticArea.situation : 1 rechiffrée(s)" in out.getvalue()
        assert "reception.DiagnosticArea.barriers : 1 rechiffrée(s)" in out.getvalue()
        assert stored(DiagnosticArea, area.pk, "situation") != before
        again = io.StringIO()
        call_command("rotate-encryption-key", stdout=again)
        assert "0 valeur(s) rechiffrée(s)" in again.getvalue()  # idempotent
        check = io.StringIO()
        call_command("rotate-encryption-key", "--check", stdout=check)
        assert "Toutes les valeurs chiffrées sont sur la clé actuelle." in check.getvalue()
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        assert DiagnosticArea.objects.get(pk=area.pk).situation == HEALTH_NOTE


def test_a_value_no_configured_key_opens_is_a_clear_error_without_the_data(young_person_a):
    area = health_area(young_person_a)
    with override_settings(FIELD_ENCRYPTION_KEYS=[NEW_KEY]):
        with pytest.raises(encryption.UndecryptableValue) as error:
            DiagnosticArea.objects.get(pk=area.pk)
        assert "JALON_FIELD_ENCRYPTION_KEYS" in str(error.value)
        assert "gAAAAA" not in str(error.value)
        with pytest.raises(CommandError, match="illisible"):
            call_command("rotate-encryption-key", "--check", stdout=io.StringIO())
        with pytest.raises(CommandError, match="remettez l'ancienne clé"):
            call_command("rotate-encryption-key", stdout=io.StringIO())


def test_rule_the_keys_are_required_outside_demo_mode(monkeypatch):
    monkeypatch.delenv("JALON_FIELD_ENCRYPTION_KEYS", raising=False)
    with pytest.raises(ImproperlyConfigured, match="JALON_FIELD_ENCRYPTION_KEYS is required"):
        env_fernet_keys("JALON_FIELD_ENCRYPTION_KEYS", demo=False)
    assert env_fernet_keys("JALON_FIELD_ENCRYPTION_KEYS", demo=True) == [DEMO_FERNET_KEY]


def test_an_invalid_key_is_refused_without_being_echoed(monkeypatch):
    monkeypatch.setenv("JALON_FIELD_ENCRYPTION_KEYS", f"{NEW_KEY},not-a-secret-key-at-all")
    with pytest.raises(ImproperlyConfigured, match="key number 2") as error:
        env_fernet_keys("JALON_FIELD_ENCRYPTION_KEYS", demo=False)
    assert "not-a-secret-key-at-all" not in str(error.value)
    monkeypatch.setenv("JALON_FIELD_ENCRYPTION_KEYS", f"{NEW_KEY}, {OLD_KEY}")
    assert env_fernet_keys("JALON_FIELD_ENCRYPTION_KEYS", demo=False) == [NEW_KEY, OLD_KEY]


def test_rule_sensitive_text_never_reaches_the_journal_logs_or_urls(
    client_for, counsellor_a, young_person_a, caplog
):
    caplog.set_level(logging.DEBUG)
    client = client_for(counsellor_a)
    response = client.post(
        f"/jeunes/{young_person_a.uid}/accueils/nouveau/",
        {
            "received_on": days_ago(0).isoformat(),
            "mode": "walk_in",
            "outcome": "one_off_answer",
            "topic": "health",
            "notes": HEALTH_NOTE,
        },
    )
    assert response.status_code == 302 and "psychiatrique" not in response["Location"]
    reception = FirstReception.objects.get()
    assert reception.notes == HEALTH_NOTE
    assert "psychiatrique" not in stored(FirstReception, reception.pk, "notes")
    entry = AuditEntry.objects.get(object_type="reception.firstreception")
    assert entry.changes["notes"] == [None, encryption.REDACTED]
    # A refused form: the error neither quotes the text nor sends it anywhere.
    diagnostic = DiagnosticFactory(young_person=young_person_a)
    response = client.post(
        f"/jeunes/{young_person_a.uid}/diagnostics/{diagnostic.uid}/conclure/",
        {"conclusions": HEALTH_NOTE, "completed_on": "pas une date", "version": 1},
    )
    assert response.status_code == 200
    assert "psychiatrique" not in repr(response.context["form"].errors)
    assert all("psychiatrique" not in record.getMessage() for record in caplog.records)
    assert not any("psychiatrique" in str(e.changes) for e in AuditEntry.objects.all())

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from jalon.audit.models import AuditAction, AuditEntry
from jalon.audit.services import record_read, verify_chain


def test_opening_a_file_is_recorded(client_for, counsellor_a, young_person_a):
    client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/")
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.young_person) == (
        AuditAction.READ,
        counsellor_a,
        young_person_a,
    )
    assert entry.actor_organisation == counsellor_a.organisation
    assert entry.mission_locale == young_person_a.mission_locale
    assert entry.channel == "web"


def test_a_refused_read_records_nothing(client_for, counsellor_b, young_person_a):
    client_for(counsellor_b).get(f"/jeunes/{young_person_a.uid}/")
    assert not AuditEntry.objects.exists()


def test_the_director_reads_the_journal_of_their_mission_locale_only(
    client_for, director_a, counsellor_a, counsellor_b, young_person_a, young_person_b
):
    record_read(actor=counsellor_a, young_person=young_person_a)
    record_read(actor=counsellor_b, young_person=young_person_b)
    page = client_for(director_a).get("/audit/").content.decode()
    assert "DUPONT Lucas" in page
    assert "LEFÈVRE" not in page.upper()


def test_the_journal_cannot_be_changed_from_the_application(counsellor_a, young_person_a):
    entry = record_read(actor=counsellor_a, young_person=young_person_a)
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(actor_label="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()


@pytest.mark.postgresql
def test_the_database_refuses_to_change_the_journal(counsellor_a, young_person_a):
    entry = record_read(actor=counsellor_a, young_person=young_person_a)
    for statement in (
        "UPDATE audit_auditentry SET actor_label = 'x' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [entry.pk])
    assert AuditEntry.objects.get().actor_label.startswith("Camille")


def test_the_journal_is_not_in_the_admin(client_for, personas):
    assert client_for(personas["administrator"]).get("/admin/audit/auditentry/").status_code == 404


def test_opening_the_edit_form_is_a_recorded_read(client_for, counsellor_a, young_person_a):
    client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/modifier/")
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.READ
    assert entry.changes == {"vue": [None, "modification"]}


def test_each_entry_is_sealed_to_the_previous_one(counsellor_a, young_person_a):
    first = record_read(actor=counsellor_a, young_person=young_person_a)
    second = record_read(actor=counsellor_a, young_person=young_person_a)
    assert first.previous_hash == "" and len(first.hash) == 64
    assert second.previous_hash == first.hash
    assert verify_chain() == (2, None)


def test_verify_audit_passes_on_an_untouched_journal(counsellor_a, young_person_a, client_for):
    client_for(counsellor_a).get(f"/jeunes/{young_person_a.uid}/")
    record_read(actor=counsellor_a, young_person=young_person_a)
    out = StringIO()
    call_command("verify-audit", stdout=out)
    assert "Journal d'audit intègre : 2 entrées." in out.getvalue()


@pytest.mark.parametrize(
    "tampering",
    [
        "UPDATE audit_auditentry SET actor_label = 'quelqu''un d''autre' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ],
)
def test_verify_audit_detects_a_changed_or_removed_entry(tampering, counsellor_a, young_person_a):
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL refuses the tampering itself (see the trigger test)")
    entries = [record_read(actor=counsellor_a, young_person=young_person_a) for _ in range(3)]
    with connection.cursor() as cursor:
        cursor.execute(tampering, [entries[1].pk])
    with pytest.raises(CommandError) as error:
        call_command("verify-audit")
    assert "Journal d'audit altéré" in str(error.value)
    assert verify_chain()[0] == 1

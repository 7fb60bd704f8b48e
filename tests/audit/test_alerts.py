"""Unusual reads: `jalon detect-unusual-reads` and the alerts on the journal page."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from jalon.audit.alerts import alert_review, detect_unusual_reads
from jalon.audit.models import AuditAction, AuditAlert, AuditEntry
from jalon.audit.services import record
from tests.factories import YoungPersonFactory

NOW = timezone.now()


@pytest.fixture
def files(ml_a):
    return YoungPersonFactory.create_batch(90, mission_locale=ml_a)


def _read(actor, young_person, at):
    record(
        actor=actor,
        action=AuditAction.READ,
        obj=young_person,
        young_person=young_person,
        changes={"vue": [None, "dossier"]},
        at=at,
    )


def _read_files(actor, files, count, at=NOW - datetime.timedelta(hours=1)):
    for young_person in files[:count]:
        _read(actor, young_person, at)


def _history(actor, files, per_day: list[int]):
    """Reads on past days before the 24-hour window: one count of distinct files per day."""
    for days_back, count in enumerate(per_day, start=2):
        _read_files(actor, files, count, at=NOW - datetime.timedelta(days=days_back))


@pytest.mark.parametrize(("distinct", "alerted"), [(80, False), (81, True)])
def test_rule_more_than_80_distinct_files_in_24_hours_raises_an_alert(
    distinct, alerted, counsellor_a, files
):
    _read_files(counsellor_a, files, distinct)
    raised = detect_unusual_reads(now=NOW)
    assert bool(raised) is alerted
    if alerted:
        alert = raised[0]
        assert (alert.user, alert.distinct_files, alert.day) == (
            counsellor_a,
            81,
            timezone.localdate(NOW),
        )
        assert alert.mission_locale == counsellor_a.organisation
        assert alert.reason == "81 dossiers distincts en 24 heures (seuil : 80)"


def test_rule_the_daily_limit_comes_from_the_settings(settings, counsellor_a, files):
    settings.JALON_UNUSUAL_READS_PER_DAY = 10
    _read_files(counsellor_a, files, 11)
    assert detect_unusual_reads(now=NOW)


def test_rule_reading_one_file_many_times_counts_once(counsellor_a, files):
    for _ in range(85):
        _read(counsellor_a, files[0], NOW - datetime.timedelta(minutes=30))
    assert not detect_unusual_reads(now=NOW)


def test_rule_reads_older_than_24_hours_are_not_counted(counsellor_a, files):
    _read_files(counsellor_a, files, 81, at=NOW - datetime.timedelta(hours=24))
    assert not detect_unusual_reads(now=NOW)
    _read_files(counsellor_a, files, 81, at=NOW - datetime.timedelta(hours=23, minutes=59))
    assert detect_unusual_reads(now=NOW)


@pytest.mark.parametrize(
    ("history", "today", "alerted"),
    [
        ([6, 6, 6, 6, 6], 20, True),  # 20 > 3 x 6, and at least 20
        ([5, 5, 5, 5, 5], 19, False),  # more than 3 x 5, but under 20 files
        ([7, 7, 7, 7, 7], 21, False),  # exactly 3 x 7: not more
        ([7, 7, 7, 7, 7], 22, True),
        ([6, 6, 6, 6], 30, False),  # 4 days of history: too little to know the account's habit
        ([2, 2, 30, 30, 30], 60, False),  # median 30: 60 is not 3 times more
    ],
)
def test_rule_more_than_three_times_ones_own_median_with_at_least_20_files(
    history, today, alerted, counsellor_a, files
):
    _history(counsellor_a, files, history)
    _read_files(counsellor_a, files, today)
    raised = detect_unusual_reads(now=NOW)
    assert bool(raised) is alerted
    if alerted:
        assert "plus de 3 fois la médiane habituelle du compte" in raised[0].reason


def test_rule_one_alert_per_account_and_day_whatever_the_runs(personas, counsellor_a, files):
    _read_files(counsellor_a, files, 81)
    assert len(detect_unusual_reads(now=NOW)) == 1
    sent = len(mail.outbox)
    _read_files(counsellor_a, files[:85], 85)
    assert detect_unusual_reads(now=NOW + datetime.timedelta(minutes=1)) == []
    assert AuditAlert.objects.count() == 1
    assert len(mail.outbox) == sent
    created = AuditEntry.objects.filter(object_type="audit.auditalert")
    assert created.count() == 1 and created.get().channel == "command"


def test_rule_a_claimed_alert_is_never_e_mailed_again(counsellor_a, files):
    """Another run created the alert and claimed its e-mails: this run sends nothing."""
    AuditAlert.objects.create(
        user=counsellor_a,
        mission_locale=counsellor_a.organisation,
        day=timezone.localdate(NOW),
        distinct_files=81,
        reason="déjà levée",
        notified_at=NOW,
    )
    _read_files(counsellor_a, files, 81)
    assert detect_unusual_reads(now=NOW) == []
    assert mail.outbox == []


def test_rule_the_director_and_the_dpo_of_the_account_are_emailed(personas, counsellor_a, files):
    _read_files(counsellor_a, files, 81)
    detect_unusual_reads(now=NOW)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([personas["director_a"].email, personas["dpo_a"].email])
    message = mail.outbox[0]
    assert counsellor_a.get_full_name() in message.body
    assert "81 dossiers distincts" in message.body and "/audit/#alertes" in message.body
    assert files[0].last_name not in message.body


def test_the_command_reports_and_is_idempotent(counsellor_a, files):
    _read_files(counsellor_a, files, 81, at=timezone.now() - datetime.timedelta(hours=1))
    out = StringIO()
    call_command("detect-unusual-reads", stdout=out)
    assert f"Alerte : {counsellor_a.email}" in out.getvalue()
    assert "1 nouvelle(s) alerte(s)." in out.getvalue()
    out = StringIO()
    call_command("detect-unusual-reads", stdout=out)
    assert "0 nouvelle(s) alerte(s)." in out.getvalue()


@pytest.fixture
def alert(counsellor_a):
    return AuditAlert.objects.create(
        user=counsellor_a,
        mission_locale=counsellor_a.organisation,
        day=timezone.localdate(),
        distinct_files=95,
        reason="95 dossiers distincts en 24 heures (seuil : 80)",
        notified_at=timezone.now(),
    )


@pytest.mark.parametrize("persona", ["director_a", "dpo_a"])
def test_the_alert_is_shown_and_reviewed_with_a_comment(persona, personas, client_for, alert):
    client = client_for(personas[persona])
    page = client.get("/audit/").content.decode()
    assert "95 dossiers distincts en 24 heures" in page and "À examiner" in page
    response = client.post(
        f"/audit/alertes/{alert.uid}/examen/", {"comment": "Campagne de relance CEJ, vérifié."}
    )
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.reviewed_by == personas[persona]
    assert alert.review_comment == "Campagne de relance CEJ, vérifié."
    page = client.get("/audit/").content.decode()
    assert "Examinée" in page and "Campagne de relance CEJ" in page
    entry = AuditEntry.objects.get(object_type="audit.auditalert", action=AuditAction.UPDATE)
    assert entry.actor == personas[persona]


def test_a_review_needs_a_comment(personas, client_for, alert):
    client = client_for(personas["director_a"])
    response = client.post(f"/audit/alertes/{alert.uid}/examen/", {"comment": " "}, follow=True)
    assert "Indiquez ce que vous avez vérifié." in response.content.decode()
    alert.refresh_from_db()
    assert alert.reviewed_at is None


def test_rule_an_alert_is_reviewed_once(personas, alert):
    alert_review(actor=personas["director_a"], alert=alert, comment="Vu.")
    with pytest.raises(ValidationError, match="déjà été examinée"):
        alert_review(actor=personas["dpo_a"], alert=alert, comment="Vu aussi.")


def test_rule_alerts_stay_within_the_mission_locale(personas, client_for, alert):
    page = client_for(personas["director_b"]).get("/audit/").content.decode()
    assert "95 dossiers distincts" not in page
    response = client_for(personas["director_b"]).post(
        f"/audit/alertes/{alert.uid}/examen/", {"comment": "x"}
    )
    assert response.status_code == 404

"""Unusual reads: an account that opens far more distinct files than usual in 24 hours.

Two rules, checked by the hourly `jalon detect-unusual-reads`:
- more than `JALON_UNUSUAL_READS_PER_DAY` (default 80) distinct files in the last 24 hours
  (a counsellor's portfolio is 50 to 100 young people: reading more in one day is not follow-up);
- at least `MIN_FILES_FOR_RELATIVE_RULE` (20) distinct files and more than
  `MEDIAN_FACTOR` (3) times the account's own daily median, computed over the days of the
  30 previous days on which it read at least one file (a part-time or new account is judged on
  the days it works), once it has `MIN_HISTORY_DAYS` (5) such days.
"""

import datetime
import statistics

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from jalon.accounts.models import Role, User
from jalon.audit import services as audit
from jalon.audit.models import AuditAction, AuditAlert, AuditEntry

WINDOW = datetime.timedelta(hours=24)
HISTORY_DAYS = 30
MEDIAN_FACTOR = 3
MIN_FILES_FOR_RELATIVE_RULE = 20
MIN_HISTORY_DAYS = 5


def _reads():
    return AuditEntry.objects.filter(
        action=AuditAction.READ, actor__isnull=False, young_person__isnull=False
    )


def usual_median(actor_id: int, window_start: datetime.datetime) -> int | None:
    """Median distinct files per active day over the 30 days before the window, if known."""
    per_day = (
        _reads()
        .filter(
            actor_id=actor_id,
            at__gte=window_start - datetime.timedelta(days=HISTORY_DAYS),
            at__lt=window_start,
        )
        .annotate(day=TruncDate("at"))
        .values("day")
        .annotate(files=Count("young_person_id", distinct=True))
        .values_list("files", flat=True)
    )
    counts = list(per_day)
    if len(counts) < MIN_HISTORY_DAYS:
        return None
    return round(statistics.median(counts))


def unusual_reason(files: int, median: int | None) -> str:
    """Why `files` distinct files in 24 hours is unusual, or "" when it is not."""
    limit = settings.JALON_UNUSUAL_READS_PER_DAY
    if files > limit:
        return f"{files} dossiers distincts en 24 heures (seuil : {limit})"
    if (
        median is not None
        and files >= MIN_FILES_FOR_RELATIVE_RULE
        and files > MEDIAN_FACTOR * median
    ):
        return (
            f"{files} dossiers distincts en 24 heures, plus de {MEDIAN_FACTOR} fois la médiane "
            f"habituelle du compte ({median} par jour)"
        )
    return ""


def detect_unusual_reads(*, now=None) -> list[AuditAlert]:
    """Raise the alerts of the last 24 hours (at most one per account and day); idempotent."""
    now = now or timezone.now()
    window_start = now - WINDOW
    smallest_unusual = min(MIN_FILES_FOR_RELATIVE_RULE, settings.JALON_UNUSUAL_READS_PER_DAY + 1)
    busy = (
        _reads()
        .filter(at__gt=window_start, at__lte=now)
        .values("actor_id")
        .annotate(files=Count("young_person_id", distinct=True))
        .filter(files__gte=smallest_unusual)
        .order_by("actor_id")
    )
    raised = []
    for row in busy:
        median = usual_median(row["actor_id"], window_start)
        reason = unusual_reason(row["files"], median)
        if not reason:
            continue
        alert = _raise(row["actor_id"], row["files"], median, reason, now)
        if alert is not None:
            raised.append(alert)
    return raised


def _raise(actor_id, files, median, reason, now) -> AuditAlert | None:
    """Create the day's alert, then claim its notification: two runs never e-mail twice."""
    actor = User.objects.get(pk=actor_id)
    alert, created = AuditAlert.objects.get_or_create(
        user=actor,
        day=timezone.localdate(now),
        defaults={
            "mission_locale_id": actor.organisation_id,
            "distinct_files": files,
            "usual_median": median,
            "reason": reason,
            "created_at": now,
        },
    )
    if created:
        audit.record(
            actor=None,
            action=AuditAction.CREATE,
            obj=alert,
            mission_locale=actor.organisation,
            changes={"compte": [None, str(actor)], "règle": [None, reason]},
            channel="command",
        )
    claimed = AuditAlert.objects.filter(pk=alert.pk, notified_at__isnull=True).update(
        notified_at=now
    )
    if not claimed:
        return None
    notify_controllers(alert)
    return alert


def notify_controllers(alert: AuditAlert) -> int:
    """The director(s) and DPO of the account's Mission Locale, without any young person's name."""
    recipients = User.objects.filter(
        organisation_id=alert.mission_locale_id,
        role__in=(Role.DIRECTOR, Role.DATA_PROTECTION_OFFICER),
        is_active=True,
    ).values_list("email", flat=True)
    link = settings.JALON_SITE_URL + reverse("audit:list") + "#alertes"
    body = (
        "Bonjour,\n\n"
        f"Le compte de {alert.user.get_full_name()} ({alert.user.email}) a consulté un nombre "
        f"inhabituel de dossiers : {alert.reason}.\n\n"
        f"Vérifiez ces consultations dans le journal d'audit, puis marquez l'alerte comme "
        f"examinée :\n{link}\n"
    )
    subject = "Jalon — alerte : consultations inhabituelles de dossiers"
    messages = [(subject, body, None, [email]) for email in recipients]
    return send_mass_mail(messages, fail_silently=False) if messages else 0


def alert_review(*, actor, alert: AuditAlert, comment: str, now=None) -> AuditAlert:
    """Mark an alert as reviewed, with what was checked; the first review wins."""
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Indiquez ce que vous avez vérifié."})
    now = now or timezone.now()
    with transaction.atomic():
        updated = AuditAlert.objects.filter(pk=alert.pk, reviewed_at__isnull=True).update(
            reviewed_at=now, reviewed_by=actor, review_comment=comment
        )
        if not updated:
            raise ValidationError("Cette alerte a déjà été examinée.")
        alert.refresh_from_db()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=alert,
            mission_locale=alert.mission_locale,
            changes={"commentaire d'examen": [None, comment]},
        )
    return alert

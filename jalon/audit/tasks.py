"""Periodic jobs of this app, run by the task consumer (`jalon run_huey`); each is also a
command, for a run by hand or by cron on a server without the consumer."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task


@db_periodic_task(crontab(minute="5"))
@lock_task("unusual-reads")
def detect_unusual_reads():
    """Look for unusual reads, every hour."""
    call_command("detect-unusual-reads")


@db_periodic_task(crontab(hour="2", minute="40"))
@lock_task("verify-audit")
def verify_audit():
    """Check the audit journal's hash chain, every night."""
    call_command("verify-audit")

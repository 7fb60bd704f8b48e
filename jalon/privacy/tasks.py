"""Periodic jobs of this app, run by the task consumer (`jalon run_huey`); each is also a
command, for a run by hand or by cron on a server without the consumer."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task


@db_periodic_task(crontab(hour="2", minute="30"))
@lock_task("retention")
def apply_retention():
    """Anonymise what has outlived its retention period (décret 2015-59)."""
    call_command("apply-retention")

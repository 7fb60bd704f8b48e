"""Periodic jobs of this app, run by the task consumer (`jalon run_huey`); each is also a
command, for a run by hand or by cron on a server without the consumer."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task


@db_periodic_task(crontab(hour="2", minute="45"))
@lock_task("obligation-purge")
def purge_obligation():
    """Delete what the obligation de formation no longer keeps, every night."""
    call_command("purge-obligation")

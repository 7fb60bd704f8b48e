"""Periodic jobs of this app, run by the task consumer (`jalon run_huey`); each is also a
command, for a run by hand or by cron on a server without the consumer."""

from django.core.management import call_command
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task


@db_periodic_task(crontab(hour="8", minute="0"))
@lock_task("liaison-reminders")
def remind_liaison_forms():
    """Recall the waiting liaison forms, every morning."""
    call_command("remind-liaison-forms")

"""The task consumer runs every periodic job; each one runs on a fresh database."""

from django.utils.module_loading import autodiscover_modules
from huey.contrib.djhuey import HUEY

EXPECTED = {
    "nightly_alerts",
    "daily_digest",
    "apply_retention",
    "detect_unusual_reads",
    "verify_audit",
    "remind_liaison_forms",
    "deliver_webhooks",
    "purge_obligation",
}


def test_every_scheduled_job_is_a_periodic_task_that_runs(db):
    autodiscover_modules("tasks")  # what the consumer does when it starts
    periodic = {task.name.rsplit(".", 1)[-1]: task for task in HUEY._registry.periodic_tasks}
    assert set(periodic) >= EXPECTED
    for name in EXPECTED:
        HUEY.execute(periodic[name])  # the job itself, as the consumer runs it

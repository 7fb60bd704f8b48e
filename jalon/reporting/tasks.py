"""Background work of the indicators (huey): stored counts recounted where data changed, so
that a pilot opening a national table seldom waits for a recount."""

import datetime

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from jalon.reporting import snapshots

# Periods ending before this many days ago change rarely: they are recounted when read.
RECENT_DAYS = 400


@db_periodic_task(crontab(minute="*/10"))
@lock_task("indicator-snapshots")
def refresh_indicator_snapshots() -> int:
    since = timezone.localdate() - datetime.timedelta(days=RECENT_DAYS)
    return snapshots.refresh_stored(since)

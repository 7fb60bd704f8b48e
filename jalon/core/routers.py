"""Reporting reads on a read replica, everything else on the primary database.

`DATABASE_REPLICA_URL` adds a `replica` alias (a streaming replica of the primary); the
indicators read through it (`with reporting_reads():`), so a national table counted from
millions of rows never competes with counsellors' pages on the primary. Writes always go to
the primary; without a replica everything stays on `default`.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_reporting = ContextVar("jalon_reporting_reads", default=False)


@contextmanager
def reporting_reads():
    """Reads made inside go to `settings.JALON_REPORTING_DATABASE` (lazy querysets evaluated
    after the block go to the primary)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reporting.get():
            return settings.JALON_REPORTING_DATABASE
        return None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        return True  # one database and its copy

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"

"""Counting queries shared out between several database sessions (`JALON_REPORTING_WORKERS`).

PostgreSQL runs each indicator query on one core: their correlated subqueries keep it from
planning them in parallel. Splitting a whole count by Mission Locale does not shorten it (half
of the Missions Locales: the same 15 s, most statements read a year of the network's events
whatever the files counted), so several sessions each take the next statement, and use the
cores of the database that serves the reporting reads.
"""

import contextvars
from concurrent.futures import ThreadPoolExecutor
from queue import Empty, SimpleQueue

from django.conf import settings
from django.db import connections


def sessions() -> int:
    return max(1, settings.JALON_REPORTING_WORKERS)


def run(queries: list) -> dict:
    """The counts of every query (callables returning {key: count}), added up."""
    workers = min(sessions(), len(queries))
    if workers <= 1:
        return _add(query() for query in queries)
    waiting = SimpleQueue()
    for query in queries:
        waiting.put(query)
    # Each session reads where the caller reads (`routers.reporting_reads` is a context variable).
    contexts = [contextvars.copy_context() for _ in range(workers)]
    with ThreadPoolExecutor(workers) as pool:
        return _add(pool.map(lambda context: context.run(_work, waiting), contexts))


def _add(parts) -> dict:
    total = {}
    for part in parts:
        for key, n in part.items():
            total[key] = total.get(key, 0) + n
    return total


def _work(waiting: SimpleQueue) -> dict:
    def queries():
        while True:
            try:
                yield waiting.get_nowait()
            except Empty:
                return

    try:
        return _add(query() for query in queries())
    finally:
        connections.close_all()  # this thread's own sessions

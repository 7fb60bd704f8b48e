"""Production server: `gunicorn -c config/gunicorn.py config.wsgi` (`make serve-prod`).

Threaded workers: a request mostly waits for PostgreSQL, so a few processes with a few threads
each serve many counsellors; every process is stateless (sessions in the database, cache and
task queue in Redis, documents on the storage directory shared by the servers), so several
servers run side by side behind a load balancer (docs/scaling.md).
"""

import os

bind = os.environ.get("JALON_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("JALON_WEB_WORKERS", 2 * (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("JALON_WEB_THREADS", 4))
# A national export or indicator table may take tens of seconds; a stuck worker is recycled.
timeout = int(os.environ.get("JALON_WEB_TIMEOUT", 120))
graceful_timeout = 30
# An idle connection is kept longer than a counsellor's pause between two clicks: closed sooner,
# the client may send its next request just as the server closes it (a reset, seen in the load
# test with 5 s). Idle connections wait in the worker's poller, not in a thread.
keepalive = int(os.environ.get("JALON_WEB_KEEPALIVE", 30))
# Recycle workers now and then (memory held by a large export goes back to the system).
max_requests = 5000
max_requests_jitter = 500
# Access logs carry query strings (search terms are names): none, errors only.
accesslog = None
errorlog = "-"
loglevel = "warning"

#!/bin/sh
# Two application servers (ports 8001 and 8002, half the workers each) behind one port (8000,
# HAProxy, round robin): `. bench/load/env.sh && sh bench/load/two-servers.sh`, then
# `make load-test`. Ctrl-C stops all three.
set -e
.venv/bin/jalon collectstatic --noinput -v0
workers=${JALON_WEB_WORKERS:-3}
JALON_BIND=127.0.0.1:8001 JALON_WEB_WORKERS=$workers .venv/bin/gunicorn -c config/gunicorn.py config.wsgi &
first=$!
JALON_BIND=127.0.0.1:8002 JALON_WEB_WORKERS=$workers .venv/bin/gunicorn -c config/gunicorn.py config.wsgi &
second=$!
haproxy -f bench/load/haproxy.cfg &
proxy=$!
trap 'kill $first $second $proxy 2>/dev/null' EXIT INT TERM
wait

# The production settings on loopback for the load test: `. bench/load/env.sh` then
# `make serve-prod` (one server) or bench/load/two-servers.sh, and `make load-test`.
# Demo mode only because the national dataset's accounts share the public demo password, which
# production refuses by design; everything else is the production setup: Argon2, no debug,
# gunicorn, WhiteNoise, Redis for the cache and the task queue. Plain HTTP on 127.0.0.1 and no
# second factor (locust has no authenticator app), as demo mode implies.
export JALON_DEMO=1
export JALON_SECRET_KEY="load-test-key-on-loopback-only-never-in-production-0123456789"
export JALON_FIELD_ENCRYPTION_KEYS="$(.venv/bin/python -c 'from config.env import DEMO_FERNET_KEY; print(DEMO_FERNET_KEY)')"
export JALON_CACHE_URL="${JALON_CACHE_URL:-redis://127.0.0.1:6379/11}"
export JALON_TASKS_REDIS_URL="${JALON_TASKS_REDIS_URL:-redis://127.0.0.1:6379/12}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/wt_scaleout}"
export JALON_VAR_DIR="${JALON_VAR_DIR:-$PWD/var}"

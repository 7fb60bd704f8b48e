# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: demo test lint format serve-demo serve-prod load-test clean bench

$(INSTALLED): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit("Jalon demande Python 3.11 ou plus récent." if sys.version_info < (3, 11) else 0)'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@mkdir -p var
	@touch $@

## make demo: install, migrate, load the demo network, serve http://127.0.0.1:8000 and run the tasks
demo: $(INSTALLED)
	JALON_DEMO=1 $(BIN)/jalon migrate --noinput
	JALON_DEMO=1 $(BIN)/jalon demo-data
	@echo "Jalon : http://$(HOST):$(PORT) — comptes de démonstration dans le README (mot de passe jalon-demo)"
	@# The task consumer (alerts kept fresh, nightly and morning jobs) runs beside the server.
	JALON_DEMO=1 $(BIN)/jalon run_huey --quiet & trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	JALON_DEMO=1 $(BIN)/jalon runserver $(HOST):$(PORT)

## make serve-prod: the production server (gunicorn, several workers, static files by WhiteNoise);
## settings from the environment (JALON_SECRET_KEY, DATABASE_URL, JALON_CACHE_URL...: README)
serve-prod: $(INSTALLED)
	$(BIN)/jalon collectstatic --noinput -v0
	JALON_BIND=$(HOST):$(PORT) $(BIN)/gunicorn -c config/gunicorn.py config.wsgi

## make load-test: 200 counsellors for 5 minutes against http://$(HOST):$(PORT) (bench/load/README.md)
load-test: $(INSTALLED)
	$(BIN)/locust -f bench/load/locustfile.py --headless --users 200 --spawn-rate 2 \
		--run-time 5m --host http://$(HOST):$(PORT) --csv var/load --only-summary

## make bench: the pages and jobs of issue #9 timed beside their SQL floor (DATABASE_URL: the
## national dataset; BENCH_ARGS="--runs 10 --only recherche" to narrow)
bench: $(INSTALLED)
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## make test: the whole suite (set DATABASE_URL to run it on PostgreSQL)
test: $(INSTALLED)
	$(BIN)/pytest

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) var

# Two commands a new user needs: `make run` and `make test`.
# Only python3 (3.11) is required; everything else is installed into .venv.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
# Test workers: one per core, at most 2 on the 2-core machines we run on.
WORKERS ?= 2

.PHONY: run serve bench bench-writes test setup install lint format fixture db-status db-stop clean backup restore

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

setup: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py bootstrap_site

run: setup
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Production mode: DEBUG off, static files through whitenoise, gunicorn (2 workers).
# Needs DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS (docs/operations.md).
serve: export DJANGO_SETTINGS_MODULE = config.settings.prod
serve: install
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py migrate --noinput
	@echo "gunicorn on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	GUNICORN_BIND=$(HOST):$(PORT) $(VENV)/bin/gunicorn -c config/gunicorn.conf.py

# Load test of the production server against a hello-world ceiling (docs/benchmarks.md).
bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

# The same pages while an editor saves and publishes (docs/benchmarks.md).
bench-writes: install
	$(PY) bench/writes.py $(BENCH_ARGS)

test: install
	$(PY) -m pytest -n $(WORKERS) $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

fixture: install
	$(PY) manage.py build_seed_fixture

db-status: install
	@# Exit status 3 (not running, as pg_ctl status) is an answer, not a failure.
	$(PY) -m config.database status || test $$? -eq 3

db-stop: install
	$(PY) -m config.database stop

clean:
	rm -rf $(VENV) .data staticfiles

# Backups (docs/operations.md): pg_dump's custom format into backups/, the media beside it.
# `make restore` takes the newest backup unless FILE=...; FORCE=1 replaces a database
# that has data.
backup: install
	$(PY) manage.py backup

restore: FILE ?= $(lastword $(sort $(wildcard backups/*.dump)))
restore: install
	@test -n "$(FILE)" || { echo "No backup in backups/: make backup, or make restore FILE=..."; exit 2; }
	$(PY) manage.py restore "$(FILE)" $(if $(FORCE),--force)

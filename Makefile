# ParkOS — every install step a fresh machine needs lives here (and in scripts/).
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= 2

help:  ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@test -x $(PY) || "$$(scripts/find-python)" -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

venv: $(VENV)/.installed  ## create .venv and install the pinned dependencies

setup: venv  ## migrate, collect static files (the compiled translations are committed)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput -v 0

demo: setup  ## install, migrate, load the demo district, print the logins, serve on 127.0.0.1:8000
	$(PY) manage.py seed_demo
	PARKOS_DEMO=true $(PY) manage.py demo_users
	@echo "Serving ParkOS on http://$(HOST):$(PORT)/  (Ctrl-C to stop; demo: admins need no second factor)"
	$(PY) manage.py db_worker & trap "kill $$! 2>/dev/null" EXIT; \
	PARKOS_SECOND_FACTOR_ROLES= $(PY) manage.py runserver $(HOST):$(PORT) --noreload

WORKERS ?= 4
THREADS ?= 4

# gunicorn.conf.py preloads the application (warmed once in the master, then forked), with threads.
serve: setup  ## production: gunicorn (WORKERS processes of THREADS threads) and the task worker; settings from the environment
	@echo "Serving ParkOS with gunicorn on http://$(HOST):$(PORT)/ ($(WORKERS) workers of $(THREADS) threads; Ctrl-C to stop)"
	$(PY) manage.py db_worker & trap "kill $$! 2>/dev/null" EXIT; \
	$(VENV)/bin/gunicorn --config gunicorn.conf.py --workers $(WORKERS) --threads $(THREADS) \
	  --bind $(HOST):$(PORT) --access-logfile - \
	  --forwarded-allow-ips "$${PARKOS_TRUSTED_PROXIES:-127.0.0.1}"

# The load test's own venv: locust is pinned in requirements-load.lock, outside the product's.
LOAD_VENV := .venv-load
LOAD_PG_URL ?= postgres://postgres@127.0.0.1:5432/loadtest

$(LOAD_VENV)/.installed: requirements-load.lock
	@test -x $(LOAD_VENV)/bin/python || "$$(scripts/find-python)" -m venv $(LOAD_VENV)
	$(LOAD_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOAD_VENV)/bin/python -m pip install --quiet --require-hashes -r requirements-load.lock
	touch $@

load: venv $(LOAD_VENV)/.installed  ## 100 users (locust) against `make serve`'s server, SQLite and PostgreSQL; writes docs/benchmarks.md
	$(PY) -m bench.load --out docs/benchmarks.md --postgres $(LOAD_PG_URL) --locust $(LOAD_VENV)/bin/locust

lint: venv  ## ruff, the layering contracts, and no model change without its migration
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(PY) manage.py makemigrations --check --dry-run -v 0

test: lint test-sqlite test-postgres test-browser  ## every test: lint, SQLite, PostgreSQL, browser

test-sqlite: venv  ## the suite on SQLite
	$(VENV)/bin/pytest -q -n $(PYTEST_WORKERS) -m "not browser"

test-postgres: venv  ## the suite on PostgreSQL (skipped loudly when none answers)
	@if DATABASE_URL=$(PG_TEST_URL) $(PY) scripts/db-available; then \
	  DATABASE_URL=$(PG_TEST_URL) $(VENV)/bin/pytest -q -n $(PYTEST_WORKERS) -m "not browser"; \
	elif [ -n "$$PARKOS_REQUIRE_POSTGRES" ]; then \
	  echo "!!! PostgreSQL at $(PG_TEST_URL) does not answer and PARKOS_REQUIRE_POSTGRES is set: failing." >&2; exit 1; \
	else \
	  echo ""; echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
	  echo "!!! SKIPPED the PostgreSQL pass: nothing answers at $(PG_TEST_URL)"; \
	  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; echo ""; \
	fi

test-browser: venv  ## the Playwright tests in Debian's headless Chromium (installed when missing)
	scripts/ensure-chromium
	$(PY) manage.py collectstatic --noinput -v 0
	$(VENV)/bin/pytest -q -m browser

# DuckDB, the bare SQL that the province's evaluation is measured against (bench/province.py), is
# pinned in requirements-bench.lock, outside the product's lock, and installed into .venv beside
# it: the bench runs Django, the engine and DuckDB in one process, and DuckDB depends on nothing.
$(VENV)/.bench-installed: $(VENV)/.installed requirements-bench.lock
	$(PY) -m pip install --quiet --require-hashes -r requirements-bench.lock
	touch $@

bench: venv $(VENV)/.bench-installed  ## benchmarks on SQLite and PostgreSQL, and the province; writes docs/benchmarks.md
	$(PY) -m bench.run --out docs/benchmarks.md --postgres $(PG_TEST_URL)

bench-province: venv $(VENV)/.bench-installed  ## the province alone (1,000,000 enterprises, engine vs DuckDB); rewrites its section of docs/benchmarks.md
	$(PY) -m bench.run --province-only --out docs/benchmarks.md

messages: venv  ## refresh the translation catalogues after changing strings, and compile them
	$(PY) manage.py makemessages -l en -l zh_Hans --ignore '.venv/*' --ignore 'bench/*' --no-obsolete --no-location
	$(PY) manage.py compilemessages --ignore '.venv/*' -v 0

clean:  ## remove the venvs, the SQLite file and collected static files
	rm -rf $(VENV) $(LOAD_VENV) db.sqlite3 staticfiles media

.PHONY: help venv setup demo serve lint test test-sqlite test-postgres test-browser bench bench-province load messages clean

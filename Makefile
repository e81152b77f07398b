# One-command set-up and run; see README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run serve worker test-postgres test-engine test-faults test-browser test-api bench bench-search bench-search-postgres bench-load install install-test migrate demo test lint format check messages clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements.txt requirements-test.txt | $(PY)
	$(PIP) install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The task worker (emails, index updates, the desk's daily reminders, which it queues
# itself) runs beside the server and stops with it. Links in emails and feeds go to
# the address served on, unless WAGTAILADMIN_BASE_URL is set.
run: export WAGTAILADMIN_BASE_URL ?= http://$(HOST):$(PORT)
run: demo
	@echo "Site: http://$(HOST):$(PORT)/  Admin: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py run_worker --queue-name "*" & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The worker alone, with the settings DJANGO_SETTINGS_MODULE names (the development ones
# by default; production runs it from its service unit, see deploy/systemd/).
worker: migrate
	$(PY) manage.py run_worker --queue-name "*"

# Production settings under gunicorn (gunicorn.conf.py), static files by WhiteNoise, the task
# worker beside it, started again if it dies (scripts/keep-running.sh); meant to sit behind
# a TLS proxy (README, "Operating"). SECRET_KEY and
# ALLOWED_HOSTS come from the environment or the command line; nothing is invented here.
WORKERS ?= 2
serve: export DJANGO_SETTINGS_MODULE := trihub.settings.production
serve: install
	@test -n "$$SECRET_KEY" && test -n "$$ALLOWED_HOSTS" || { \
		echo "make serve: set SECRET_KEY (random, 50+ characters) and ALLOWED_HOSTS, e.g." >&2; \
		echo "  make serve SECRET_KEY=\$$(openssl rand -base64 48) ALLOWED_HOSTS=tri.example.org" >&2; \
		exit 1; }
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	scripts/keep-running.sh $(PY) manage.py run_worker --queue-name "*" & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT INT TERM; \
	$(VENV)/bin/gunicorn --config gunicorn.conf.py --bind $(HOST):$(PORT) --workers $(WORKERS)

lint: install-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: install-test
	DJANGO_SETTINGS_MODULE=trihub.settings.test $(PY) manage.py check
	DJANGO_SETTINGS_MODULE=trihub.settings.test $(PY) manage.py makemigrations --check --dry-run

test: lint check
	DJANGO_SETTINGS_MODULE=trihub.settings.test $(VENV)/bin/pytest -n 2

# The search contract suite and the engine tests against a real OpenSearch node,
# started on a loopback port and stopped afterwards, also when tests fail.
ENGINE_PORT ?= 9211
test-engine: install-test
	bash tools/search-node/run.sh start $(ENGINE_PORT)
	SEARCH_URL=http://127.0.0.1:$(ENGINE_PORT) SEARCH_ENGINE=opensearch SEARCH_ENGINE_REQUIRED=1 \
		DJANGO_SETTINGS_MODULE=trihub.settings.test $(VENV)/bin/pytest -n 2 -p no:cacheprovider \
		-rs tests/search; status=$$?; bash tools/search-node/run.sh stop $(ENGINE_PORT); exit $$status

# Faults injected into the site as an operator runs it (tests/faults/run.py): production
# settings, gunicorn and the worker, on a private PostgreSQL and the OpenSearch node behind
# a proxy that stalls or refuses, emails to an SMTP sink; the engine stopped, hung and
# emptied, PostgreSQL restarted, the worker killed mid-batch. Everything stops afterwards.
FAULTS_ENGINE_PORT ?= 9213
FAULTS_PGPORT ?= 54331
test-faults: install-test
	PGPORT=$(FAULTS_PGPORT) FAULTS_ENGINE_PORT=$(FAULTS_ENGINE_PORT) \
		scripts/with-postgres.sh $(PY) tests/faults/run.py

# Browser journeys and accessibility checks (tests/browser): the site on a free loopback
# port with its task worker, driven by Debian's Chromium (installed if missing; Playwright
# never downloads a browser), axe-core from npm (tests/browser/package-lock.json).
# Screenshots and server logs go to test-results/.
test-browser: export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD := 1
test-browser: install-test
	@test -x /usr/bin/chromium || { echo "Chromium not found: installing Debian's package." >&2; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	$(VENV)/bin/pytest -p no:cacheprovider -o addopts="-ra --strict-markers" tests/browser

# Schemathesis against the API of a served copy of the site (production settings,
# gunicorn), as an anonymous caller, a holder and a coordinator (tests/schema/run.py).
test-api: install-test
	$(PY) tests/schema/run.py

# Benchmarks: run by hand, not part of make test (see bench/search/run.py).
bench-search: install
	$(PY) bench/search/run.py

# The same on PostgreSQL's full-text search, on a throw-away server (scripts/with-postgres.sh).
bench-search-postgres: install
	scripts/with-postgres.sh $(PY) bench/search/run.py

# The site under production settings and gunicorn: page cache, lists at scale, the cost of
# notifications; four ratios, also written to bench/results.json (see bench/README.md).
bench: install
	$(PY) bench/site/run.py

# 500 request submissions from 50 clients, with searches and page reads, against
# gunicorn (2 workers) on SQLite; fails if anything is lost (see bench/README.md).
bench-load: install
	$(PY) bench/load/run.py

# The whole suite again on a private PostgreSQL cluster (installed if missing).
test-postgres: install-test
	scripts/with-postgres.sh env DJANGO_SETTINGS_MODULE=trihub.settings.test \
		$(VENV)/bin/pytest -n 2 -p no:cacheprovider

# Regenerate the translation catalogues after changing UI strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale fr --ignore ".venv/*" --ignore "var/*" \
		--ignore "tests/*" --ignore "bench/*"
	$(PY) manage.py compilemessages --ignore ".venv/*" --ignore "tests/*"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

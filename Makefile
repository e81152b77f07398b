# One-command set-up and run; see README.md.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run worker test-postgres test-engine bench-search install install-test migrate demo test lint format check messages clean

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

# The task worker (emails, index updates) runs beside the server and stops with it.
run: demo
	@echo "Site: http://$(HOST):$(PORT)/  Admin: http://$(HOST):$(PORT)/admin/"
	$(PY) manage.py db_worker --queue-name "*" & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

worker: migrate
	$(PY) manage.py db_worker --queue-name "*"

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

# Benchmarks: run by hand, not part of make test (see bench/search/run.py).
bench-search: install
	$(PY) bench/search/run.py

# The whole suite again on a private PostgreSQL cluster (installed if missing).
test-postgres: install-test
	scripts/with-postgres.sh env DJANGO_SETTINGS_MODULE=trihub.settings.test \
		$(VENV)/bin/pytest -n 2 -p no:cacheprovider

# Regenerate the translation catalogues after changing UI strings (needs GNU gettext).
messages: install
	$(PY) manage.py makemessages --locale fr --locale en --ignore ".venv/*" --ignore "var/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

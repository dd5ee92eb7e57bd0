# factcheck: two commands do all set-up on a fresh machine.
#   make run   - virtualenv, install, migrate, sample articles, demo users, serve on 127.0.0.1:8000
#   make test  - install test needs (browser included) and run the whole suite on SQLite and PostgreSQL
SHELL := /bin/bash
.DEFAULT_GOAL := help

# The first Python 3.12+ on PATH, then pyenv's.
ifndef PYTHON
PYTHON := $(shell for p in python3.14 python3.13 python3.12 python3 $$(ls -d $$HOME/.pyenv/versions/3.1[2-9]*/bin/python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3 2>/dev/null); do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then command -v $$p; break; fi; done)
endif
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/factcheck
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help run test test-sqlite test-postgres system-deps services bench clean

help:
	@echo "make run    - set up and serve factcheck on http://$(HOST):$(PORT)"
	@echo "make test   - run every test on SQLite and PostgreSQL"
	@echo "make bench  - run the benchmarks under bench/ (not part of make test)"

$(PY):
	@if [ -z "$(PYTHON)" ]; then echo "error: factcheck needs Python 3.12 or newer (Django 6). Install one, or run 'make PYTHON=/path/to/python3.12 ...'." >&2; exit 1; fi
	@echo "Creating $(VENV) with $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

# System packages: Chromium for the browser tests, Pango for WeasyPrint's PDFs.
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	fc-list 2>/dev/null | grep -qi dejavu || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		if command -v apt-get >/dev/null 2>&1; then \
			echo "Installing:$$missing"; \
			(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing) >/dev/null || { echo "error: could not install$$missing" >&2; exit 1; }; \
		else echo "warning: missing system packages:$$missing (no apt-get here)" >&2; fi; \
	fi

run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	@echo
	@echo "factcheck is serving on http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	@# Large imports run on the task queue: a database-backed worker runs beside the server
	@# (TASKS_BACKEND=immediate make run imports everything inside the request instead).
	@export TASKS_BACKEND=$${TASKS_BACKEND:-database}; \
	if [ "$$TASKS_BACKEND" = database ]; then \
		$(PY) manage.py db_worker --no-reload --no-startup-delay --interval 1 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	fi; \
	$(PY) manage.py runserver $(HOST):$(PORT)

services:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		if command -v pg_ctlcluster >/dev/null 2>&1 && [ -d /etc/postgresql ]; then \
			echo "Starting PostgreSQL"; pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | head -1) main start || true; \
			for i in $$(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done; \
		fi; \
	fi

test: $(VENV)/.installed-dev system-deps services
	@echo "== tests on SQLite"
	$(PY) -m pytest
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
		echo "== tests on PostgreSQL"; \
		DATABASE_URL=$(PG_URL) $(PY) -m pytest; \
	elif [ "$$CI" = "true" ]; then \
		echo "error: PostgreSQL is not reachable on 127.0.0.1:5432; CI runs every test on it too." >&2; exit 1; \
	else \
		echo "warning: PostgreSQL is not reachable on 127.0.0.1:5432; skipped the PostgreSQL run." >&2; \
	fi

test-sqlite: $(VENV)/.installed-dev system-deps
	$(PY) -m pytest $(ARGS)

test-postgres: $(VENV)/.installed-dev system-deps services
	DATABASE_URL=$(PG_URL) $(PY) -m pytest $(ARGS)

bench: $(VENV)/.installed-dev services
	@for f in bench/*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) db.sqlite3 db.sqlite3-* test-output

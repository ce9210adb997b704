# URBACT portal: `make help` lists the commands.
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# Exported: the settings build PORTAL_URL (links in emails) from it.
export PORT
SYSTEM_PYTHON ?= $(shell command -v python3)

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the commands
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-14s %s\n", $$1, $$2}'

.PHONY: check-python
check-python:
	@$(SYSTEM_PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' || { \
	  echo "Python 3.12 or newer is needed; '$(SYSTEM_PYTHON)' is $$($(SYSTEM_PYTHON) --version 2>&1)."; \
	  echo "Install one (pyenv reads .python-version) or run: make SYSTEM_PYTHON=/path/to/python3.13 ..."; \
	  exit 1; }

$(VENV)/.installed: pyproject.toml constraints.txt | check-python
	test -x $(PY) || $(SYSTEM_PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev]"
	touch $@

.PHONY: install
install: $(VENV)/.installed ## Create the virtualenv and install the project with its test tools

# Compiled only when a catalogue changed, so that a test run in progress never reads a
# catalogue being rewritten.
CATALOGUES := $(wildcard locale/*/LC_MESSAGES/*.po locale_overrides/*/LC_MESSAGES/*.po)

.PHONY: messages
messages: $(CATALOGUES:.po=.mo) ## Compile the interface translations

$(CATALOGUES:.po=.mo) &: $(CATALOGUES) | install
	$(PY) manage.py compilemessages --ignore=.venv -v 0
	touch $(CATALOGUES:.po=.mo)

.PHONY: makemessages
makemessages: install ## Collect new interface strings into locale/lv
	$(PY) manage.py makemessages -l lv --no-obsolete --no-location --ignore=.venv --ignore=staticfiles --ignore=tests

.PHONY: setup
setup: messages ## Migrate the database, load the demo data, build the search index
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_demo
	$(PY) manage.py rebuild_search_index

.PHONY: run
run: setup ## Set up and serve on http://127.0.0.1:$(PORT)/ with the tasks worker that sends emails, then say where and how to sign in
	@$(PY) manage.py ensure_admin --welcome
	@$(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The checks of .pre-commit-config.yaml over the whole tree. DJANGO_TARGET is the Django
# version pyproject.toml asks for (the pre-commit hook names it too).
DJANGO_TARGET := 6.1
PYTHON_FILES = git ls-files -z --cached --others --exclude-standard -- '*.py'

.PHONY: lint
lint: install ## ruff lint and format, django-upgrade, djhtml (template indentation) and import-linter (layers) checks
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PYTHON_FILES) | xargs -0 -r $(VENV)/bin/django-upgrade --target-version $(DJANGO_TARGET) --check
	$(VENV)/bin/djhtml --tabwidth 2 --check templates
	$(VENV)/bin/lint-imports

.PHONY: format
format: install ## Apply ruff's fixes and formatting, django-upgrade's rewrites and djhtml's indentation
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
	$(PYTHON_FILES) | xargs -0 -r $(VENV)/bin/django-upgrade --target-version $(DJANGO_TARGET) \
	  --exit-zero-even-if-changed
	$(VENV)/bin/djhtml --tabwidth 2 templates

.PHONY: pre-commit
pre-commit: install ## Run the same checks before each commit (pre-commit install)
	$(VENV)/bin/pre-commit install

.PHONY: check-translations
check-translations: install ## Fail when locale/lv has untranslated or fuzzy strings
	$(PY) -m urbact_portal.check_translations locale/lv/LC_MESSAGES/django.po \
	  locale_overrides/lv/LC_MESSAGES/django.po locale_overrides/lv/LC_MESSAGES/djangojs.po

.PHONY: test
test: lint messages check-translations ## Lint, check migrations and translations, run the whole suite
	$(PY) manage.py makemigrations --check --dry-run -v 0
	$(PY) -m pytest $(PYTEST_ARGS)

.PHONY: loadtest
loadtest: install messages ## Load test: wrk at 50 connections for 60 s on the main pages (LOADTEST_ARGS=--seconds 5 for a short run)
	@command -v wrk >/dev/null || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing wrk from Debian"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else echo "make loadtest needs wrk (Debian: sudo apt-get install wrk)"; exit 1; fi
	cd bench && ../$(PY) loadtest.py $(LOADTEST_ARGS)

.PHONY: crawl
crawl: setup ## Follow every link of the site in both languages; fail on a 500 or a broken link (URL=http://127.0.0.1:8000 for a running server)
	$(PY) manage.py crawl $(if $(URL),--url $(URL))

# The quality gates' tools, pinned in package.json and installed apart from the site's own
# vendored files (the site needs no npm): the Nu HTML Checker runs on Debian's Java.
NPM_VERSION = $(shell sed -n 's/^ *"$(1)": "\(.*\)",*$$/\1/p' package.json)
TOOLS := .cache/tools
# Each in a folder of its own: an install with --no-save would remove the other.
VNU_JAR := $(TOOLS)/vnu/node_modules/vnu-jar/build/dist/vnu.jar
LIGHTHOUSE := $(TOOLS)/lighthouse/node_modules/.bin/lighthouse

$(VNU_JAR):
	@command -v npm >/dev/null || { echo "make vnu needs npm (Debian: apt-get install npm)"; exit 1; }
	npm install --prefix $(TOOLS)/vnu --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
	  vnu-jar@$(call NPM_VERSION,vnu-jar)

.PHONY: java
java:
	@command -v java >/dev/null || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing Java from Debian"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else echo "make vnu needs Java (Debian: sudo apt-get install default-jre-headless)"; exit 1; fi

.PHONY: vnu
vnu: setup java $(VNU_JAR) ## Nu HTML Checker on every page the crawler visits; fails on any error
	rm -rf .cache/vnu-pages
	$(PY) manage.py crawl --save-html .cache/vnu-pages $(if $(URL),--url $(URL))
	$(PY) -m urbact_portal.html_check .cache/vnu-pages --jar $(VNU_JAR)

$(LIGHTHOUSE):
	@command -v npm >/dev/null || { echo "make lighthouse needs npm (Debian: apt-get install npm)"; exit 1; }
	npm install --prefix $(TOOLS)/lighthouse --no-save --no-package-lock --no-audit --no-fund \
	  lighthouse@$(call NPM_VERSION,lighthouse)

.PHONY: lighthouse
lighthouse: setup $(LIGHTHOUSE) ## Lighthouse, mobile and desktop, on the main pages of the production server; fails below the thresholds
	@test -x $${CHROME_PATH:-/usr/bin/chromium} || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing chromium from Debian"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "make lighthouse needs chromium (Debian: sudo apt-get install chromium)"; exit 1; fi
	$(PY) bench/lighthouse.py --lighthouse $(LIGHTHOUSE) $(LIGHTHOUSE_ARGS)

.PHONY: serve-prod
serve-prod: install ## Production server (granian, 2 workers); set DEBUG=false, SECRET_KEY, ALLOWED_HOSTS
	$(PY) manage.py collectstatic --no-input -v 0
	$(VENV)/bin/granian --interface wsgi --workers $${WORKERS:-2} --blocking-threads 1 \
	  --respawn-failed-workers --host $${HOST:-127.0.0.1} --port $(PORT) urbact_portal.wsgi:application

# nginx from Debian, installed when missing (as root), for the stack and its smoke test.
.PHONY: nginx
nginx:
	@command -v nginx >/dev/null || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing nginx from Debian"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	  else echo "nginx is needed (Debian: sudo apt-get install nginx)"; exit 1; fi

APP_PORT ?= $(shell echo $$(( $(PORT) + 1000 )))

.PHONY: serve-stack
serve-stack: install messages nginx ## nginx (deploy/nginx.conf) on $(PORT) in front of granian on APP_PORT, with DATABASE_URL and REDIS_URL
	$(PY) -m urbact_portal.stack --port $(PORT) --app-port $(APP_PORT)

.PHONY: smoke-stack
smoke-stack: install messages nginx ## Smoke test through the stack: uploads, the public page, a killed worker, compression (needs PostgreSQL at DATABASE_URL, Redis at REDIS_URL)
	$(PY) -m pytest -m stack tests/stack -q $(PYTEST_ARGS)

.PHONY: bench-install
bench-install: install
	$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,bench]"

.PHONY: constraints
constraints: ## Renew constraints.txt from a fresh install of pyproject.toml's newest allowed versions
	rm -rf .venv-constraints && $(SYSTEM_PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install --quiet -e ".[dev,bench]"
	{ sed -n '1,2p' constraints.txt; .venv-constraints/bin/python -m pip freeze --exclude-editable; } > constraints.new
	mv constraints.new constraints.txt && rm -rf .venv-constraints

.PHONY: bench
bench: install messages bench-install ## Benchmark: synthetic data at scale 1 and 10, wrk against the production server
	@command -v wrk >/dev/null && command -v nginx >/dev/null || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "installing wrk and nginx from Debian"; apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null; \
	  else echo "make bench needs wrk and nginx (Debian: sudo apt-get install wrk nginx)"; exit 1; fi
	$(PY) bench/run.py $(BENCH_ARGS)

.PHONY: bench-search
bench-search: install ## The search's timings alone on the benchmark data at DATABASE_URL
	$(PY) bench/search_bench.py --database-url "$${DATABASE_URL:?set DATABASE_URL}"

.PHONY: backup
backup: install ## Back up the database, media and private media to BACKUP_DIR
	@test -n "$(BACKUP_DIR)" || { echo "make backup BACKUP_DIR=/path/to/folder"; exit 1; }
	$(PY) manage.py backup "$(BACKUP_DIR)"

.PHONY: restore
restore: install ## Replace the database, media and private media with the backup in BACKUP_DIR
	@test -n "$(BACKUP_DIR)" || { echo "make restore BACKUP_DIR=/path/to/folder"; exit 1; }
	$(PY) manage.py restore "$(BACKUP_DIR)"

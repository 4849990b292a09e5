# The command index. Needs only Python 3.11+, make and Node/npm; everything else is installed here.
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .tools/bin/uv
MANAGE := $(UV) run --frozen python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test suite lint typecheck unit browser bench codes messages install clean

run: install  ## The platform on SQLite with demo data at http://127.0.0.1:8000
	$(MANAGE) migrate --no-input
	$(MANAGE) createcachetable
	$(MANAGE) load_toolkit --publish
	$(MANAGE) load_questionnaires
	$(MANAGE) load_risk_catalogue
	$(MANAGE) seed_demo
	$(MANAGE) runserver $(HOST):$(PORT)

test: install lint typecheck  ## Lint, types, migrations check and the whole suite
	$(MANAGE) makemigrations --check --dry-run
	$(MAKE) suite

suite: install  ## Only the pytest suite (DATABASE_URL picks the database)
	$(UV) run --frozen pytest

lint: install
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

typecheck: install
	$(UV) run --frozen mypy rai_toolkit tests bench conftest.py

unit: install  ## The suite without the browser tests
	$(UV) run --frozen pytest -m "not browser"

browser: install
	$(UV) run --frozen pytest -m browser

bench: install  ## Throughput and memory figures (not a test)
	$(UV) run --frozen python -m bench

codes: install  ## Current second-factor codes of the demo accounts
	$(MANAGE) demo_codes

messages: install  ## Refresh the translation catalogues after changing UI strings
	cd rai_toolkit && ../$(UV) run --frozen python ../manage.py makemessages -l fr -l es -l ar --no-obsolete --add-location file
	cd rai_toolkit && ../$(UV) run --frozen python ../manage.py compilemessages

install: .venv/.synced node_modules/.installed

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

.venv/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

clean:
	rm -rf .venv .tools node_modules var

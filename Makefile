# Daywell: `make run` serves the site with demo data; `make test` runs every check.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000

# Production-like settings for `check --deploy` (nothing here is a real secret).
DEPLOY_ENV := DEBUG=0 ALLOWED_HOSTS=daywell.example.org \
	SECRET_KEY=deploy-check-$(shell printf '%064d' 0 | tr 0 x)

.PHONY: run test lint format assets clean-db help bench

help:
	@echo "make run     install, start the embedded PostgreSQL, load demo data, serve on http://127.0.0.1:$(PORT)"
	@echo "make test    install and run every test and check"
	@echo "make assets  rebuild static/ from GOV.UK Frontend (needs Node)"
	@echo "make bench   time the search page at 10,000 and 100,000 opportunities (bench/README.md)"

$(VENV)/.installed-run: pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed-run
	$(PY) -m pip install --quiet -e ".[test]"
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

run: $(VENV)/.installed-run
	$(PY) manage.py start --port $(PORT)

test: $(VENV)/.installed-test frontend/node_modules/.installed
	@scripts/ensure-test-tools
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(VENV)/bin/pytest

lint: $(VENV)/.installed-test
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed-test
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# GOV.UK Frontend and axe-core versions are pinned in frontend/package.json.
assets: frontend/node_modules/.installed
	cd frontend && npx sass --pkg-importer=node --style=compressed --no-source-map --quiet-deps \
		daywell.scss ../static/css/daywell.css
	cp frontend/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js static/govuk/
	@echo "Rebuilt static/css/daywell.css and static/govuk/ from govuk-frontend" \
		"$$(node -p "require('./frontend/node_modules/govuk-frontend/package.json').version")"

# Remove the embedded database (all local data). The next `make run` starts afresh.
clean-db:
	rm -rf .data/postgres

# Search benchmark: 10,000 and 100,000 demo opportunities, each in its own embedded database
# (.data/bench-10k, .data/bench-100k; reused when already filled). Writes bench/results.json; then
# the Open Referral API (bench/oruk_api.json) and the insight pages (bench/insight.json) on the same data.
bench: $(VENV)/.installed-run
	$(PY) -m bench.run
	$(PY) -m bench.oruk_api
	$(PY) -m bench.insight

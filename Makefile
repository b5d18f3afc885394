# `make run` starts the whole local stack; `make test` runs every test.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-browser test-scale lint format bench bench-browser bench-load clean lock audit

# Every package, transitive ones included, is pinned with its hashes.
$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $(STAMP)

# Test-only Node packages (the certified OpenID provider), pinned in package-lock.json.
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund && touch $(NODE_STAMP); \
	else \
		echo "npm not found: the certified-provider interop tests will be skipped"; \
	fi

COMPILE := $(VENV)/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
	--no-header --no-emit-index-url --no-emit-find-links

# After editing requirements.in or requirements-dev.in: re-pin both locks.
lock: $(STAMP)
	$(COMPILE) -o requirements.txt requirements.in
	$(COMPILE) -o requirements-dev.txt requirements-dev.in

# Known vulnerabilities in the pinned runtime and test packages.
audit: $(STAMP)
	$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip -r requirements.txt
	$(VENV)/bin/pip-audit --strict --require-hashes --disable-pip -r requirements-dev.txt

# `make run PROVIDER_SECRETS=path/to/secrets.toml`: the same stack, signing in at your own
# OpenID provider instead of the local one.
run: $(STAMP)
	$(PY) -m core dev $(if $(PROVIDER_SECRETS),--provider-secrets "$(PROVIDER_SECRETS)")

test: $(STAMP) $(NODE_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not scale"

test-browser: $(STAMP) $(NODE_STAMP)
	$(PY) -m pytest -m browser

test-scale: $(STAMP)
	$(PY) -m pytest -m scale

bench: $(STAMP)
	$(PY) -m benchmarks.pages

# What a person waits for, in Chromium, at 1,000,000 applications / 50,000 pending
# (SQLite; PostgreSQL too when TEST_DATABASE_URL is set). Options: BENCH_ARGS="--samples 20".
bench-browser: $(STAMP)
	$(PY) -m benchmarks.browser $(BENCH_ARGS)

# Concurrent Chromium sessions against one app server: p50/p95, memory per session, CPU.
bench-load: $(STAMP)
	$(PY) -m benchmarks.load $(BENCH_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) node_modules data/*.db data/*.db-* data/mail data/.run

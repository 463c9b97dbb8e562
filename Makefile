# SAKIP Kinerja: `make run` to try it, `make test` for every check and test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/sakip
# Every pytest pass runs on every core (pytest-xdist; each worker has its own test database, live
# server and browser). worksteal: an idle worker takes half of the other's remaining tests.
PYTEST_WORKERS ?= auto
PARALLEL := -n $(PYTEST_WORKERS) --dist worksteal

.PHONY: run test install lint test-sqlite test-postgres test-e2e migrate seed bench clean

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	DEBUG=1 $(BIN)/python manage.py migrate --noinput

seed: migrate
	DEBUG=1 $(BIN)/python manage.py seed_demo

run: seed
	DEBUG=1 $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: install lint test-sqlite test-postgres test-e2e

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

test-sqlite: install
	$(BIN)/pytest -m "not e2e" $(PARALLEL)

# PostgreSQL: TEST_DATABASE_URL, or the local server on 127.0.0.1:5432 when it answers.
# In CI (CI set) a missing server fails the run instead of skipping it.
test-postgres: install
	@url="$${TEST_DATABASE_URL:-$(PG_TEST_URL)}"; \
	if $(BIN)/python .ci/pg_ready.py "$$url"; then \
		echo "== pytest on PostgreSQL ($$url)"; \
		DATABASE_URL="$$url" SAKIP_EXPECT_DB=postgresql $(BIN)/pytest -m "not e2e" -p no:cacheprovider $(PARALLEL); \
	elif [ -n "$$CI" ]; then \
		echo "PostgreSQL is not reachable at $$url: failing (CI)"; exit 1; \
	else \
		echo "PostgreSQL is not reachable at $$url: PostgreSQL tests skipped (set TEST_DATABASE_URL)"; \
	fi

test-e2e: install
	$(BIN)/pytest -m e2e $(PARALLEL)

# Benchmarks (not part of `make test`): figures are ratios against a baseline of the same run.
bench: install
	$(BIN)/python bench/recap.py
	$(BIN)/python bench/excel.py
	$(BIN)/python bench/documents.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis staticfiles

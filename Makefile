# Two commands for a newcomer: `make run` serves the demo, `make test` runs every test.
VENV ?= .venv
PYTHON ?= python3
BIN := $(VENV)/bin
PORT ?= 5000
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/councilportal_test
# Test workers in parallel (pytest-xdist), one per core, each taking the next tests as it is free: the
# access matrix alone holds half the tests, so a file per worker would leave one worker doing it alone.
PYTEST := $(BIN)/python -m pytest -n $(or $(TEST_WORKERS),auto) --dist load

.PHONY: install compile-messages run test test-sqlite test-postgres services messages bench bench-sqlite wrk

# What running the portal needs: `make run` installs this and nothing more.
$(BIN)/councilportal: pyproject.toml hatch_build.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The test tools (pytest, Playwright, axe, ruff) and gunicorn for the benchmark: `make test` installs them.
TEST_TOOLS := $(VENV)/.test-tools-installed
$(TEST_TOOLS): $(BIN)/councilportal pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test,production]'
	touch $@

# Everything a developer needs: the portal and the test tools.
install: $(BIN)/councilportal $(TEST_TOOLS)

# Recompile the catalogues on every run: an edited .po file must show without reinstalling.
compile-messages: $(BIN)/councilportal
	$(BIN)/pybabel compile --use-fuzzy --statistics -d councilportal/translations 2>&1 | tail -n 1

# PORT reaches the portal too: links in mail and feeds point at the port it is served on.
run: $(BIN)/councilportal compile-messages
	PORT=$(PORT) COUNCILPORTAL_ENV=development $(BIN)/councilportal db upgrade
	PORT=$(PORT) COUNCILPORTAL_ENV=development $(BIN)/councilportal seed-demo --if-empty
	PORT=$(PORT) COUNCILPORTAL_ENV=development $(BIN)/councilportal run --host 127.0.0.1 --port $(PORT)

# Starts PostgreSQL when it is installed here but not running.
services:
	@if command -v pg_ctlcluster >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then \
		pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; fi
	@pg_isready -h 127.0.0.1 -p 5432

# Every test on SQLite, then on PostgreSQL. Tests on concurrent PostgreSQL connections run in the second
# pass only. The second pass leaves out what adds nothing on another database (marked one_database): the
# demo crawl and the phone sweep, which only read pages, the access matrix's refusals, and the browser
# journeys, whose pages and accessibility the database does not change. Every route's allowed path and
# every HTTP test of a domain run on both.
test: $(TEST_TOOLS) compile-messages services
	$(BIN)/ruff check councilportal tests bench
	$(BIN)/python -m playwright --version >/dev/null
	$(PYTEST) -m "not postgres_only"
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PYTEST) -m "not one_database and not browser"

# Needs no PostgreSQL: the tests that do are left to test-postgres.
test-sqlite: $(TEST_TOOLS) compile-messages
	$(PYTEST) -m "not postgres_only"

test-postgres: $(TEST_TOOLS) compile-messages services
	TEST_DATABASE_URL=$(TEST_DATABASE_URL) $(PYTEST)

# Extract new strings into the catalogue; translate them in councilportal/translations/en.
messages: $(BIN)/councilportal
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_pgettext:1c,2 --no-location --sort-output -o councilportal/translations/messages.pot .
	$(BIN)/pybabel update -i councilportal/translations/messages.pot -d councilportal/translations --no-fuzzy-matching --ignore-obsolete

# The benchmark, not a test: every page under load as a share of a minimal app (README, "Benchmark").
# Options through BENCH_ARGS, e.g. make bench BENCH_ARGS="--only feed-public --rounds 1".
bench: install compile-messages services wrk
	$(BIN)/python bench/run.py $(BENCH_ARGS)

bench-sqlite: install compile-messages wrk
	$(BIN)/python bench/run.py --database sqlite $(BENCH_ARGS)

# wrk, the load generator, from Debian's packages when it is missing.
wrk:
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)

# Two commands for a newcomer: `make run` and `make test`. Both set everything up from
# zero (a pinned uv, then the locked environment) before doing their work.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
# Installed packages are compiled to bytecode once, at sync: where PYTHONDONTWRITEBYTECODE
# is set, every Python process (each `pam serve` a test starts) would otherwise compile
# them again at import, ~3 s of CPU each.
export UV_COMPILE_BYTECODE := 1
PYTEST_ARGS ?=
# Two workers, a test file each at a time (its module's servers start once): most of the
# suite's time is spent waiting on `pam serve` processes and Postgres.
PYTEST_WORKERS ?= 2

.PHONY: setup run test lint fmt check clean e2e-deps bench

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

setup: $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen --python $(PYTHON)

run: setup  ## start the service on 127.0.0.1:8000 (embedded Postgres unless DATABASE_URL)
	$(UV) run --frozen pam serve

test: setup  ## the whole test suite
	$(UV) run --frozen pytest -n $(PYTEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

lint: setup  ## ruff, mypy and the import layers (pyproject: tool.importlinter), as CI runs them
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy .
	$(UV) run --frozen lint-imports

fmt: setup
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

check: lint test

BENCH_ARGS ?=
# Servers on one core, the load generator on the other; 1,000 sockets need the fd limit.
bench: setup  ## the performance harness: bench/results/latest.json and latest.md
	ulimit -n 8192 2>/dev/null || ulimit -n $$(ulimit -Hn); \
	$(UV) run --frozen python -m bench $(BENCH_ARGS)

CHAOS_ARGS ?=
# Faults (crash, database and Redis outages), schemathesis, the WebSocket fuzzer, the
# injection corpus, the isolation matrix, issue 14's hardening probes and 500 sockets on
# two instances, each against private Postgres / Redis / `pam serve` processes: the tests
# marked `chaos` (tests/chaos/test_full_runs.py; one alone: CHAOS_ARGS="-k isolation"),
# and issue 14's regression tests (marked `hardening`). Small versions of each full run,
# and the `hardening` tests, are in `make test` (tests/chaos, tests/security).
.PHONY: chaos
chaos: setup  ## the reliability and security suite: bench/results/chaos.json, isolation.md
	ulimit -n 8192 2>/dev/null || ulimit -n $$(ulimit -Hn); \
	$(UV) run --frozen pytest -m "chaos or hardening" $(CHAOS_ARGS)

clean:
	rm -rf .venv .tools .pam .mypy_cache .ruff_cache .pytest_cache .import_linter_cache

# The browser tests (tests/e2e) drive Debian's Chromium; they skip, saying so, without it.
e2e-deps:  ## install chromium + chromedriver from Debian when missing (needs root)
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
		echo "chromium and chromedriver are installed"; \
	else \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; \
	fi

# The eval datasets (evals/datasets) with the offline brain, as the CI gate runs them
# (tests/evals/test_datasets_gate.py); reports in bench/results. Exit 1 under 0.95.
.PHONY: evals
evals: setup  ## run the eval datasets with the offline brain; JSON + Markdown reports
	@mkdir -p bench/results
	$(UV) run --frozen python -m evals run evals/datasets/*.jsonl --model offline \
		--json bench/results/evals.json --report bench/results/evals.md --min-pass 0.95

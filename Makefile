# Two commands for a newcomer: `make run` and `make test`. Both set everything up from
# zero (a pinned uv, then the locked environment) before doing their work.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
export UV_PYTHON_DOWNLOADS := never
PYTEST_ARGS ?=

.PHONY: setup run test lint fmt check clean

.tools/bin/uv:
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

setup: $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen --python $(PYTHON)

run: setup  ## start the service on 127.0.0.1:8000 (embedded Postgres unless DATABASE_URL)
	$(UV) run --frozen pam serve

test: setup  ## the whole test suite
	$(UV) run --frozen pytest $(PYTEST_ARGS)

lint: setup  ## ruff and mypy, as CI runs them
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	$(UV) run --frozen mypy .

fmt: setup
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

check: lint test

clean:
	rm -rf .venv .tools .pam .mypy_cache .ruff_cache .pytest_cache

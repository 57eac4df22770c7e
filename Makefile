# mockads — `make run` serves the default scenario, `make test` runs every check.
PYTHON ?= python3
VENV   ?= .venv
PORT   ?= 8765
BIN    := $(VENV)/bin

.PHONY: install install-dev run test fuzz lint unit api contract e2e bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

install-dev: $(VENV)/.installed-dev

run: install  ## serve the default scenario on 127.0.0.1:$(PORT)
	$(BIN)/mockads serve --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

unit: install-dev
	$(BIN)/python -m pytest tests/unit

api: install-dev
	$(BIN)/python -m pytest tests/api

contract: install-dev
	$(BIN)/python -m pytest tests/contract

e2e: install-dev
	$(BIN)/python -m pytest tests/e2e

# Generated tests run from a fixed seed in `make test` and from a new one in `make fuzz`;
# SEED=<n> replays either (the seed in use is printed in pytest's header).
SEED ?=

test: lint  ## lint, layer contracts, types, then every test suite
	MOCKADS_TEST_SEED=$(SEED) $(BIN)/python -m pytest tests

fuzz: install-dev  ## the long randomised search: 1,000 cases per operation and per state machine, 40 values per catalogue field
	MOCKADS_TEST_FUZZ=1 MOCKADS_TEST_SEED=$(SEED) $(BIN)/python -m pytest tests/contract \
		tests/api/test_campaign_properties.py tests/api/test_push_properties.py \
		tests/api/test_*_fields.py

bench: install  ## load and startup measurements against a bare Flask app and moto_server (not a test)
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build *.egg-info

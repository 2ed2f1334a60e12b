# Every target works from a fresh clone: it creates .venv and installs the package first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= all

.PHONY: setup run test bench lint clean-results

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: the whole pipeline on config.yaml (the seed corpus by default)
run: setup
	$(BIN)/snakemake --cores $(CORES)
	@echo
	@echo "Reports: $(CURDIR)/reports/index.html"

## test: the test suite (library units and real workflow runs on temporary copies)
test: setup
	$(BIN)/python -m pytest

## bench: timings on the shared benchmark data (../shared/data), printed
bench: setup
	$(BIN)/python bench/run.py

## lint: ruff, snakefmt and snakemake --lint (its conda/container advice does not apply:
## the software environment is the project's venv, pinned by pyproject.toml)
lint: setup
	$(BIN)/ruff check workflow tests bench
	$(BIN)/ruff format --check workflow tests bench
	$(BIN)/snakefmt --check Snakefile workflow/rules
	@! $(BIN)/snakemake --lint 2>&1 | grep '^    \* ' | grep -v 'conda environment or container'
	@echo "snakemake --lint: clean"

clean-results:
	rm -rf results logs benchmarks reports .snakemake

# Every target works from a fresh clone: it creates .venv and installs the package first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
CORES ?= all

.PHONY: setup run test bench lint train-stance eval-stance clean-results
DATA ?= ../shared/data

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## run: the whole pipeline on config.yaml (the seed corpus by default), outputs under
## results/<corpus.name>/ and reports/<corpus.name>/; after a killed
## run it removes the stale lock (only when no Snakemake runs here) and redoes unfinished jobs
run: setup
	$(BIN)/python workflow/launch.py --cores $(CORES)
	@echo
	@echo "Reports: $(CURDIR)/reports/$$($(BIN)/python -c 'import yaml; print(yaml.safe_load(open("config.yaml"))["corpus"]["name"])')/index.html"

## test: the test suite (library units and real workflow runs on temporary copies)
test: setup
	$(BIN)/python -m pytest

## bench: timings on the shared benchmark data (../shared/data), printed
bench: setup
	$(BIN)/python bench/run.py

## train-stance: retrain the default stance head from $(DATA) (NewsMTSC; see README)
train-stance: setup
	$(BIN)/python -m mediaframe.stance.train --data $(DATA) --out workflow/mediaframe/data/stance_head.npz

## eval-stance: macro-F1 and accuracy of each scorer on the held-out sets in $(DATA)
eval-stance: setup
	$(BIN)/python -m mediaframe.stance.evaluate --data $(DATA) $(if $(NLI_MODEL),--nli-model $(NLI_MODEL))

## lint: ruff, snakefmt and snakemake --lint (its conda/container advice does not apply:
## the software environment is the project's venv, pinned by pyproject.toml)
lint: setup
	$(BIN)/ruff check workflow tests bench
	$(BIN)/ruff format --check workflow tests bench
	$(BIN)/snakefmt --check Snakefile workflow/rules
	@! $(BIN)/snakemake --lint 2>&1 | grep '^    \* ' | grep -v 'conda environment or container'
	@echo "snakemake --lint: clean"

## clean-results: delete every corpus's results, reports, logs and benchmarks and the
## shared caches (results/cache); to drop one corpus, delete its results/<name>/,
## reports/<name>/, logs/<name>/ and benchmarks/<name>/ folders
clean-results:
	rm -rf results logs benchmarks reports .snakemake

# Every target works from a fresh clone: it creates .venv and installs the locked
# environment (requirements.lock: every package pinned with its hashes) first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
CORES ?= all
# EXTRAS=transformers: the lock with sentence-transformers and torch (several GB) instead
EXTRAS ?=
LOCK := $(if $(filter transformers,$(EXTRAS)),requirements-transformers.lock,requirements.lock)
STAMP := $(VENV)/.installed-$(LOCK)

.PHONY: setup run run-slurm test bench lint lock train-stance eval-stance clean-results
DATA ?= ../shared/data

setup: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	PYTHONPATH=workflow $(BIN)/python -m mediaframe.environment install $(LOCK)
	touch $(STAMP)

## lock: re-resolve requirements*.lock after a change to pyproject.toml's dependencies
## (versions already locked are kept where they still fit; delete the locks to upgrade all)
lock: setup
	$(BIN)/python -m mediaframe.environment lock

## run: the whole pipeline on config.yaml (the seed corpus by default), outputs under
## results/<corpus.name>/ and reports/<corpus.name>/; after a killed
## run it removes the stale lock (only when no Snakemake runs here) and redoes unfinished jobs
run: setup
	$(BIN)/python workflow/launch.py --cores $(CORES)
	@echo
	@echo "Reports: $(CURDIR)/reports/$$($(BIN)/python -c 'import yaml; print(yaml.safe_load(open("config.yaml"))["corpus"]["name"])')/index.html"

## run-slurm: the same through a SLURM cluster (profiles/slurm; run it on a login node;
## SLURM="--default-resources slurm_account=ACC slurm_partition=PART" where the cluster needs them)
run-slurm: setup
	$(BIN)/python workflow/launch.py --workflow-profile profiles/slurm $(SLURM)
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

# The handful of commands everyone uses. `make run` and `make test` work on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test lint format bench clean-index embeddings

setup: $(STAMP)

# torch is pinned first: it resolves to the CPU build shipped with this platform's wheels,
# where an unpinned torch would pull a multi-GB CUDA build.
$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "policy-rag needs Python >= 3.11"'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -e '.[dev,llm]'
	touch $(STAMP)

# Ingest is idempotent and `rag index` only embeds what changed, so a second run is quick.
# The chat UI comes last, prints its address and keeps running; UI_HOST / UI_PORT choose
# where it listens.
UI_HOST ?= 127.0.0.1
UI_PORT ?= 7860
run: setup
	$(BIN)/rag ingest data/corpus
	$(BIN)/rag index
	$(BIN)/rag ui --host $(UI_HOST) --port $(UI_PORT)

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,llm,bench]'
	$(BIN)/python benchmarks/retrieval.py
	$(BIN)/python benchmarks/embedders.py
	$(BIN)/python benchmarks/answers.py
	$(BIN)/python benchmarks/refusal.py
	nice -n 10 $(BIN)/python benchmarks/load.py
	nice -n 10 $(BIN)/python benchmarks/chunking.py
	nice -n 10 $(BIN)/python benchmarks/build.py
	nice -n 10 $(BIN)/python benchmarks/ann.py

# The bundled corpus's embeddings ship in data/embeddings/, so a fresh `make run` embeds
# nothing; regenerate them after changing the chunker or the corpus (only new chunks embed).
embeddings: setup
	$(BIN)/python -m rag.ingest

test: setup
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check rag ui tests benchmarks
	$(BIN)/ruff format --check rag ui tests benchmarks
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format rag ui tests
	$(BIN)/ruff check --fix rag ui tests

clean-index:
	rm -rf index/default

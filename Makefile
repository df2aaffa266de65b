# interview-closer: `make demo` and `make test` are the two commands a new user needs.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
comma := ,

.PHONY: demo test lint typecheck pytest bench train install dev clean browser

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed

dev: $(STAMP)

## Print a closing plan for the bundled sample resume and posting.
demo: install
	$(BIN)/closer demo

lint: dev
	$(BIN)/ruff check src tests bench scripts

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q -n 2 -m "not browser"
	$(BIN)/pytest -q -m browser

## Lint, type-check and run every test (browser tests included).
test: lint typecheck pytest

## Speed and quality figures (uses ../shared when present).
## `make bench SEMANTIC=1` also installs the optional sentence-embedding mode and measures it.
bench: dev
	$(if $(SEMANTIC),$(BIN)/python -m pip install --quiet -e '.[dev$(comma)semantic]')
	$(BIN)/python -m bench.run

## Retrain the shipped skill tagger and sentence gate from ../shared/eval/skillspan/train.json.
## `make train SEMANTIC=1` also rebuilds the semantic mode's word-piece table and retrains
## the gate that reads sentence embeddings and the neural tagger's two adapters (about 35
## minutes on 2 cores).
train: dev
	$(BIN)/python -m pip install --quiet -e '.[dev,train$(if $(SEMANTIC),$(comma)semantic)]'
	$(BIN)/python scripts/train_tagger.py
	$(BIN)/python scripts/train_sentence_gate.py
	$(if $(SEMANTIC),$(BIN)/python scripts/train_static_embeddings.py)
	$(if $(SEMANTIC),$(BIN)/python scripts/train_sentence_gate.py --semantic)
	$(if $(SEMANTIC),$(BIN)/python scripts/train_neural_tagger.py)
	$(if $(SEMANTIC),$(BIN)/python scripts/train_neural_tagger.py --seed 29 \
		--out src/interview_closer/data/model/neural_tagger_2.safetensors)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist src/*.egg-info

# geoclaims — `make demo` runs the pipeline on the bundled sample; `make test` runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml | sha1sum | cut -c1-12)
DEMO_OUT ?= out/demo

.PHONY: venv demo test lock silver train-relations evaluate-relations clean

venv: $(STAMP)

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check pip==24.3.1
	$(BIN)/python -m pip install -q --disable-pip-version-check --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: venv
	$(BIN)/geoclaims extract corpora/samples/kazakhstan-middle-power.jsonl --out $(DEMO_OUT)
	$(BIN)/geoclaims summary $(DEMO_OUT)

test: venv
	$(BIN)/python -m pytest -q

# Regenerate the hashed lock from requirements/base.in (needs pip-tools in the venv).
lock:
	$(BIN)/python -m pip install -q pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o $(LOCK) requirements/base.in

# The relation model: silver data, training, evaluation on the gold test split (needs ../shared).
silver: venv
	$(BIN)/python -m geoclaims.relations.silver_data --out build/silver/relations.jsonl

train-relations: venv
	$(BIN)/geoclaims train relations --config configs/relations.toml

evaluate-relations: venv
	$(BIN)/geoclaims evaluate relations --model models/relations --data geoclaims.datasets.gold.v1:test --out build/eval/relations-test

clean:
	rm -rf $(DEMO_OUT) build/eval

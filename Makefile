# geoclaims — `make demo` runs the pipeline on the bundled sample; `make test` runs the test suite.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
LOCK   := requirements/lock.txt
STAMP  := $(VENV)/.installed-$(shell cat $(LOCK) pyproject.toml | sha1sum | cut -c1-12)
DEMO_OUT ?= out/demo

.PHONY: venv demo test fuzz browser lock silver train-relations evaluate-relations evaluate-claims train-motive evaluate-motive bench clean

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

# Chromium from Debian's packages, for the browser test of `geoclaims show` (as root; CI runs as root).
# Without root and without Chromium it says so and goes on: the browser test then skips (and fails under CI=true).
CHROMIUM ?= chromium
browser:
	@if command -v $(CHROMIUM) >/dev/null || command -v $(CHROMIUM)-browser >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(CHROMIUM); \
	else echo "make browser: $(CHROMIUM) is not installed and installing it needs root; the browser test will be skipped"; fi

test: venv browser
	$(BIN)/python -m pytest -q

# Property-based fuzzing of every reader and the cleaning steps: 10,000 mutated inputs per reader
# (`make test` runs 10 each); prints hypothesis' statistics (examples, time) per reader.
fuzz: venv
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/readers/test_fuzz.py --hypothesis-profile=fuzz --hypothesis-show-statistics

# Regenerate the hashed lock from requirements/base.in (needs pip-tools in the venv).
lock:
	$(BIN)/python -m pip install -q pip-tools==7.6.2
	$(BIN)/pip-compile -q --generate-hashes --allow-unsafe --strip-extras -o $(LOCK) requirements/base.in

# The relation model: silver data, training, evaluation on the gold test split (needs ../shared).
silver: venv
	$(BIN)/python -m geoclaims.relations.silver_data --out build/silver/relations.jsonl

# geoclaims-relations 0.1.0 from the repository's history: v0.2 continues from it; the v0.1 column of the README.
V01_COMMIT := 36e65d7
build/models/relations-v01:
	mkdir -p $@.tmp && for f in calibration.json delta.safetensors labels.json model.json MODEL_CARD.md; do \
	  git show $(V01_COMMIT):models/relations/$$f > $@.tmp/$$f || exit 1; done && mv $@.tmp $@

# geoclaims-relations 0.2.0 (the per-pair event model) from the repository's history: the v0.2 column.
V02_COMMIT := 2d1671a
build/models/relations-v02:
	mkdir -p $@.tmp && for f in calibration.json delta.safetensors labels.json model.json MODEL_CARD.md; do \
	  git show $(V02_COMMIT):pipeline/models/relations/$$f > $@.tmp/$$f || exit 1; done && mv $@.tmp $@

# geoclaims-relations 0.3.0 (one pass per sentence, first-round event data) from the repository's history.
V03_COMMIT := 2180ca9
build/models/relations-v03:
	mkdir -p $@.tmp && for f in calibration.json delta.safetensors labels.json model.json MODEL_CARD.md; do \
	  git show $(V03_COMMIT):pipeline/models/relations/$$f > $@.tmp/$$f || exit 1; done && mv $@.tmp $@

# The shipped model (0.4.0, one encoder pass per sentence): v0.1's encoder + all the event data; then the
# per-type thresholds, end to end on the dev articles, for the fp32 backends and for onnx-int8 (the default).
train-relations: venv build/models/relations-v01
	$(BIN)/geoclaims train relations --config pipeline/configs/relations-span.toml --out pipeline/models/relations
	$(BIN)/python -m geoclaims.corpora.event_gold claim-gold dev --out build/eval/claims-dev
	for backend in torch onnx-int8; do $(BIN)/python -m geoclaims.events.tune --model pipeline/models/relations \
	  --articles build/eval/claims-dev/articles.jsonl --gold build/eval/claims-dev/gold.jsonl --backend $$backend --write \
	  || exit 1; done

# End to end on the Wikinews event test split: extract the test articles, score the store (0.4.0 with the default
# int8 backends and on fp32, then 0.3.0, v0.2, v0.1 on fp32 as they were measured).
evaluate-claims: venv build/models/relations-v01 build/models/relations-v02 build/models/relations-v03
	$(BIN)/python -m geoclaims.corpora.event_gold claim-gold test --out build/eval/claims-test
	$(BIN)/geoclaims extract build/eval/claims-test/articles.jsonl --out build/eval/store-test-v04
	$(BIN)/geoclaims evaluate claims build/eval/store-test-v04 --gold build/eval/claims-test/gold.jsonl --out build/eval/score-test-v04
	printf 'schema = "geoclaims.config.extract.v3"\n[relations]\nbackend = "onnx"\n[motive]\nbackend = "torch"\n' > build/eval/fp32.toml
	$(BIN)/geoclaims extract build/eval/claims-test/articles.jsonl --out build/eval/store-test-v04-fp32 --config build/eval/fp32.toml
	$(BIN)/geoclaims evaluate claims build/eval/store-test-v04-fp32 --gold build/eval/claims-test/gold.jsonl --out build/eval/score-test-v04-fp32
	$(BIN)/geoclaims extract build/eval/claims-test/articles.jsonl --out build/eval/store-test-v03 --config build/eval/fp32.toml --model build/models/relations-v03
	$(BIN)/geoclaims evaluate claims build/eval/store-test-v03 --gold build/eval/claims-test/gold.jsonl --out build/eval/score-test-v03
	$(BIN)/geoclaims extract build/eval/claims-test/articles.jsonl --out build/eval/store-test-v02 --config build/eval/fp32.toml --model build/models/relations-v02
	$(BIN)/geoclaims evaluate claims build/eval/store-test-v02 --gold build/eval/claims-test/gold.jsonl --out build/eval/score-test-v02
	printf 'schema = "geoclaims.config.extract.v3"\n[relations]\ncomponent = "geoclaims.relations.v1"\nbackend = "onnx"\n[motive]\nbackend = "torch"\n' > build/eval/v01.toml
	$(BIN)/geoclaims extract build/eval/claims-test/articles.jsonl --out build/eval/store-test-v01 --config build/eval/v01.toml --model build/models/relations-v01
	$(BIN)/geoclaims evaluate claims build/eval/store-test-v01 --gold build/eval/claims-test/gold.jsonl --out build/eval/score-test-v01

evaluate-relations: venv
	$(BIN)/geoclaims evaluate relations --model pipeline/models/relations --data geoclaims.datasets.events.v1:test --out build/eval/relations-test

# The motive (cause) tagger on the Causal News Corpus, split by document like the relation gold (needs ../shared).
train-motive: venv
	$(BIN)/geoclaims train motive --config pipeline/configs/motive.toml --out pipeline/models/motive

evaluate-motive: venv
	$(BIN)/geoclaims evaluate motive --model pipeline/models/motive --data cnc:dev --data cnc:test --out build/eval/motive

# Throughput on the first BENCH_ARTICLES Reuters-21578 articles (needs ../shared); writes build/bench/bench.json.
BENCH_ARTICLES ?= 300
BENCH_REPEAT ?= 3
bench: venv
	$(BIN)/python benchmarks/bench.py --articles $(BENCH_ARTICLES) --repeat $(BENCH_REPEAT)

clean:
	rm -rf $(DEMO_OUT) build/eval

"""The README's "Python API" examples run as written, and the API gives what ``extract`` gives."""
from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import pytest

import geoclaims
from geoclaims.cli import main as cli_main
from geoclaims.errors import GeoclaimsError, Reject
from geoclaims.records import Claim
from geoclaims.store import ClaimStore

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"


def readme_examples() -> list[str]:
    """The ```python blocks of the README's "Python API" section, in order."""
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n## Python API\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_the_readme_has_the_four_examples():
    blocks = readme_examples()
    assert len(blocks) == 4
    assert "geoclaims.load()" in blocks[0] and "extract_texts" in blocks[1]
    assert "read_store" in blocks[2] and "corpora.load" in blocks[3]


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory) -> Path:
    """A folder holding ``out/demo``, the store ``make demo`` writes."""
    root = tmp_path_factory.mktemp("readme")
    assert cli_main(["extract", str(SAMPLE), "--out", str(root / "out" / "demo")]) == 0
    return root


@pytest.mark.slow
def test_the_model_examples_run(demo_store, monkeypatch, capsys):
    monkeypatch.chdir(demo_store)
    namespace: dict = {}
    for number, block in enumerate(readme_examples()[:3], start=1):
        exec(compile(block, f"README.md, Python API example {number}", "exec"), namespace)  # noqa: S102 - the README's own examples
    printed = capsys.readouterr().out
    assert printed.startswith("RUS SANCTION -\nRUS SANCTION UKR\n")
    assert "predicate_type" in printed


@pytest.mark.slow
def test_extract_texts_and_read_store_give_the_stores_claims(demo_store):
    stored = list(ClaimStore(demo_store / "out" / "demo").iter_claims())
    articles = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [c.to_dict() for c in geoclaims.extract_texts(articles)] == stored
    read = list(geoclaims.read_store(demo_store / "out" / "demo"))
    assert all(isinstance(c, Claim) for c in read) and [c.to_dict() for c in read] == stored
    assert geoclaims.read_store(demo_store / "out" / "demo").to_arrow().num_rows == len(stored)


@pytest.mark.slow
def test_load_gives_the_stores_claims_for_an_article(demo_store):
    stored = list(ClaimStore(demo_store / "out" / "demo").iter_claims())
    article = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    nlp = geoclaims.load()
    doc = nlp.make_doc(article["text"])
    doc._.article_id, doc._.published = article["id"], article.get("published")
    doc = nlp(doc)
    assert [c.to_dict() for c in doc._.claims] == stored
    assert len(doc._.claim_spans) == len(stored)


@pytest.mark.slow
def test_rejected_texts_are_listed_or_warned():
    rejects: list = []
    assert geoclaims.extract_texts(["", "   "], rejects=rejects) == []
    assert [r.code for r in rejects] == ["GC105", "GC105"] and all(isinstance(r, Reject) for r in rejects)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        geoclaims.extract_texts([""])
    assert any("GC105" in str(w.message) for w in caught)


@pytest.mark.shared("gold")
def test_the_corpora_example_runs(capsys):
    namespace: dict = {}
    exec(compile(readme_examples()[3], "README.md, Python API example 4", "exec"), namespace)  # noqa: S102
    assert type(namespace["gold"]).__name__ == "Dataset"
    assert namespace["gold"].num_rows > 1000 and "Dataset(" in capsys.readouterr().out


def test_claims_round_trip_through_from_dict():
    record = {"schema_version": 1, "claim_id": "c1", "article_id": "a1",
              "subject": {"text": "Russia", "name": "Russia", "code": "RUS", "sector": None, "type": "GPE",
                          "start": 0, "end": 6},
              "predicate": {"type": "SANCTION", "lemma": "impose", "text": "imposed", "negated": False,
                            "modality": "asserted", "start": 7, "end": 14},
              "object": None, "motive": {"text": "because", "start": 20, "end": 27}, "attribution": None,
              "time": {"text": "Monday", "start": 30, "end": 36, "value": "2024-05-06"}, "confidence": 0.5,
              "evidence": {"text": "Russia imposed", "start": 0, "end": 14}, "extractor": {"version": "0.1.0"}}
    assert Claim.from_dict(record).to_dict() == record


def test_missing_optional_packages_name_the_package(monkeypatch, tmp_path):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "datasets" else real(name, *a))
    with pytest.raises(GeoclaimsError, match="GC224.*datasets"):
        geoclaims.corpora.load("gold", split="train")


def test_read_store_of_a_folder_that_is_no_store(tmp_path):
    with pytest.raises(GeoclaimsError, match="GC207"):
        geoclaims.read_store(tmp_path)

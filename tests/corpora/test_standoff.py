"""Stand-off records resolve against the corpora, refuse drifted text, and split by document."""
from __future__ import annotations

import pytest

from geoclaims.corpora import standoff
from geoclaims.corpora.standoff import StandoffError, resolve, split_of, text_sha1

TEXT = "Headline\n\nRussia banned Kazakh grain imports on Monday. Astana protested."


@pytest.fixture
def fake_corpus(monkeypatch):
    monkeypatch.setattr(standoff, "corpus_texts", lambda corpus: {"doc-1": TEXT})


def record(**changes):
    sentence = [10, 55]
    base = {"id": "p1", "corpus": "reuters21578", "doc_id": "doc-1", "group": None, "sentence": sentence,
            "sha1": text_sha1(TEXT[10:55]), "subject": [10, 16], "object": [24, 44], "predicate": [17, 23],
            "label": "SANCTION", "negated": False, "modality": "asserted", "motive": None, "annotator": "ann1"}
    return {**base, **changes}


def test_resolve_gives_sentence_relative_offsets(fake_corpus):
    item = resolve(record())
    assert item["text"] == "Russia banned Kazakh grain imports on Monday."
    s, e = item["subject"]
    o0, o1 = item["object"]
    assert (item["text"][s:e], item["text"][o0:o1]) == ("Russia", "Kazakh grain imports")
    assert item["text"][slice(*item["predicate"])] == "banned"


def test_drifted_text_is_refused(fake_corpus):
    with pytest.raises(StandoffError):
        resolve(record(sha1="000000000000"))


def test_split_is_stable_and_proportioned():
    ids = [f"reuters-{n}" for n in range(3000)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    shares = {s: splits.count(s) / len(ids) for s in ("train", "dev", "test")}
    assert 0.65 < shares["train"] < 0.75 and 0.12 < shares["dev"] < 0.18 and 0.12 < shares["test"] < 0.18


@pytest.mark.shared("gold")
def test_committed_gold_resolves_against_shared_data():
    records = list(standoff.iter_records())
    assert records, "the committed gold records are missing"
    for rec in records[:300]:
        item = resolve(rec)
        assert 0 <= item["subject"][0] < item["subject"][1] <= len(item["text"])

"""Stand-off records resolve against the corpora, refuse drifted text, and split by document."""
from __future__ import annotations

import json

import pytest

from geoclaims.corpora import standoff
from geoclaims.corpora.merge_labels import locate, standoff_record
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


def test_locate_picks_the_occurrence_nearest_the_pair():
    sentence = "X cut aid; then Y cut aid to Z."
    assert locate("cut aid", sentence, 100, near=120) == [118, 125]
    assert locate("cut aid", sentence, 100, near=100) == [102, 109]
    assert locate("absent", sentence, 0, near=0) is None


def test_merged_record_keeps_no_text():
    item = {"item": "p7", "corpus": "bbc_news", "doc_id": "bbc-business-001", "sentence": [0, 30], "sha1": "abc",
            "subject": [0, 4], "object": [10, 15], "sentence_text": "Iran sanctioned Japan for trade.",
            "subject_text": "Iran", "object_text": "Japan"}
    label = {"item": "p7", "label": "SANCTION", "predicate": "sanctioned", "negated": False,
             "modality": "asserted", "motive": "for trade"}
    out = standoff_record(item, label, "ann1")
    assert out["predicate"] == [5, 15] and out["motive"] == [22, 31]
    assert "text" not in json.dumps(out).replace("sentence", "")
    with pytest.raises(ValueError):
        standoff_record(item, {**label, "label": "BOMB"}, "ann1")


@pytest.mark.shared("gold")
def test_committed_gold_resolves_against_shared_data():
    records = list(standoff.iter_records())
    assert records, "the committed gold records are missing"
    for rec in records[:300]:
        item = resolve(rec)
        assert 0 <= item["subject"][0] < item["subject"][1] <= len(item["text"])

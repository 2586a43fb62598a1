"""The relation round's merge: words located nearest the pair, stand-off records that keep no text."""
from __future__ import annotations

import json

import pytest

from geoclaims.corpora.annotation.merge_labels import locate, standoff_record


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

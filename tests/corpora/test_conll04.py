from __future__ import annotations

import json

import pytest

from geoclaims.corpora.conll04 import CONLL04_LABELS, decode_bilou, iter_conll04_examples, sentence_examples
from geoclaims.relations.datasets import load_examples

RECORD = {
    "tokens": ["John", "Smith", "works", "for", "Acme", "Corp", "in", "Boston", "."],
    "tags": ["B-Peop", "L-Peop", "O", "O", "B-Org", "L-Org", "O", "U-Loc", "O"],
    "relations": [{"head": 0, "tail": 1, "type": "Work_For"}, {"head": 1, "tail": 2, "type": "OrgBased_In"}],
    "orig_id": 42,
}


def test_decode_bilou_spans():
    spans = decode_bilou(RECORD["tags"])
    assert [(e.start, e.end, e.type) for e in spans] == [(0, 2, "Peop"), (4, 6, "Org"), (7, 8, "Loc")]
    assert [(e.start, e.end) for e in decode_bilou(["B-Loc", "I-Loc", "I-Loc", "L-Loc"])] == [(0, 4)]
    # malformed: B without L closes at the next O; a stray L is one token
    assert [(e.start, e.end) for e in decode_bilou(["B-Org", "I-Org", "O", "L-Loc"])] == [(0, 2), (3, 4)]


def test_sentence_examples_every_ordered_pair_with_labels():
    examples = list(sentence_examples(RECORD, "s1"))
    assert len(examples) == 6  # 3 entities -> 3 * 2 ordered pairs
    by_pair = {(e.text[slice(*e.subject)], e.text[slice(*e.object)]): e.label for e in examples}
    assert by_pair[("John Smith", "Acme Corp")] == "Work_For"
    assert by_pair[("Acme Corp", "Boston")] == "OrgBased_In"
    assert by_pair[("Acme Corp", "John Smith")] == "NONE"
    assert by_pair[("John Smith", "Boston")] == "NONE"
    assert examples[0].text == "John Smith works for Acme Corp in Boston ."
    assert {e.label for e in examples} <= set(CONLL04_LABELS)


def test_relation_index_out_of_range_is_an_error():
    bad = dict(RECORD, relations=[{"head": 0, "tail": 5, "type": "Kill"}])
    with pytest.raises(ValueError):
        list(sentence_examples(bad, "bad"))


def test_reader_through_registry_with_path(tmp_path):
    path = tmp_path / "mini.json"
    path.write_text(json.dumps([RECORD, RECORD]))
    examples = load_examples([{"name": "geoclaims.datasets.conll04.v1", "split": "train", "path": str(path)}])
    assert len(examples) == 12
    assert len({e.example_id for e in examples}) == 12


@pytest.mark.shared("conll04")
@pytest.mark.parametrize("split,sentences,relations", [("train", 922, 1283), ("dev", 231, 343)])
def test_real_shared_split(split, sentences, relations):
    examples = list(iter_conll04_examples(split))
    assert sum(e.label != "NONE" for e in examples) == relations
    assert len({e.doc_id for e in examples}) <= sentences
    for e in examples[:500]:
        assert e.text[slice(*e.subject)].strip() == e.text[slice(*e.subject)]

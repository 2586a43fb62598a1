from __future__ import annotations

import pytest

from geoclaims.relations.encoding import RelationExample, as_triple, encode_pair, mark_pair, mark_pair_positions
from geoclaims.ml.checkpoint import load_tokenizer

TEXT = "Russia banned Kazakh grain imports on Monday."


def test_mark_pair_disjoint_spans_both_orders():
    assert mark_pair(TEXT, (0, 6), (14, 34)) == "[[ Russia ]] banned << Kazakh grain imports >> on Monday."
    assert mark_pair(TEXT, (14, 34), (0, 6)) == "<< Russia >> banned [[ Kazakh grain imports ]] on Monday."


def test_mark_pair_nested_and_identical_spans_are_deterministic():
    # object inside subject: subject opens first, object closes first
    assert mark_pair(TEXT, (14, 34), (14, 20)) == "Russia banned [[ << Kazakh >> grain imports ]] on Monday."
    # subject inside object
    assert mark_pair(TEXT, (21, 26), (14, 34)) == "Russia banned << Kazakh [[ grain ]] imports >> on Monday."
    # identical spans: subject outermost
    assert mark_pair(TEXT, (0, 6), (0, 6)) == "[[ << Russia >> ]] banned Kazakh grain imports on Monday."
    # adjacent: the subject closes before the object opens
    assert mark_pair("AB", (0, 1), (1, 2)) == "[[ A ]]<< B >>"


def test_marker_positions_point_at_markers():
    marked, pos = mark_pair_positions(TEXT, (14, 34), (0, 6))
    for name, marker in (("subject_open", "[["), ("subject_close", "]]"), ("object_open", "<<"),
                         ("object_close", ">>")):
        assert marked[pos[name]: pos[name] + 2] == marker


def test_mark_pair_rejects_bad_span():
    with pytest.raises(ValueError):
        mark_pair("short", (0, 3), (2, 99))


def test_example_round_trip():
    example = RelationExample("e1", TEXT, (0, 6), (14, 34), "SANCTION", 0.5, "silver", "d1")
    assert RelationExample.from_dict(example.to_dict()) == example
    assert example.to_dict()["subject"] == [0, 6]
    assert as_triple(example) == (TEXT, (0, 6), (14, 34))


def test_markers_are_in_vocab_without_unknown_tokens():
    tokenizer = load_tokenizer()
    enc = encode_pair(tokenizer, TEXT, (0, 6), (14, 34), 64)
    tokens = tokenizer.convert_ids_to_tokens(enc["input_ids"])
    assert tokenizer.unk_token not in tokens
    assert tokens[0] == "[CLS]" and tokens[-1] == "[SEP]"
    assert tokens[enc["subj_index"]: enc["subj_index"] + 3] == ["[", "[", "russia"]
    assert tokens[enc["obj_index"]: enc["obj_index"] + 3] == ["<", "<", "kazakh"]
    assert len(tokenizer) == 30522


def _long_text(n_before: int, n_middle: int, n_after: int) -> tuple[str, tuple, tuple]:
    before = "alpha " * n_before
    middle = " beta" * n_middle
    text = before + "Russia" + middle + " Kazakhstan" + " gamma" * n_after
    subj = (len(before), len(before) + 6)
    obj_start = text.index("Kazakhstan")
    return text, subj, (obj_start, obj_start + 10)


@pytest.mark.parametrize("shape", [(100, 5, 100), (0, 5, 200), (200, 5, 0), (40, 120, 40)])
def test_truncation_keeps_both_markers(shape):
    tokenizer = load_tokenizer()
    text, subj, obj = _long_text(*shape)
    enc = encode_pair(tokenizer, text, subj, obj, 48)
    tokens = tokenizer.convert_ids_to_tokens(enc["input_ids"])
    assert len(tokens) == 48
    for marker in ("[", "]", "<", ">"):
        assert tokens.count(marker) == 2
    assert tokens[enc["subj_index"] + 2] == "russia"
    assert tokens[enc["obj_index"] + 2] == "kazakhstan"


def test_truncation_window_is_contiguous_around_pair():
    tokenizer = load_tokenizer()
    text, subj, obj = _long_text(100, 3, 100)
    tokens = tokenizer.convert_ids_to_tokens(encode_pair(tokenizer, text, subj, obj, 32)["input_ids"])
    inner = tokens[1:-1]
    assert inner.count("alpha") > 0 and inner.count("gamma") > 0  # context kept on both sides
    assert abs(inner.count("alpha") - inner.count("gamma")) <= 1  # centred on the pair

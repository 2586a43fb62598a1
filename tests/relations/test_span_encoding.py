"""Sentence-level encoding of the v2 (span-pool) relation model, with a whitespace stand-in tokenizer."""
from __future__ import annotations

import re

import pytest

from geoclaims.relations.span_encoding import batch_arrays, char_span_tokens, encode_sentences, sentence_batches


class WhitespaceTokenizer:
    """Word = token; ids are 10 + the word's length, enough to tell rows apart."""

    cls_token_id, sep_token_id = 1, 2

    def __call__(self, text, add_special_tokens=False, return_offsets_mapping=True):
        if isinstance(text, list):  # a batch, as the real tokenizer takes it
            rows = [self(t) for t in text]
            return {key: [row[key] for row in rows] for key in ("input_ids", "offset_mapping")}
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        return {"input_ids": [10 + b - a for a, b in spans], "offset_mapping": spans}


TEXT = "Russia banned Kazakh grain exports on Monday"


def test_char_span_to_token_span():
    offsets = [(0, 6), (7, 13), (14, 20), (21, 26)]
    assert char_span_tokens(offsets, (14, 26)) == (2, 3)
    assert char_span_tokens(offsets, (16, 18)) == (2, 2)  # inside one token
    assert char_span_tokens(offsets, (13, 13)) == (2, 2)  # empty: the token starting nearest


def test_pairs_of_one_sentence_share_one_row():
    items = [(TEXT, (0, 6), (14, 26)), (TEXT, (14, 20), (0, 6)), ("Iran denied it", (0, 4), (12, 14))]
    data = encode_sentences(WhitespaceTokenizer(), items, max_length=32)
    assert len(data.sentences) == 2
    assert data.sentences[0][0] == 1 and data.sentences[0][-1] == 2 and len(data.sentences[0]) == 9
    first, second, third = data.pairs
    assert first.row == second.row == 0 and third.row == 1
    assert first.subject == (1, 2) and first.object == (3, 5)  # [CLS] shifts by one; end exclusive
    assert second.subject == (3, 4) and second.object == (1, 2)


def test_long_sentence_gets_a_window_per_pair_that_keeps_both_spans():
    words = [f"w{i}" for i in range(40)]
    text = " ".join(words)
    start = {i: sum(len(w) + 1 for w in words[:i]) for i in range(40)}
    near = (text, (start[2], start[2] + 2), (start[5], start[5] + 2))
    far = (text, (start[30], start[30] + 3), (start[35], start[35] + 3))
    data = encode_sentences(WhitespaceTokenizer(), [near, far, near], max_length=16)
    assert len(data.sentences) == 2 and all(len(s) <= 16 for s in data.sentences)
    assert data.pairs[0] == data.pairs[2]
    for pair in data.pairs:
        assert 1 <= pair.subject[0] < pair.subject[1] <= 15 and 1 <= pair.object[0] < pair.object[1] <= 15
    with pytest.raises(ValueError):
        encode_sentences(WhitespaceTokenizer(), [near], max_length=8)


def test_batches_cover_every_pair_once_and_pad():
    items = [(TEXT, (0, 6), (14, 26)), ("Iran denied it", (0, 4), (12, 14)), (TEXT, (14, 20), (0, 6))]
    data = encode_sentences(WhitespaceTokenizer(), items, max_length=32)
    batches = sentence_batches(data, 1)
    assert [rows for rows, _ in batches] == [[1], [0]]  # shortest sentence first
    assert sorted(i for _, pairs in batches for i in pairs) == [0, 1, 2]
    arrays = batch_arrays(data, [1, 0], [1, 0, 2])
    assert [len(r) for r in arrays["input_ids"]] == [9, 9] and arrays["attention_mask"][0] == [1] * 5 + [0] * 4
    assert arrays["pair_row"] == [0, 1, 1] and arrays["subj_start"] == [1, 1, 3]

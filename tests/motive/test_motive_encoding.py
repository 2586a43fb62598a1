"""BIO encoding of cause/effect/signal spans: char spans -> token tags -> char spans."""
from __future__ import annotations

import numpy as np
import pytest

from geoclaims.motive.encoding import (IGNORE, MotiveExample, ScoredSpan, decode_role, decode_sentence,
                                       encode_sentence, tag_tokens)
from geoclaims.ml.checkpoint import load_tokenizer

TEXT = "Police fired tear gas to disperse protesters who threw stones ."
CAUSE, EFFECT, SIGNAL = (22, 44), (0, 21), (22, 24)


def one_hot(tags: list[list[int]]) -> np.ndarray:
    """tokens x roles tag ids -> tokens x roles x 3 probabilities (0.9 on the tag)."""
    probs = np.full((len(tags), 3, 3), 0.05)
    for i, row in enumerate(tags):
        for r, tag in enumerate(row):
            probs[i, r, tag if tag != IGNORE else 0] = 0.9
    return probs


def test_tag_tokens_marks_first_overlapping_token_b():
    offsets = [(0, 6), (7, 12), (13, 17), (18, 21), (22, 24)]
    assert tag_tokens(offsets, [(7, 21)]) == [0, 1, 2, 2, 0]
    assert tag_tokens(offsets, [(7, 12), (7, 17)]) == [0, 1, 2, 0, 0]  # overlapping spans merge
    assert tag_tokens(offsets, []) == [0] * 5


def test_decode_role_runs_and_stray_i():
    offsets = [(0, 0), (0, 6), (7, 12), (13, 17), (18, 21), (0, 0)]
    probs = np.zeros((6, 3))
    probs[:, 0] = 1.0
    probs[2] = [0.1, 0.8, 0.1]
    probs[3] = [0.3, 0.1, 0.6]
    probs[4] = [0.2, 0.1, 0.7]  # stray I after O would start a span; here it continues
    spans = decode_role(offsets, probs)
    assert spans == [ScoredSpan(7, 21, pytest.approx((0.9 + 0.7 + 0.8) / 3))]
    probs[3] = [0.9, 0.05, 0.05]
    assert [(s.start, s.end) for s in decode_role(offsets, probs)] == [(7, 12), (18, 21)]
    assert [(s.start, s.end) for s in decode_role(offsets, probs, max_gap=1)] == [(7, 21)]


def test_encode_decode_round_trip_with_the_real_tokenizer():
    tokenizer = load_tokenizer()
    example = MotiveExample("x", TEXT, 1, causes=(CAUSE,), effects=(EFFECT,), signals=(SIGNAL,))
    feature = encode_sentence(tokenizer, TEXT, 64, example)
    assert len(feature["tags"]) == len(feature["input_ids"])
    assert len(feature["words"]) == len(feature["word_offsets"]) == len(TEXT.split())
    assert feature["tags"][0] == [IGNORE] * 3 and feature["tags"][-1] == [IGNORE] * 3
    decoded = decode_sentence(feature["word_offsets"], one_hot([feature["tags"][i] for i in feature["words"]]))
    assert [(s.start, s.end) for s in decoded["CAUSE"]] == [CAUSE]
    assert [(s.start, s.end) for s in decoded["EFFECT"]] == [EFFECT]
    assert [(s.start, s.end) for s in decoded["SIGNAL"]] == [SIGNAL]
    assert TEXT[slice(*CAUSE)] == "to disperse protesters"


def test_only_the_first_piece_of_a_word_is_tagged():
    tokenizer = load_tokenizer()
    text = "Indira landed in Nalanda ."
    example = MotiveExample("x", text, 1, effects=((0, 24),))
    feature = encode_sentence(tokenizer, text, 32, example)
    pieces = tokenizer.convert_ids_to_tokens(feature["input_ids"])
    continued = [i for i, piece in enumerate(pieces) if piece.startswith("##")]
    assert continued and all(feature["tags"][i] == [IGNORE] * 3 for i in continued)
    assert feature["word_offsets"][3] == (17, 24)  # "Nalanda": all its pieces
    assert [feature["tags"][i][1] for i in feature["words"]] == [1, 2, 2, 2, 0]


def test_long_sentences_are_cut_to_max_length():
    tokenizer = load_tokenizer()
    text = " ".join(["word"] * 100)
    feature = encode_sentence(tokenizer, text, 20, MotiveExample("x", text, 1, causes=((0, len(text)),)))
    assert len(feature["input_ids"]) == 20
    assert feature["causal"] == 1 and feature["tags"][1][0] == 1 and feature["tags"][18][0] == 2


def test_inside_below_decodes_uncertain_words_for_recall():
    offsets = [(0, 3), (4, 7), (8, 11)]
    probs = np.array([[0.9, 0.05, 0.05], [0.6, 0.1, 0.3], [0.55, 0.05, 0.4]])
    assert decode_role(offsets, probs) == []
    spans = decode_role(offsets, probs, inside_below=0.7)
    assert [(s.start, s.end) for s in spans] == [(4, 11)]  # I after I: one span

"""Motive metrics on hand-made cases."""
from __future__ import annotations

import pytest

from geoclaims.motive.encoding import MotiveExample
from geoclaims.motive.metrics import matched_count, motive_metrics, sentence_scores, span_scores


def test_exact_and_overlap_matching_is_one_to_one():
    gold = [(0, 10), (20, 30)]
    assert matched_count(gold, [(0, 10)], "exact") == 1
    assert matched_count(gold, [(0, 9)], "exact") == 0
    assert matched_count(gold, [(0, 9)], "overlap") == 1
    assert matched_count(gold, [(2, 4), (5, 8)], "overlap") == 1  # two predictions, one gold span
    assert matched_count(gold, [(10, 20)], "overlap") == 0  # touching is not overlapping


def test_span_scores_micro_over_sentences():
    scores = span_scores([[(0, 5)], [(0, 3), (4, 9)]], [[(0, 5)], [(0, 2)]], "exact")
    assert (scores["true_positive"], scores["predicted"], scores["gold"]) == (1, 2, 3)
    assert scores["precision"] == pytest.approx(0.5) and scores["recall"] == pytest.approx(1 / 3)


def test_sentence_scores():
    scores = sentence_scores([1, 1, 0, 0], [0.9, 0.2, 0.7, 0.1], 0.5)
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5 and scores["accuracy"] == 0.5


def test_gate_and_scopes():
    examples = [MotiveExample("a", "x", 1, causes=((0, 3),), effects=((5, 9),)),
                MotiveExample("b", "y", 0)]
    predicted = [{"CAUSE": [(0, 3)], "EFFECT": [(5, 8)], "SIGNAL": []},
                 {"CAUSE": [(0, 2)], "EFFECT": [], "SIGNAL": []}]
    metrics = motive_metrics(examples, [0.4, 0.9], predicted, 0.5)
    # end to end: the causal sentence is gated out (0.4 < 0.5), the non-causal one adds a false cause
    assert metrics["spans_all"]["cause"]["exact"]["true_positive"] == 0
    assert metrics["spans_all"]["cause"]["exact"]["predicted"] == 1
    # causal scope: gold-causal sentences, no gate
    causal = metrics["spans_causal"]
    assert causal["cause"]["exact"]["f1"] == 1.0
    assert causal["effect"]["exact"]["f1"] == 0.0 and causal["effect"]["overlap"]["f1"] == 1.0
    assert causal["cause_effect"]["exact"]["f1"] == pytest.approx(0.5)
    assert metrics["sentence"]["f1"] == 0.0

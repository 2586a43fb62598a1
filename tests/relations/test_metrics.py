from __future__ import annotations

import numpy as np
import pytest

from geoclaims.ml.metrics import expected_calibration_error
from geoclaims.relations.metrics import format_table, relation_metrics

LABELS = ["AID", "FIGHT", "NONE"]
GOLD = ["AID", "AID", "FIGHT", "NONE", "NONE", "FIGHT"]
PRED = ["AID", "NONE", "FIGHT", "AID", "NONE", "AID"]


def test_hand_computed_scores():
    m = relation_metrics(GOLD, PRED, LABELS)
    # AID: tp 1, predicted 3, gold 2
    assert m["per_type"]["AID"]["precision"] == pytest.approx(1 / 3)
    assert m["per_type"]["AID"]["recall"] == pytest.approx(0.5)
    assert m["per_type"]["AID"]["f1"] == pytest.approx(0.4)
    # FIGHT: tp 1, predicted 1, gold 2
    assert m["per_type"]["FIGHT"]["precision"] == pytest.approx(1.0)
    assert m["per_type"]["FIGHT"]["recall"] == pytest.approx(0.5)
    assert m["per_type"]["FIGHT"]["f1"] == pytest.approx(2 / 3)
    assert "NONE" not in m["per_type"]
    # micro over non-NONE: tp 2, predicted 4, gold 4
    assert m["micro"] == pytest.approx({"precision": 0.5, "recall": 0.5, "f1": 0.5})
    assert m["macro"]["f1"] == pytest.approx((0.4 + 2 / 3) / 2)
    assert m["macro"]["precision"] == pytest.approx(2 / 3)
    assert m["accuracy"] == pytest.approx(0.5)
    assert m["n"] == 6 and m["n_relations"] == 4
    assert m["confusion"] == [[1, 0, 1], [1, 1, 0], [1, 0, 1]]
    assert "micro" in format_table(m)


def test_macro_ignores_types_absent_from_gold_and_predictions():
    m = relation_metrics(["AID", "NONE"], ["AID", "NONE"], ["AID", "FIGHT", "NONE"])
    assert m["macro"]["f1"] == 1.0 and m["micro"]["f1"] == 1.0


def test_all_none_gives_zero_not_error():
    m = relation_metrics(["NONE", "NONE"], ["NONE", "NONE"], LABELS)
    assert m["micro"]["f1"] == 0.0 and m["macro"]["f1"] == 0.0 and m["accuracy"] == 1.0


def test_ece_hand_case_separate_bins():
    probs = np.array([[0.9, 0.1], [0.8, 0.2], [0.6, 0.4], [0.55, 0.45]])
    gold = [0, 1, 0, 1]  # correct, wrong, correct, wrong; each in its own of 15 bins
    assert expected_calibration_error(probs, gold) == pytest.approx((0.1 + 0.8 + 0.4 + 0.55) / 4)


def test_ece_hand_case_shared_bin():
    probs = np.array([[0.95, 0.05], [0.97, 0.03]])  # both in bin 14: accuracy 0.5, confidence 0.96
    assert expected_calibration_error(probs, [0, 1]) == pytest.approx(0.46)
    assert expected_calibration_error(np.array([[1.0, 0.0]]), [0]) == pytest.approx(0.0)


def test_metrics_include_ece_when_probs_given():
    probs = np.eye(3)[[0, 2, 1, 0, 2, 0]]
    m = relation_metrics(GOLD, PRED, LABELS, probs)
    assert m["ece"] == pytest.approx(0.5)  # confidence 1 everywhere, argmax right half the time

from __future__ import annotations

import numpy as np
import pytest

from geoclaims.ml.calibration import choose_threshold, decide, fit_temperature, nll, softmax


def test_fit_temperature_recovers_known_temperature():
    rng = np.random.default_rng(0)
    logits = rng.normal(0.0, 3.0, size=(6000, 4))
    true_t = 2.0
    probs = softmax(logits / true_t)
    gold = [rng.choice(4, p=row) for row in probs]
    fitted = fit_temperature(logits, gold)
    assert fitted == pytest.approx(true_t, rel=0.08)
    assert nll(logits, gold, fitted) <= nll(logits, gold, 1.0)


def test_fit_temperature_below_one_for_underconfident_logits():
    rng = np.random.default_rng(1)
    logits = rng.normal(0.0, 1.0, size=(4000, 3))
    gold = [rng.choice(3, p=row) for row in softmax(logits / 0.5)]
    assert fit_temperature(logits, gold) == pytest.approx(0.5, rel=0.1)


def test_decide_threshold_rule():
    # columns: AID, FIGHT, NONE (index 2)
    probs = np.array([[0.3, 0.1, 0.6], [0.1, 0.5, 0.4], [0.05, 0.05, 0.9]])
    assert decide(probs, 2, 0.25).tolist() == [0, 1, 2]
    assert decide(probs, 2, 0.4).tolist() == [2, 1, 2]
    assert decide(probs, 2, 0.0).tolist() == [0, 1, 0]


def test_choose_threshold_maximises_micro_f1():
    probs = np.array([[0.7, 0.1, 0.2], [0.1, 0.6, 0.3], [0.35, 0.05, 0.6], [0.2, 0.3, 0.5]])
    gold = [0, 1, 2, 2]
    # any threshold in (0.35, 0.6] keeps both true relations and drops both NONE rows; ties -> highest
    assert choose_threshold(probs, gold, 2) == pytest.approx(0.6)

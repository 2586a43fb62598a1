"""Metrics both models report: precision/recall/F1 from counts, and the expected calibration error."""
from __future__ import annotations

from typing import Sequence

import numpy as np

ECE_BINS = 15


def prf(true_positive: int, predicted: int, actual: int) -> dict[str, float]:
    """Precision, recall and F1 from the true positives and the predicted and actual (gold) counts."""
    precision = true_positive / predicted if predicted else 0.0
    recall = true_positive / actual if actual else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def percentile_interval(values: Sequence[float], level: float = 0.95) -> list[float]:
    """The central ``level`` percentile interval of bootstrap ``values`` (nearest rank, as all our reports use)."""
    ordered, tail = sorted(values), (1.0 - level) / 2
    return [ordered[int(tail * (len(ordered) - 1))], ordered[int((1.0 - tail) * (len(ordered) - 1))]]


def expected_calibration_error(probs: np.ndarray, gold: Sequence[int], n_bins: int = ECE_BINS) -> float:
    """ECE over the max probability in ``n_bins`` equal-width bins; correct = argmax is gold."""
    probs = np.asarray(probs, dtype=np.float64)
    if len(probs) == 0:
        return 0.0
    confidence = probs.max(axis=1)
    correct = (probs.argmax(axis=1) == np.asarray(gold)).astype(np.float64)
    bins = np.minimum((confidence * n_bins).astype(int), n_bins - 1)
    error = 0.0
    for b in range(n_bins):
        members = bins == b
        if members.any():
            error += members.sum() / len(probs) * abs(correct[members].mean() - confidence[members].mean())
    return float(error)

"""Calibration maths: softmax, temperature fitting, the NONE threshold and the decision rule.

Decision rule: the predicted label is the most probable non-NONE type, unless its probability is
below ``threshold``, in which case it is NONE.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import torch


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


def nll(logits: np.ndarray, gold: Sequence[int], temperature: float) -> float:
    """Mean negative log-likelihood of ``gold`` under softmax(logits / temperature)."""
    scaled = torch.as_tensor(np.asarray(logits, dtype=np.float64)) / temperature
    return float(torch.nn.functional.cross_entropy(scaled, torch.as_tensor(list(gold))))


def fit_temperature(logits: np.ndarray, gold: Sequence[int], *, max_iter: int = 200) -> float:
    """The temperature T > 0 that minimises dev NLL (LBFGS on log T, checked against a coarse grid)."""
    if len(gold) == 0:
        return 1.0
    x = torch.as_tensor(np.asarray(logits, dtype=np.float64))
    y = torch.as_tensor(list(gold))
    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 61))
    start = float(min(grid, key=lambda t: nll(logits, gold, t)))
    log_t = torch.tensor(np.log(start), dtype=torch.float64, requires_grad=True)
    optimiser = torch.optim.LBFGS([log_t], lr=0.5, max_iter=max_iter, line_search_fn="strong_wolfe")

    def closure() -> torch.Tensor:
        optimiser.zero_grad()
        loss = torch.nn.functional.cross_entropy(x / log_t.exp(), y)
        loss.backward()
        return loss

    optimiser.step(closure)
    fitted = float(log_t.detach().exp())
    if not np.isfinite(fitted) or nll(logits, gold, fitted) > nll(logits, gold, start):
        fitted = start
    return float(np.clip(fitted, 0.05, 20.0))


def decide(probs: np.ndarray, none_index: int, threshold: float) -> np.ndarray:
    """Predicted label index per row under the NONE-threshold rule."""
    masked = np.array(probs, dtype=np.float64, copy=True)
    masked[:, none_index] = -1.0
    best = masked.argmax(axis=1)
    best_prob = masked[np.arange(len(masked)), best]
    return np.where(best_prob >= threshold, best, none_index)


def micro_f1_indices(gold: np.ndarray, pred: np.ndarray, none_index: int) -> float:
    """Micro-F1 over the non-NONE labels (NONE counts as 'no relation')."""
    true_positive = float(np.sum((pred == gold) & (gold != none_index)))
    predicted = float(np.sum(pred != none_index))
    actual = float(np.sum(gold != none_index))
    if true_positive == 0:
        return 0.0
    return 2 * true_positive / (predicted + actual)


def choose_threshold(probs: np.ndarray, gold: Sequence[int], none_index: int,
                     score: Callable[[np.ndarray, np.ndarray, int], float] = micro_f1_indices) -> float:
    """The threshold in 0.00..0.99 (step 0.01) with the best dev micro-F1; ties go to the higher one."""
    gold_arr = np.asarray(gold)
    best_threshold, best_score = 0.5, -1.0
    for threshold in np.round(np.arange(0.0, 1.0, 0.01), 2):
        value = score(gold_arr, decide(probs, none_index, float(threshold)), none_index)
        if value >= best_score:
            best_threshold, best_score = float(threshold), value
    return best_threshold

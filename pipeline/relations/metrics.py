"""Relation metrics: per-type P/R/F1, micro/macro over the non-NONE labels, confusion, ECE.

NONE takes part in decisions (predicting NONE for a gold type is a false negative, a type for a
gold NONE a false positive) but is not averaged. Macro averages the types that occur in gold or
predictions.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..ml.metrics import expected_calibration_error, prf
from ..records import NONE_LABEL


def per_type_scores(gold: Sequence[str], pred: Sequence[str], types: Sequence[str]) -> dict[str, dict]:
    """P/R/F1 and support (gold count) for each type."""
    scores = {}
    for label in types:
        tp = sum(1 for g, p in zip(gold, pred) if g == p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        scores[label] = {**prf(tp, n_pred, n_gold), "support": n_gold, "predicted": n_pred}
    return scores


def micro_scores(gold: Sequence[str], pred: Sequence[str], none_label: str = NONE_LABEL) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, pred) if g == p and g != none_label)
    n_pred = sum(1 for p in pred if p != none_label)
    n_gold = sum(1 for g in gold if g != none_label)
    return prf(tp, n_pred, n_gold)


def confusion_matrix(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[list[int]]:
    """``matrix[i][j]`` = number of items with gold ``labels[i]`` predicted as ``labels[j]``."""
    index = {label: i for i, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold, pred):
        matrix[index[g]][index[p]] += 1
    return matrix


def relation_metrics(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str],
                     probs: np.ndarray | None = None, none_label: str = NONE_LABEL) -> dict:
    """All metrics as one JSON-ready dict."""
    types = [label for label in labels if label != none_label]
    per_type = per_type_scores(gold, pred, types)
    present = [t for t in types if per_type[t]["support"] or per_type[t]["predicted"]]
    macro = {key: float(np.mean([per_type[t][key] for t in present])) if present else 0.0
             for key in ("precision", "recall", "f1")}
    result = {
        "n": len(gold),
        "n_relations": sum(1 for g in gold if g != none_label),
        "micro": micro_scores(gold, pred, none_label),
        "macro": macro,
        "per_type": per_type,
        "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0,
        "labels": list(labels),
        "confusion": confusion_matrix(gold, pred, labels),
    }
    if probs is not None:
        index = {label: i for i, label in enumerate(labels)}
        result["ece"] = expected_calibration_error(probs, [index[g] for g in gold])
    return result


def format_table(metrics: dict) -> str:
    """A plain-text table of per-type and averaged scores."""
    lines = [f"{'label':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}{'pred':>7}"]
    for label, s in metrics["per_type"].items():
        if s["support"] or s["predicted"]:
            lines.append(f"{label:<14}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}"
                         f"{s['support']:>7}{s['predicted']:>7}")
    for name in ("micro", "macro"):
        s = metrics[name]
        lines.append(f"{name:<14}{s['precision']:>8.3f}{s['recall']:>8.3f}{s['f1']:>8.3f}")
    if "ece" in metrics:
        lines.append(f"ECE (15 bins) {metrics['ece']:.4f}   pairs {metrics['n']}   relations {metrics['n_relations']}")
    return "\n".join(lines)

"""Motive metrics: sentence-level causal P/R/F1 and span P/R/F1 per role, exact and overlap.

* Sentence: the causal class's precision, recall and F1 (CNC subtask 1 reports these), accuracy, ECE.
* Span, per role (CAUSE, EFFECT, SIGNAL): a predicted span is a true positive when it is matched,
  one to one, to a gold span of the same role in the same sentence. **exact**: identical character
  offsets (spans are trimmed of whitespace; CNC spans follow word boundaries). **overlap**: the two
  spans share at least one character (so at least one word; "any-overlap"). Micro-averaged over
  sentences; ``cause_effect`` pools the two roles. Spans are counted without pairing causes to
  effects (CNC subtask 2 also scores the pairing, so its figures are stricter in that respect).
* Two scopes: ``all`` sentences of the split, with spans kept only where the predicted causal
  probability reaches the threshold (end to end); ``causal`` only the gold-causal sentences and no
  gate (CNC subtask 2's setting: span extraction on sentences known to be causal).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from ..ml.metrics import expected_calibration_error, prf
from .encoding import ROLES, MotiveExample, Span

MATCHES = ("exact", "overlap")


def spans_match(gold: Span, pred: Span, how: str) -> bool:
    if how == "exact":
        return tuple(gold) == tuple(pred)
    return gold[0] < pred[1] and pred[0] < gold[1]


def matched_count(gold: Sequence[Span], pred: Sequence[Span], how: str) -> int:
    """Predicted spans matched one to one to gold spans (greedy, left to right)."""
    free = list(gold)
    count = 0
    for span in sorted(pred):
        for index, candidate in enumerate(free):
            if spans_match(candidate, span, how):
                free.pop(index)
                count += 1
                break
    return count


def span_scores(gold: Sequence[Sequence[Span]], pred: Sequence[Sequence[Span]], how: str) -> dict[str, float]:
    """Micro P/R/F1 over sentences, with the counts."""
    counts = {"true_positive": sum(matched_count(g, p, how) for g, p in zip(gold, pred)),
              "predicted": sum(len(p) for p in pred), "gold": sum(len(g) for g in gold)}
    return pooled(counts)


def sentence_scores(gold: Sequence[int], probs: Sequence[float], threshold: float) -> dict:
    """Causal-class P/R/F1, accuracy and ECE of the causal probability."""
    pred = [int(p >= threshold) for p in probs]
    tp = sum(1 for g, p in zip(gold, pred) if g == p == 1)
    two_column = np.stack([1.0 - np.asarray(probs, dtype=np.float64), np.asarray(probs, dtype=np.float64)], axis=1)
    return {**prf(tp, sum(pred), sum(gold)), "n": len(gold), "causal": int(sum(gold)),
            "accuracy": sum(1 for g, p in zip(gold, pred) if g == p) / len(gold) if gold else 0.0,
            "ece": expected_calibration_error(two_column, list(gold)) if len(gold) else 0.0}


def role_scores(examples: Sequence[MotiveExample], predicted: Sequence[dict[str, Sequence[Span]]]) -> dict:
    """Per role and pooled cause+effect: exact and overlap scores."""
    result = {}
    for role in ROLES:
        gold = [e.spans(role) for e in examples]
        pred = [p[role] for p in predicted]
        result[role.lower()] = {how: span_scores(gold, pred, how) for how in MATCHES}
    result["cause_effect"] = {how: pooled(result["cause"][how], result["effect"][how]) for how in MATCHES}
    return result


def pooled(*scores: dict) -> dict[str, float]:
    """Micro scores of several roles together, from their counts."""
    tp, n_pred, n_gold = (sum(s[key] for s in scores) for key in ("true_positive", "predicted", "gold"))
    return {**prf(tp, n_pred, n_gold), "true_positive": tp, "predicted": n_pred, "gold": n_gold}


def motive_metrics(examples: Sequence[MotiveExample], probs: Sequence[float],
                   predicted: Sequence[dict[str, Sequence[Span]]], threshold: float) -> dict:
    """All metrics as one JSON-ready dict (``predicted``: role -> spans per sentence, ungated)."""
    gated = [p if prob >= threshold else {role: [] for role in ROLES} for p, prob in zip(predicted, probs)]
    causal = [i for i, e in enumerate(examples) if e.causal]
    return {
        "threshold": threshold,
        "sentence": sentence_scores([e.causal for e in examples], probs, threshold),
        "spans_all": role_scores(examples, gated),
        "spans_causal": role_scores([examples[i] for i in causal], [predicted[i] for i in causal]),
    }


def format_table(metrics: dict) -> str:
    """Plain-text table: the sentence head, then span F1 per role, scope and match."""
    s = metrics["sentence"]
    lines = [f"sentence causal  P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
             f"acc {s['accuracy']:.3f}  ECE {s['ece']:.3f}  (n {s['n']}, causal {s['causal']})",
             f"{'span F1':<14}{'all exact':>11}{'all overlap':>13}{'causal exact':>14}{'causal overlap':>16}"]
    for role in [r.lower() for r in ROLES] + ["cause_effect"]:
        a, c = metrics["spans_all"][role], metrics["spans_causal"][role]
        lines.append(f"{role:<14}{a['exact']['f1']:>11.3f}{a['overlap']['f1']:>13.3f}"
                     f"{c['exact']['f1']:>14.3f}{c['overlap']['f1']:>16.3f}")
    return "\n".join(lines)

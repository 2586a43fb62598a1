"""Decisions per type, the overlap rule, and events -> (source, target) claims.

**Per-type thresholds.** The classifier's calibrated probabilities give each candidate its most
probable non-NONE type t; the candidate is an event of type t when p(t) ≥ θ_t, the threshold chosen
for t on the dev split (``fit_type_thresholds``), else NONE. Types with too few dev events keep the
global threshold.

**Overlap rule.** In one sentence, candidates that share a trigger (predicate head) and a source
(overlapping spans) describe one event: if any of them with a target is kept, the no-target candidate
is dropped; when nested or overlapping mentions give several candidates for the same source, trigger
and target, only the most confident is kept.

**Expansion.** An event gives one claim per (source, target). Mutual types — CONSULT (meetings,
talks), AGREE (a deal between the parties), COOPERATE (joint action) and FIGHT (two armed sides) —
give both directions: a pair also yields its reverse, and co-sources with no target ("France and
Germany met") yield each source toward each other one. Any other event with no target gives one
claim with ``object: null``.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ..candidates import Candidate

MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})
THRESHOLD_GRID = tuple(round(x, 2) for x in np.arange(0.15, 0.951, 0.05))
MIN_DEV_EVENTS = 5


def decide_per_type(probs: np.ndarray, labels: Sequence[str], thresholds: dict[str, float],
                    default: float) -> list[tuple[str, float]]:
    """(label, probability) per row: the best non-NONE type if it clears its own threshold, else NONE."""
    none = list(labels).index("NONE")
    masked = np.array(probs, dtype=np.float64, copy=True)
    masked[:, none] = -1.0
    best = masked.argmax(axis=1)
    out = []
    for row, index in enumerate(best):
        label, p = labels[index], float(masked[row, index])
        out.append((label, p) if p >= thresholds.get(label, default) else ("NONE", float(probs[row, none])))
    return out


def _type_f1(chosen: list[str], gold: Sequence[str], label: str) -> float:
    tp = sum(1 for c, g in zip(chosen, gold) if c == g == label)
    fp = sum(1 for c, g in zip(chosen, gold) if c == label and g != label)
    fn = sum(1 for c, g in zip(chosen, gold) if g == label and c != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def fit_type_thresholds(probs: np.ndarray, gold: Sequence[str], labels: Sequence[str], *,
                        default: float) -> dict[str, float]:
    """θ_t per type maximising that type's dev F1 (ties: the value nearest ``default``)."""
    thresholds: dict[str, float] = {}
    for label in labels:
        if label == "NONE" or sum(1 for g in gold if g == label) < MIN_DEV_EVENTS:
            continue
        scored = []
        for theta in THRESHOLD_GRID:
            chosen = [c for c, _ in decide_per_type(probs, labels, {**thresholds, label: theta}, default)]
            scored.append((_type_f1(chosen, gold, label), -abs(theta - default), theta))
        thresholds[label] = max(scored)[2]
    return thresholds


def _same_event(a: Candidate, b: Candidate) -> bool:
    return (a.predicate.root == b.predicate.root and a.subject.start < b.subject.end
            and b.subject.start < a.subject.end)


def _same_target(a: Candidate, b: Candidate) -> bool:
    if a.object is None or b.object is None:
        return a.object is None and b.object is None
    return a.object.start < b.object.end and b.object.start < a.object.end


def overlap_filtered(kept: list[tuple[object, str, float]]) -> list[tuple[object, str, float]]:
    """The overlap rule over (EventCandidate, type, confidence) of one document."""
    result = []
    for item in kept:
        cand = item[0].candidate
        rivals = [o for o in kept if o is not item and _same_event(o[0].candidate, cand)]
        if cand.object is None and any(o[0].candidate.object is not None for o in rivals):
            continue
        better = [o for o in rivals if _same_target(o[0].candidate, cand)
                  and (o[2], -o[0].candidate.subject.start) > (item[2], -cand.subject.start)]
        if not better:
            result.append(item)
    return result


def reversed_candidate(cand: Candidate) -> Candidate:
    return cand._replace(subject=cand.object, object=cand.subject,
                         subject_actor=cand.object_actor, object_actor=cand.subject_actor)


def expanded(event, label: str) -> list[Candidate]:
    """The (source, target) candidates one decided event stands for."""
    cand = event.candidate
    if label not in MUTUAL_TYPES:
        return [cand]
    if cand.object is not None:
        return [cand, reversed_candidate(cand)]
    if event.co_sources:
        return [cand._replace(object=other, object_actor=None) for other in event.co_sources]
    return [cand]


def claim_triples(kept: list[tuple[object, str, float]], resolver=None) -> list[tuple[Candidate, str, float]]:
    """Decided events -> unique (candidate, type, confidence), one per (source, target, trigger)."""
    seen, out = set(), []
    for event, label, confidence in overlap_filtered(kept):
        for cand in expanded(event, label):
            if cand.object is not None and cand.object_actor is None and resolver is not None:
                cand = cand._replace(object_actor=resolver(cand.object))
            key = (cand.subject.start, cand.subject.end, cand.object.start if cand.object is not None else None,
                   cand.object.end if cand.object is not None else None, label)
            if key not in seen:
                seen.add(key)
                out.append((cand, label, confidence))
    return out

"""Inter-annotator agreement: Cohen's kappa over the items two passes both labelled."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence


def cohen_kappa(first: Sequence[str], second: Sequence[str]) -> float:
    """Cohen's kappa of two label sequences over the same items (1.0 when both are constant and equal)."""
    if len(first) != len(second) or not first:
        raise ValueError("kappa needs two non-empty label sequences of equal length")
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    if expected == 1.0:
        return 1.0
    return (observed - expected) / (1.0 - expected)


def paired_labels(main: Iterable[dict], second: Iterable[dict], *, collapse_types: bool = False) -> tuple[list[str], list[str]]:
    """Labels of the items present in both passes, in item order; optionally event-vs-NONE only."""
    by_id = {r["id"]: r["label"] for r in main}
    pairs = sorted((r["id"], by_id[r["id"]], r["label"]) for r in second if r["id"] in by_id)
    first = [a for _, a, _ in pairs]
    other = [b for _, _, b in pairs]
    if collapse_types:
        first = ["NONE" if x == "NONE" else "EVENT" for x in first]
        other = ["NONE" if x == "NONE" else "EVENT" for x in other]
    return first, other


def agreement_report(main: Iterable[dict], second: Iterable[dict]) -> dict:
    """Kappa over all labels, kappa event-vs-NONE, raw agreement, and kappa over the items both call events."""
    main, second = list(main), list(second)
    first, other = paired_labels(main, second)
    binary = paired_labels(main, second, collapse_types=True)
    events = [(a, b) for a, b in zip(first, other) if a != "NONE" and b != "NONE"]
    return {
        "items": len(first),
        "observed_agreement": round(sum(a == b for a, b in zip(first, other)) / len(first), 4),
        "kappa": round(cohen_kappa(first, other), 4),
        "kappa_event_vs_none": round(cohen_kappa(*binary), 4),
        "items_both_event": len(events),
        "kappa_type_given_event": round(cohen_kappa([a for a, _ in events], [b for _, b in events]), 4) if events else None,
    }

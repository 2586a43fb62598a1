"""Candidate recall on the event gold: how many gold events the candidate generator gives the
classifier a chance to find (``python -m geoclaims.events.recall --split dev``).

A gold event (with at least one source) is **covered** by a set of candidates when one candidate's
subject overlaps one of the event's sources and
- the event has targets: the candidate's object overlaps one of them; for the mutual types the pair
  may also run the other way, and a co-source of the subject counts as the other party (the claim
  builder expands both);
- the event has no target: any candidate of that source (the scorer accepts any or no object).
Spans match when their characters overlap. v1 is ``geoclaims.candidates.candidate_pairs`` (pairs
linked by predicate words), v2 is ``geoclaims.events.candidates.event_candidates``; both read the
same parse of the gold sentence. Agentless events (no source) are not counted: neither gives a claim.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterable

from .decide import MUTUAL_TYPES

Offsets = tuple[int, int]


def _hits(span: Offsets, mentions: Iterable[Offsets]) -> bool:
    return any(span[0] < m[1] and m[0] < span[1] for m in mentions)


def covered(event: dict, pairs: list[tuple[Offsets, Offsets | None, tuple[Offsets, ...]]]) -> bool:
    """Whether (subject, object or None, co-sources) candidate offsets cover the gold ``event``."""
    sources = [tuple(m["span"]) for m in event["sources"]]
    targets = [tuple(m["span"]) for m in event["targets"]]
    mutual = event["type"] in MUTUAL_TYPES
    for subject, obj, co_sources in pairs:
        if _hits(subject, sources):
            if not targets:
                return True
            if obj is not None and _hits(obj, targets):
                return True
            if mutual and (_hits(subject, targets) or any(_hits(c, targets) for c in co_sources)):
                return True
        elif mutual and obj is not None and _hits(subject, targets) and _hits(obj, sources):
            return True
    return False


def candidate_offsets(doc, *, version: str) -> list[tuple[Offsets, Offsets | None, tuple[Offsets, ...]]]:
    """(subject, object or None, co-sources) character offsets of the v1 or v2 candidates of ``doc``."""
    def offsets(span) -> Offsets:
        return (span.start_char, span.end_char)

    if version == "v1":
        from ..candidates import candidate_pairs

        return [(offsets(c.subject), offsets(c.object), ()) for c in candidate_pairs(doc)]
    from .candidates import event_candidates

    return [(offsets(e.candidate.subject), offsets(e.candidate.object) if e.candidate.object is not None else None,
             tuple(offsets(c) for c in e.co_sources)) for e in event_candidates(doc)]


def candidate_recall(records: Iterable[dict], nlp) -> dict:
    """Per version and per type: gold events (with a source) and how many are covered."""
    counts: Counter = Counter()
    for record in records:
        doc = nlp(record["text"])
        found = {v: candidate_offsets(doc, version=v) for v in ("v1", "v2")}
        for event in record["events"]:
            if not event["sources"]:
                continue
            counts["events"] += 1
            counts[f"events:{event['type']}"] += 1
            for version, pairs in found.items():
                if covered(event, pairs):
                    counts[version] += 1
                    counts[f"{version}:{event['type']}"] += 1
    total = counts["events"] or 1
    return {"events": counts["events"], "v1": counts["v1"] / total, "v2": counts["v2"] / total,
            "per_type": {key.split(":")[1]: {"events": n, "v1": counts[f"v1:{key.split(':')[1]}"] / n,
                                             "v2": counts[f"v2:{key.split(':')[1]}"] / n}
                         for key, n in sorted(counts.items()) if key.startswith("events:")}}


def main(argv: list[str] | None = None) -> None:
    from geoclaims.corpora.event_gold import iter_event_records, resolve

    from ..nlp import build_nlp

    parser = argparse.ArgumentParser(prog="python -m geoclaims.events.recall", description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", choices=("train", "dev", "test"))
    args = parser.parse_args(argv)
    records = (resolve(r) for r in iter_event_records(args.split) if not r["skip"])
    print(json.dumps(candidate_recall(records, build_nlp()), indent=1))


if __name__ == "__main__":
    main()

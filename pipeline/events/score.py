"""End-to-end scoring of a claim store against event gold (``geoclaims evaluate claims STORE --gold FILE``).

Gold: JSON Lines, one event per line: ``{"id": article id, "event": type, "source": [codes],
"target": [codes], "trigger": optional text}`` (codes as in the claim record: ISO3, IGO, NGO, IMG,
or null); a line with ``"event": null`` names an article that has no event (so its claims count
against precision). A claim **matches** a gold event of its article when the types are equal, the claim's
subject code is one of the event's source codes, and — when the event has targets — its object code
is one of the target codes (an event with no target matches a claim with any or no object); a null
code matches a null code. Event precision = claims that match some gold event / claims; recall =
gold events matched by some claim / gold events (several claims of one mutual or coordinated event
may match one gold event). Type-only scores compare, per article, the set of claimed types with
the set of gold types. Top-1 accuracy: per article with gold events, whether the type of its most
confident claim is one of them (no claim counts as wrong). Only articles named in the gold are scored.
Intervals: 95% percentile bootstrap over articles (1,000 resamples, seeded).
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..ml.metrics import percentile_interval
from ..records import PLOVER_TYPES

RESAMPLES = 1000


def read_gold(path: Path) -> dict[str, list[dict]]:
    events: dict[str, list[dict]] = defaultdict(list)
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            if row.get("event") is None:
                events.setdefault(str(row["id"]), [])
                continue
            events[str(row["id"])].append({"event": row["event"], "source": list(row.get("source") or []),
                                           "target": list(row.get("target") or [])})
    return dict(events)


def claim_matches(claim: dict, gold: dict) -> bool:
    if claim["predicate"]["type"] != gold["event"]:
        return False
    if claim["subject"].get("code") not in gold["source"]:
        return False
    target = claim.get("object") or {}
    return not gold["target"] or target.get("code") in gold["target"]


def article_counts(claims: list[dict], gold: list[dict]) -> dict[str, dict]:
    """Per-type and overall counts for one article: tp_claims, claims, tp_gold, gold; type sets; top-1."""
    counts: dict[str, dict] = defaultdict(lambda: {"claims": 0, "claims_ok": 0, "gold": 0, "gold_found": 0})
    for claim in claims:
        row = counts[claim["predicate"]["type"]]
        row["claims"] += 1
        row["claims_ok"] += any(claim_matches(claim, g) for g in gold)
    for event in gold:
        row = counts[event["event"]]
        row["gold"] += 1
        row["gold_found"] += any(claim_matches(c, event) for c in claims)
    claimed, golden = {c["predicate"]["type"] for c in claims}, {g["event"] for g in gold}
    best = max(claims, key=lambda c: (c["confidence"], c["claim_id"]), default=None)
    top1 = None if not gold else (best is not None and best["predicate"]["type"] in golden)
    return {"types": dict(counts), "type_tp": len(claimed & golden), "type_claimed": len(claimed),
            "type_gold": len(golden), "top1": top1}


def prf(tp_p: int, predicted: int, tp_r: int, gold: int) -> dict:
    p = tp_p / predicted if predicted else 0.0
    r = tp_r / gold if gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def summary(per_article: list[dict]) -> dict:
    totals = {"claims": 0, "claims_ok": 0, "gold": 0, "gold_found": 0}
    per_type = {t: dict.fromkeys(totals, 0) for t in PLOVER_TYPES}
    for art in per_article:
        for label, row in art["types"].items():
            for key in totals:
                totals[key] += row[key]
                per_type.setdefault(label, dict.fromkeys(totals, 0))[key] += row[key]
    tops = [a["top1"] for a in per_article if a["top1"] is not None]
    return {
        "event": prf(totals["claims_ok"], totals["claims"], totals["gold_found"], totals["gold"]),
        "type": prf(sum(a["type_tp"] for a in per_article), sum(a["type_claimed"] for a in per_article),
                    sum(a["type_tp"] for a in per_article), sum(a["type_gold"] for a in per_article)),
        "top1_accuracy": sum(tops) / len(tops) if tops else 0.0,
        "counts": {**totals, "articles": len(per_article), "articles_with_events": len(tops)},
        "per_type": {t: {**prf(r["claims_ok"], r["claims"], r["gold_found"], r["gold"]), "gold": r["gold"],
                         "claims": r["claims"]} for t, r in per_type.items()},
    }


def bootstrap(per_article: list[dict], *, resamples: int = RESAMPLES, seed: int = 13) -> dict:
    """95% percentile intervals of event F1, type F1 and top-1 accuracy, resampling articles."""
    rng, values = random.Random(seed), defaultdict(list)
    for _ in range(resamples):
        sample = [per_article[rng.randrange(len(per_article))] for _ in per_article]
        result = summary(sample)
        values["event_f1"].append(result["event"]["f1"])
        values["type_f1"].append(result["type"]["f1"])
        values["top1_accuracy"].append(result["top1_accuracy"])
    return {key: percentile_interval(xs) for key, xs in values.items()}


def score_claims(claims: Iterable[dict], gold: dict[str, list[dict]], *, resamples: int = RESAMPLES) -> dict:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        if claim["article_id"] in gold:
            by_article[claim["article_id"]].append(claim)
    per_article = [article_counts(by_article.get(a, []), events) for a, events in sorted(gold.items())]
    result = summary(per_article)
    result["ci95"] = bootstrap(per_article, resamples=resamples) if per_article and resamples else {}
    return result


def format_report(result: dict) -> str:
    lines = [f"articles {result['counts']['articles']} ({result['counts']['articles_with_events']} with events), "
             f"gold events {result['counts']['gold']}, claims {result['counts']['claims']}"]
    ci = result.get("ci95", {})
    for name, key in (("event", "event_f1"), ("type", "type_f1")):
        m = result[name]
        lines.append(f"{name:6} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}"
                     + (f"  [{ci[key][0]:.3f}, {ci[key][1]:.3f}]" if key in ci else ""))
    top = ci.get("top1_accuracy")
    lines.append(f"top-1 type accuracy per article {result['top1_accuracy']:.3f}"
                 + (f"  [{top[0]:.3f}, {top[1]:.3f}]" if top else ""))
    lines.append(f"{'type':12} {'gold':>5} {'claims':>6} {'P':>6} {'R':>6} {'F1':>6}")
    for label, row in result["per_type"].items():
        lines.append(f"{label:12} {row['gold']:5d} {row['claims']:6d} {row['precision']:6.3f} "
                     f"{row['recall']:6.3f} {row['f1']:6.3f}")
    return "\n".join(lines)

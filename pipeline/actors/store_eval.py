"""Actor-code accuracy with the pipeline's own spans: a claim store against the event gold's actor spans.

``geoclaims evaluate actors STORE --gold corpora/annotations/events/wikinews-test.jsonl``. The gold is
the event gold's stand-off records (one per sentence: ``doc_id``, ``sentence`` offsets, ``skip``,
``events`` with ``sources``/``targets`` as ``{"span", "code"}``, offsets into the article text); no
article text is needed, since claims carry the same article offsets.

The measure, per side: a gold **source** (target) mention is *matched* when some claim of the same
article has a **subject** (object) span that overlaps the mention's span and an evidence span that
overlaps the mention's sentence. Of several such claims the one whose span overlaps most is taken
(ties: higher confidence, then claim id). A matched mention is *right* when that claim's subject
(object) code equals the gold code; a gold null is right only against a null. Reported: accuracy =
right / matched (also over the mentions with a non-null gold code), share matched = matched / gold
mentions, and right of all gold mentions = right / gold (an unmatched mention counted as wrong), each
with a 95% percentile bootstrap interval over articles (1,000 resamples, seeded, as ``evaluate
claims``). Records marked ``skip`` are left out. The spans, and so which mentions are matched, are the
pipeline's: accuracy is over the mentions the pipeline made a subject (object) of some claim.

Also reported: the share of claims with both codes (subject and object code non-null, among claims
with an object) and, separately, the claims whose object is null (and how many of them have a subject code).
"""
from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..errors import GeoclaimsError
from ..ml.metrics import percentile_interval

SIDES = {"sources": "subject", "targets": "object"}
FIELDS = ("gold", "matched", "right", "gold_coded", "matched_coded", "right_coded")
RESAMPLES = 1000


def read_event_gold(path: Path) -> list[dict]:
    """The non-skipped sentence records of an event gold file; GC201 if absent, GC208 if malformed."""
    path = Path(path)
    if not path.is_file():
        raise GeoclaimsError("GC201", f"event gold file {str(path)!r} not found")
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            doc_id, (start, end) = str(record["doc_id"]), record["sentence"]
            events = [{side: [(tuple(m["span"]), m.get("code")) for m in event.get(side, [])] for side in SIDES}
                      for event in record.get("events", [])]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError):
            raise GeoclaimsError("GC208", f"{path}:{number}: not an event gold record "
                                          "(doc_id, sentence, events with sources/targets spans)") from None
        if not record.get("skip"):
            records.append({"doc_id": doc_id, "sentence": (start, end), "events": events})
    return records


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    """Characters shared by two half-open spans (0 when disjoint)."""
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def best_claim(claims: list[dict], part: str, span: tuple[int, int], sentence: tuple[int, int]) -> dict | None:
    """The claim whose ``part`` span overlaps ``span`` most, its evidence overlapping ``sentence``."""
    best, best_key = None, None
    for claim in claims:
        mention, evidence = claim.get(part), claim.get("evidence") or {}
        if not mention or overlap((evidence.get("start", 0), evidence.get("end", 0)), sentence) == 0:
            continue
        shared = overlap((mention["start"], mention["end"]), span)
        key = (shared, claim.get("confidence", 0.0), claim.get("claim_id", ""))
        if shared and (best_key is None or key > best_key):
            best, best_key = claim, key
    return best


def article_counts(claims: list[dict], records: list[dict]) -> dict[str, dict[str, int]]:
    """Per side, the counts of FIELDS over one article's gold mentions."""
    counts = {side: dict.fromkeys(FIELDS, 0) for side in SIDES}
    for record in records:
        for event in record["events"]:
            for side, part in SIDES.items():
                for span, code in event[side]:
                    row, coded = counts[side], code is not None
                    row["gold"] += 1
                    row["gold_coded"] += coded
                    claim = best_claim(claims, part, span, record["sentence"])
                    if claim is None:
                        continue
                    right = claim[part].get("code") == code
                    row["matched"] += 1
                    row["right"] += right
                    row["matched_coded"] += coded
                    row["right_coded"] += right and coded
    return counts


def summary(per_article: list[dict]) -> dict:
    result = {}
    for side in SIDES:
        total = {f: sum(a[side][f] for a in per_article) for f in FIELDS}
        result[side] = {**total, "accuracy": _rate(total["right"], total["matched"]),
                        "accuracy_coded": _rate(total["right_coded"], total["matched_coded"]),
                        "share_matched": _rate(total["matched"], total["gold"]),
                        "right_of_gold": _rate(total["right"], total["gold"])}
    return result


def _rate(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def bootstrap(per_article: list[dict], *, resamples: int = RESAMPLES, seed: int = 13) -> dict:
    """95% percentile intervals of each side's accuracy, accuracy_coded, share_matched and right_of_gold."""
    rng, values = random.Random(seed), defaultdict(list)
    for _ in range(resamples):
        result = summary([per_article[rng.randrange(len(per_article))] for _ in per_article])
        for side in SIDES:
            for key in ("accuracy", "accuracy_coded", "share_matched", "right_of_gold"):
                values[side, key].append(result[side][key])
    out: dict = {side: {} for side in SIDES}
    for (side, key), xs in values.items():
        out[side][key] = percentile_interval(xs)
    return out


def code_shares(claims: Iterable[dict]) -> dict[str, int]:
    """Claims; with an object, and of those with both codes; with a null object, and of those with a subject code."""
    counts = dict.fromkeys(("claims", "with_object", "both_codes", "null_object", "null_object_subject_coded"), 0)
    for claim in claims:
        counts["claims"] += 1
        subject_coded = claim["subject"].get("code") is not None
        if claim.get("object") is None:
            counts["null_object"] += 1
            counts["null_object_subject_coded"] += subject_coded
        else:
            counts["with_object"] += 1
            counts["both_codes"] += subject_coded and claim["object"].get("code") is not None
    return counts


def codes_interval(claims: list[dict], *, resamples: int = RESAMPLES, seed: int = 13) -> dict[str, list[float]]:
    """95% percentile intervals of the both-codes share (claims with an object) and of the subject-coded share
    (claims with a null object), resampling the store's articles."""
    by_article: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        by_article[str(claim["article_id"])].append(claim)
    groups = [code_shares(cs) for cs in by_article.values()]
    rng, both, single = random.Random(seed), [], []
    for _ in range(resamples):
        sample = [groups[rng.randrange(len(groups))] for _ in groups]
        total = {k: sum(g[k] for g in sample) for k in groups[0]}
        both.append(_rate(total["both_codes"], total["with_object"]))
        single.append(_rate(total["null_object_subject_coded"], total["null_object"]))
    return {"both_codes": percentile_interval(both), "null_object_subject_coded": percentile_interval(single)}


def score_actors(claims: Iterable[dict], records: list[dict], *, resamples: int = RESAMPLES) -> dict:
    """Accuracy per side over the gold's articles, bootstrap intervals, and the code shares of all claims."""
    claims = list(claims)
    gold: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        gold[record["doc_id"]].append(record)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        by_article[str(claim["article_id"])].append(claim)
    per_article = [article_counts(by_article.get(a, []), rs) for a, rs in sorted(gold.items())]
    result = {"articles": len(per_article), **summary(per_article), "codes": code_shares(claims)}
    result["ci95"] = bootstrap(per_article, resamples=resamples) if per_article and resamples else {}
    if claims and resamples:
        result["ci95"]["codes"] = codes_interval(claims, resamples=resamples)
    return result


def format_report(result: dict) -> str:
    ci = result.get("ci95", {})
    lines = [f"gold articles {result['articles']}"]
    for side, part in SIDES.items():
        row, band = result[side], ci.get(side, {})

        def interval(key):
            return f" [{band[key][0]:.3f}, {band[key][1]:.3f}]" if key in band else ""
        lines.append(f"{side:8} ({part} spans): matched {row['matched']}/{row['gold']} ({row['share_matched']:.3f})"
                     f"{interval('share_matched')}; code right {row['right']}/{row['matched']} "
                     f"({row['accuracy']:.3f}){interval('accuracy')}; gold code non-null: "
                     f"{row['right_coded']}/{row['matched_coded']} ({row['accuracy_coded']:.3f}){interval('accuracy_coded')}; "
                     f"right of all gold mentions {row['right']}/{row['gold']} ({row['right_of_gold']:.3f}){interval('right_of_gold')}")
    c, band = result["codes"], ci.get("codes", {})

    def codes_ci(key):
        return f" [{band[key][0]:.3f}, {band[key][1]:.3f}]" if key in band else ""
    lines.append(f"claims {c['claims']}: with an object {c['with_object']}, both codes {c['both_codes']} "
                 f"({_rate(c['both_codes'], c['with_object']):.3f}){codes_ci('both_codes')}; object null "
                 f"{c['null_object']}, with a subject code {c['null_object_subject_coded']} "
                 f"({_rate(c['null_object_subject_coded'], c['null_object']):.3f}){codes_ci('null_object_subject_coded')}")
    return "\n".join(lines)

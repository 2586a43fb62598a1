"""Sentence-level scores against human-coded pairs (PLV-style gold: one coded event per sentence).

``python -m geoclaims.events.sentences STORE --gold FILE``. Gold: JSON Lines ``{"id": article id,
"event": type, "source_span": [start, end], "target_span": [start, end]}``, each article one sentence
(``python -m geoclaims.corpora.event_gold claim-gold dev --corpus plv`` writes it). Measures, with 95%
bootstrap intervals over sentences:
- **top-1 type accuracy**: the type of the sentence's most confident claim is the coded type (a
  sentence with no claim counts as wrong) — how a reader who takes the first answer is served;
- **any-claim type accuracy**: some claim of the sentence has the coded type;
- **pair found**: some claim has the coded type, its subject overlaps the coded source and its object
  overlaps the coded target (characters) — the coded event itself, end to end;
- the share of sentences with no claim at all.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..ml.metrics import percentile_interval

RESAMPLES = 1000


def _overlaps(mention: dict | None, span: list[int]) -> bool:
    return mention is not None and mention["start"] < span[1] and span[0] < mention["end"]


def sentence_row(claims: list[dict], gold: dict) -> dict[str, bool]:
    best = max(claims, key=lambda c: (c["confidence"], c["claim_id"]), default=None)
    typed = [c for c in claims if c["predicate"]["type"] == gold["event"]]
    return {"top1": best is not None and best["predicate"]["type"] == gold["event"],
            "any": bool(typed),
            "pair": any(_overlaps(c["subject"], gold["source_span"]) and _overlaps(c.get("object"), gold["target_span"])
                        for c in typed),
            "empty": best is None}


def score_sentences(claims: Iterable[dict], gold: list[dict], *, resamples: int = RESAMPLES, seed: int = 13) -> dict:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        by_article[claim["article_id"]].append(claim)
    rows = [sentence_row(by_article.get(g["id"], []), g) for g in gold]
    keys = ("top1", "any", "pair", "empty")

    def means(sample: list[dict]) -> dict[str, float]:
        return {k: sum(r[k] for r in sample) / len(sample) for k in keys} if sample else dict.fromkeys(keys, 0.0)

    result = {"sentences": len(rows), **means(rows)}
    rng, draws = random.Random(seed), defaultdict(list)
    for _ in range(resamples if rows else 0):
        sample = means([rows[rng.randrange(len(rows))] for _ in rows])
        for k in keys:
            draws[k].append(sample[k])
    result["ci95"] = {k: percentile_interval(v) for k, v in draws.items()}
    return result


def read_sentence_gold(path: Path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> None:
    from ..store import ClaimStore

    parser = argparse.ArgumentParser(prog="python -m geoclaims.events.sentences", description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--gold", type=Path, required=True)
    args = parser.parse_args(argv)
    result = score_sentences(ClaimStore(args.store).iter_claims(), read_sentence_gold(args.gold))
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()

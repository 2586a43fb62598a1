"""Per-type thresholds chosen end to end on dev claims (``python -m geoclaims.events.tune``).

The thresholds fitted during training (``decide.fit_type_thresholds``) look at one candidate at a
time, on pairs sampled from dev; what a user gets is the claim store, after candidates, actors, the
overlap rule, mutual expansion and the political filter. This tool tunes θ_t where it counts:

1. Extract the dev articles once with every threshold open (each candidate is claimed with its most
   probable non-NONE type and that type's calibrated probability as the confidence).
2. Keeping a claim of type t only when its confidence ≥ θ_t is, but for the overlap rule, what
   extracting with θ_t gives; so θ_t is chosen by coordinate ascent over ``THRESHOLD_GRID`` on the
   end-to-end event micro-F1 of ``score.summary`` (two sweeps; ties go to the value nearest the
   global threshold), within ``MAX_SHIFT`` of the global threshold; types with fewer than
   ``MIN_EVENTS`` dev gold events keep the global one. Why so tight: on the 80 dev articles,
   two-fold cross-validation (3 shuffles) gave held-out event F1 0.343 for the global threshold,
   0.314 for free per-type thresholds on types with ≥ 5 events (they overfit), and 0.345 for these
   limits.
3. ``--write`` stores the result in the model's ``calibration.json`` (``type_thresholds``, and
   ``type_thresholds_fitted_on`` naming the dev files).

Only the dev split may be used here; the test split is for reporting.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from ..records import PLOVER_TYPES
from .decide import THRESHOLD_GRID
from .score import article_counts, read_gold, summary

SWEEPS = 2
# backends whose probabilities are the fp32 model's (within float error): they share ``type_thresholds``
FP32_BACKENDS = ("torch", "onnx")
# how far a quantised backend's thresholds may move from the fp32 ones (one grid step): int8 moves the
# probabilities a little (97% of top labels kept), and free thresholds on 120 dev articles overfit
QUANTISED_SHIFT = 0.05
MIN_EVENTS = 25
MAX_SHIFT = 0.15


def kept_claims(claims: list[dict], thresholds: dict[str, float], default: float) -> list[dict]:
    return [c for c in claims if c["confidence"] >= thresholds.get(c["predicate"]["type"], default)]


def claims_by_article(claims: Iterable[dict]) -> dict[str, list[dict]]:
    by_article: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        by_article[claim["article_id"]].append(claim)
    return by_article


def event_f1(claims_by_article: dict[str, list[dict]], gold: dict[str, list[dict]],
             thresholds: dict[str, float], default: float) -> float:
    per_article = [article_counts(kept_claims(claims_by_article.get(a, []), thresholds, default), events)
                   for a, events in gold.items()]
    return summary(per_article)["event"]["f1"]


def fit_claim_thresholds(claims: Iterable[dict], gold: dict[str, list[dict]], *, default: float,
                         grid: tuple[float, ...] = THRESHOLD_GRID, min_events: int = MIN_EVENTS,
                         max_shift: float = MAX_SHIFT, sweeps: int = SWEEPS,
                         around: dict[str, float] | None = None) -> dict[str, float]:
    """θ per type maximising end-to-end event micro-F1 of the open-threshold ``claims`` against ``gold``,
    each within ``max_shift`` of the global ``default``, or of its value in ``around`` when given (a
    quantised model's thresholds may move a little from the fp32 model's, not be refitted from scratch)."""
    by_article = claims_by_article(claims)
    counts = defaultdict(int)
    for events in gold.values():
        for event in events:
            counts[event["event"]] += 1
    tuned = [t for t in PLOVER_TYPES if counts[t] >= min_events]
    centre = {t: (around or {}).get(t, default) for t in tuned}
    thresholds = dict(centre)
    for _ in range(sweeps):
        for label in tuned:
            scored = [(event_f1(by_article, gold, {**thresholds, label: theta}, default),
                       -abs(theta - centre[label]), theta)
                      for theta in grid if abs(theta - centre[label]) <= max_shift + 1e-9]
            thresholds[label] = max(scored)[2]
    return thresholds


def open_claims(model_dir: Path, articles: list, *, batch_size: int = 16, backend: str = "torch",
                component: str = "geoclaims.relations.v2") -> list[dict]:
    """Claims of ``articles`` with every threshold open (see the module comment), the classifier on ``backend``."""
    from ..claims import ClaimExtractor

    extractor = ClaimExtractor(model_dir, component=component, batch_size=batch_size, backend=backend)
    events = extractor.nlp.get_pipe("geoclaims_relations")
    events.thresholds, events.threshold = {}, 0.0
    return [c.to_dict() for claims in extractor.extract(articles) for c in claims]


def read_articles(path: Path) -> list:
    """The dev articles through the project's JSON Lines reader; a rejected line stops the tuning."""
    from ..errors import GeoclaimsError
    from ..readers.jsonl import read_jsonl
    from ..records import Article

    items = list(read_jsonl(Path(path)))
    bad = [item for item in items if not isinstance(item, Article)]
    if bad:
        raise GeoclaimsError("GC208", f"{path}: {len(bad)} article line(s) rejected, first: {bad[0]}")
    return items


def write_thresholds(model_dir: Path, thresholds: dict[str, float], fitted_on: list[str], *,
                     backend: str = "torch") -> None:
    """``thresholds`` into ``calibration.json``: ``type_thresholds`` for the fp32 backends (torch, onnx), else
    ``type_thresholds_by_backend[backend]`` (onnx-int8's quantised probabilities get their own)."""
    path = Path(model_dir) / "calibration.json"
    calibration = json.loads(path.read_text(encoding="utf-8"))
    if backend in FP32_BACKENDS:
        calibration["type_thresholds"] = thresholds
        calibration["type_thresholds_fitted_on"] = fitted_on
    else:
        calibration.setdefault("type_thresholds_by_backend", {})[backend] = thresholds
        calibration.setdefault("type_thresholds_by_backend_fitted_on", {})[backend] = fitted_on
    path.write_text(json.dumps(calibration, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m geoclaims.events.tune", description=__doc__.splitlines()[0])
    parser.add_argument("--model", type=Path, default=None, help="model folder (default: the shipped one)")
    parser.add_argument("--articles", type=Path, required=True, help="dev articles (JSON Lines)")
    parser.add_argument("--gold", type=Path, required=True, help="dev claim gold (JSON Lines)")
    parser.add_argument("--write", action="store_true", help="store the thresholds in calibration.json")
    parser.add_argument("--backend", default="torch", choices=("torch", "onnx", "onnx-int8"),
                        help="the classifier's backend (onnx-int8 thresholds are stored apart)")
    parser.add_argument("--component", default="geoclaims.relations.v2",
                        choices=("geoclaims.relations.v2", "geoclaims.relations.v3"),
                        help="the event component the model was trained for (its candidates)")
    args = parser.parse_args(argv)
    if args.model is None:
        from ..resources import default_model_dir

        args.model = default_model_dir()
    default = json.loads((args.model / "calibration.json").read_text(encoding="utf-8"))["threshold"]
    gold = read_gold(args.gold)
    claims = open_claims(args.model, read_articles(args.articles), backend=args.backend, component=args.component)
    if args.backend in FP32_BACKENDS:
        thresholds = fit_claim_thresholds(claims, gold, default=default)
    else:
        from .component import type_thresholds

        thresholds = fit_claim_thresholds(claims, gold, default=default, max_shift=QUANTISED_SHIFT,
                                          around=type_thresholds(args.model, "torch"))
    by_article = claims_by_article(claims)
    report = {"backend": args.backend, "default": default, "thresholds": thresholds,
              "dev_event_f1_global": event_f1(by_article, gold, {}, default),
              "dev_event_f1_tuned": event_f1(by_article, gold, thresholds, default)}
    print(json.dumps(report, indent=1))
    if args.write:
        write_thresholds(args.model, thresholds, [str(args.articles), str(args.gold)], backend=args.backend)


if __name__ == "__main__":
    main()

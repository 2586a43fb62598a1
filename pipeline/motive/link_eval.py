"""Motive linking against the team's qualifier gold: does each gold event get the gold motive?

``python -m geoclaims.motive.link_eval [--split dev] [--threshold 0.8] [--min-score 0.5]`` parses
each gold document once (``build_nlp(relations=False)``), puts one ``ClaimSpan`` per gold event on
it (the gold sentence, subject, object and predicate), runs the motive component's ``predict`` and
compares the linked cause with the gold ``motive`` offsets (or null). Scores: precision and recall
of motives, exact (same offsets) and overlap (at least one shared character), and accuracy where
null against null counts as right and a motive as right when it overlaps the gold one.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from typing import Any, Sequence

from ..ml.metrics import prf
from .linking import MotiveLink


def claim_for(doc, relation: dict):
    """A ClaimSpan for a gold relation record on its parsed document."""
    from ..candidates import Candidate, PredicateWords, verb_lemma
    from ..ml.component import ClaimSpan

    sentence, subject, obj = (doc.char_span(*relation[k], alignment_mode="expand") for k in ("sentence", "subject", "object"))
    predicate = doc.char_span(*(relation["predicate"] or relation["sentence"]), alignment_mode="expand")
    words = PredicateWords(predicate.text, verb_lemma(predicate.root), predicate.start_char, predicate.end_char,
                           predicate.root.i)
    return ClaimSpan(Candidate(sentence, subject, obj, words), relation.get("label") or "NONE", 1.0)


def link_items(items: Sequence, component, nlp) -> list[MotiveLink | None]:
    """The component's link for every gold item, in order (each document parsed once)."""
    by_doc: dict[tuple, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        by_doc[(item.record["corpus"], item.record["doc_id"])].append(n)
    keys = list(by_doc)
    docs = list(nlp.pipe((items[by_doc[k][0]].text for k in keys), batch_size=16))
    for key, doc in zip(keys, docs):
        doc._.claims = [claim_for(doc, items[n].relation) for n in by_doc[key]]
    links: list[MotiveLink | None] = [None] * len(items)
    for key, doc_links in zip(keys, component.predict(docs)):
        for n, link in zip(by_doc[key], doc_links):
            links[n] = link
    return links


def score_links(golds: Sequence[tuple[int, int] | None], links: Sequence[MotiveLink | None]) -> dict[str, Any]:
    """Exact and overlap P/R/F1 of the linked motives, and null-aware accuracy."""
    preds = [(link.cause.start_char, link.cause.end_char) if link else None for link in links]
    pairs = [(tuple(g) if g else None, p) for g, p in zip(golds, preds)]
    n_gold, n_pred = sum(g is not None for g, _ in pairs), sum(p is not None for _, p in pairs)
    exact = sum(1 for g, p in pairs if g and p and g == p)
    overlap = sum(1 for g, p in pairs if g and p and g[0] < p[1] and p[0] < g[1])
    right = sum(1 for g, p in pairs if (g is None and p is None)) + overlap
    return {"n": len(pairs), "gold": n_gold, "predicted": n_pred, "exact": prf(exact, n_pred, n_gold),
            "overlap": prf(overlap, n_pred, n_gold), "accuracy": right / len(pairs) if pairs else 0.0,
            "reasons": dict(Counter(link.reason for link in links if link))}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="models/motive", help="motive model folder (default: the shipped one)")
    parser.add_argument("--split", action="append", choices=("dev", "test", "all"), help="repeatable; default dev")
    parser.add_argument("--threshold", type=float, help="causal probability to link (default: the component's)")
    parser.add_argument("--min-score", type=float, default=0.5)
    parser.add_argument("--purpose", action="store_true", help="motive v2: the infinitive of purpose as a fallback")
    parser.add_argument("--backend", default="torch", choices=("torch", "onnx", "onnx-int8"),
                        help="where the tagger runs (default torch)")
    args = parser.parse_args(argv)
    from geoclaims.corpora.qualifier_gold import load_qualifier_gold

    from ..nlp import build_nlp
    from ..resources import resolve
    from .component import LINK_THRESHOLD, MotiveComponent

    component = MotiveComponent(str(resolve(args.model)), min_score=args.min_score,
                                threshold=LINK_THRESHOLD if args.threshold is None else args.threshold,
                                purpose=args.purpose, backend=args.backend)
    nlp = build_nlp(relations=False)
    for split in args.split or ["dev"]:
        items = load_qualifier_gold(split)
        metrics = score_links([item.record.get("motive") for item in items], link_items(items, component, nlp))
        print(json.dumps({"split": split, **metrics}, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

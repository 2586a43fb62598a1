"""``geoclaims evaluate qualifiers``: negation, modality, attribution and time rules against the gold.

Each document is parsed once with the real pipeline (``build_nlp(relations=False)``); each gold item's
predicate offsets become a token span, and the three helpers (``modality``, ``attribution``,
``timex``) run on it with the gold PLOVER label as the event type (as the claim builder passes the
predicted one). Scores per field: negated (accuracy; P/R/F1 of True), modality (accuracy, per-class
P/R/F1, confusion), attribution (exact span, overlap, code; null against null counts as correct),
time (span overlap, exact value). Motive: the lead adds a scorer to ``FIELD_SCORERS`` (one function
from the items and predictions to a metrics dict) and a ``motive`` entry to ``Prediction``.
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from ..errors import GeoclaimsError
from ..records import MODALITIES
from . import qualify


class Prediction(NamedTuple):
    pair: str
    negated: bool
    modality: str
    attribution: tuple[int, int] | None
    attribution_code: str | None
    time: tuple[int, int] | None
    time_value: str | None


def predict_item(doc, item) -> Prediction:
    """The helpers' answers for one gold item on its parsed document."""
    relation = item.relation
    s0, s1 = relation["sentence"]
    p0, p1 = relation["predicate"] or relation["sentence"]
    sentence = doc.char_span(s0, s1, alignment_mode="expand")
    predicate = doc.char_span(p0, p1, alignment_mode="expand")
    if sentence is None or predicate is None:
        raise GeoclaimsError("GC208", f"{item.record['pair']}: offsets do not fall on tokens of {relation['doc_id']}")
    label = relation.get("label")
    qualified = qualify(doc, sentence, predicate, event_type=label, published=item.published)
    source, when = qualified.attribution, qualified.time
    return Prediction(item.record["pair"], qualified.negated, qualified.modality,
                      (source.start, source.end) if source else None, source.code if source else None,
                      (when.start, when.end) if when else None, when.value if when else None)


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _rate(hits: int, n: int) -> float:
    return round(hits / n, 4) if n else 0.0


def _span(value) -> tuple[int, int] | None:
    return tuple(value) if value else None


def _overlap(a, b) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def score_negated(items: Sequence, predictions: Sequence[Prediction]) -> dict:
    pairs = [(bool(i.record["negated"]), p.negated) for i, p in zip(items, predictions)]
    counts = Counter(pairs)
    return {"n": len(pairs), "accuracy": _rate(counts[(True, True)] + counts[(False, False)], len(pairs)),
            "gold_true": counts[(True, True)] + counts[(True, False)],
            "true": _prf(counts[(True, True)], counts[(False, True)], counts[(True, False)])}


def score_modality(items: Sequence, predictions: Sequence[Prediction]) -> dict:
    pairs = [(i.record["modality"], p.modality) for i, p in zip(items, predictions)]
    counts = Counter(pairs)
    per_class = {m: {**_prf(counts[(m, m)], sum(counts[(g, m)] for g in MODALITIES if g != m),
                             sum(counts[(m, q)] for q in MODALITIES if q != m)),
                     "support": sum(counts[(m, q)] for q in MODALITIES)} for m in MODALITIES}
    return {"n": len(pairs), "accuracy": _rate(sum(counts[(m, m)] for m in MODALITIES), len(pairs)),
            "per_class": per_class, "labels": list(MODALITIES),
            "confusion": [[counts[(g, q)] for q in MODALITIES] for g in MODALITIES]}


def score_attribution(items: Sequence, predictions: Sequence[Prediction]) -> dict:
    exact = overlap = code = gold_n = pred_n = both = 0
    for item, pred in zip(items, predictions):
        gold = _span(item.record.get("attribution"))
        gold_n, pred_n, both = gold_n + (gold is not None), pred_n + (pred.attribution is not None), \
            both + (gold is not None and pred.attribution is not None and _overlap(gold, pred.attribution))
        exact += gold == pred.attribution
        overlap += (gold is None and pred.attribution is None) or _overlap(gold, pred.attribution)
        code += (item.record.get("attribution_code") or None) == pred.attribution_code
    n = len(items)
    return {"n": n, "gold_attributed": gold_n, "predicted_attributed": pred_n,
            "exact_accuracy": _rate(exact, n), "overlap_accuracy": _rate(overlap, n), "code_accuracy": _rate(code, n),
            "overlap": _prf(both, pred_n - both, gold_n - both)}


def score_time(items: Sequence, predictions: Sequence[Prediction]) -> dict:
    """Span overlap against every gold time expression; the claim's ``time`` field against the gold value
    (a claim carries ``time`` only when it resolves, so a gold expression without a value expects null)."""
    overlap = value = gold_n = pred_n = both = 0
    gold_values = pred_values = right_values = 0
    for item, pred in zip(items, predictions):
        gold = _span(item.record.get("time"))
        gold_value = item.record.get("time_value") or None
        gold_n, pred_n = gold_n + (gold is not None), pred_n + (pred.time is not None)
        both += _overlap(gold, pred.time)
        overlap += (gold is None and pred.time is None) or _overlap(gold, pred.time)
        value += gold_value == pred.time_value
        gold_values, pred_values = gold_values + (gold_value is not None), pred_values + (pred.time_value is not None)
        right_values += gold_value is not None and gold_value == pred.time_value
    n = len(items)
    return {"n": n, "gold_timed": gold_n, "predicted_timed": pred_n, "overlap_accuracy": _rate(overlap, n),
            "value_accuracy": _rate(value, n), "overlap": _prf(both, pred_n - both, gold_n - both),
            "gold_valued": gold_values,
            "value": _prf(right_values, pred_values - right_values, gold_values - right_values)}


# field -> scorer; motive accuracy goes here when the lead adds it
FIELD_SCORERS: dict[str, Callable[[Sequence, Sequence[Prediction]], dict]] = {
    "negated": score_negated, "modality": score_modality,
    "attribution": score_attribution, "time": score_time,
}


def score_qualifiers(items: Sequence, predictions: Sequence[Prediction]) -> dict:
    return {field: scorer(items, predictions) for field, scorer in FIELD_SCORERS.items()}


def load_items(data: Sequence[str]) -> list:
    """Gold items of ``gold:SPLIT`` specs or of qualifier .jsonl files (all their records)."""
    from geoclaims.corpora.qualifier_gold import load_qualifier_gold

    items = []
    for spec in data:
        if spec.startswith("gold:") or spec == "gold":
            items += load_qualifier_gold(spec.partition(":")[2] or "all")
        elif Path(spec).is_file():
            items += load_qualifier_gold("all", root=Path(spec))
        else:
            raise GeoclaimsError("GC208", f"{spec!r} is neither gold[:split] nor a qualifier .jsonl file")
    return items


def predict_items(items: Sequence, nlp) -> list[Prediction]:
    """Parse each document once, then run the helpers on every item of it."""
    keys = list(dict.fromkeys((i.record["corpus"], i.record["doc_id"]) for i in items))
    texts = {(i.record["corpus"], i.record["doc_id"]): i.text for i in items}
    docs = dict(zip(keys, nlp.pipe((texts[k] for k in keys), batch_size=16)))
    return [predict_item(docs[(i.record["corpus"], i.record["doc_id"])], i) for i in items]


def format_summary(metrics: dict) -> str:
    neg, mod, att, tim = (metrics[k] for k in ("negated", "modality", "attribution", "time"))
    lines = [f"items {neg['n']}",
             f"negated      accuracy {neg['accuracy']:.3f}  F1(true) {neg['true']['f1']:.3f}  gold true {neg['gold_true']}",
             f"modality     accuracy {mod['accuracy']:.3f}"]
    lines += [f"  {m:12} P {v['precision']:.3f} R {v['recall']:.3f} F1 {v['f1']:.3f} n {v['support']}"
              for m, v in mod["per_class"].items()]
    lines += [f"attribution  exact {att['exact_accuracy']:.3f} overlap {att['overlap_accuracy']:.3f} "
              f"code {att['code_accuracy']:.3f}  gold {att['gold_attributed']} predicted {att['predicted_attributed']}",
              f"time         overlap {tim['overlap_accuracy']:.3f} value {tim['value_accuracy']:.3f}  "
              f"gold {tim['gold_timed']} predicted {tim['predicted_timed']}  valued: gold {tim['gold_valued']} "
              f"P {tim['value']['precision']:.3f} R {tim['value']['recall']:.3f}"]
    return "\n".join(lines)


def write_reports(out: Path, metrics: dict, items: Sequence, predictions: Sequence[Prediction]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n")
    rows = ["gold\\predicted\t" + "\t".join(MODALITIES)]
    rows += [m + "\t" + "\t".join(map(str, row)) for m, row in zip(MODALITIES, metrics["modality"]["confusion"])]
    (out / "confusion_modality.tsv").write_text("\n".join(rows) + "\n")
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as handle:
        for item, pred in zip(items, predictions):
            gold = {k: item.record.get(k) for k in ("negated", "modality", "attribution", "attribution_code",
                                                   "time", "time_value")}
            handle.write(json.dumps({"pair": pred.pair, "gold": gold, "predicted": pred._asdict()}, sort_keys=True) + "\n")


def evaluate_qualifiers(data: Sequence[str], out_dir: str | Path | None = None, *, nlp=None,
                        quiet: bool = False) -> dict:
    """Metrics of the qualifier rules on the gold items of ``data`` (printed, and written to ``out_dir``)."""
    items = load_items(list(data))
    if not items:
        raise GeoclaimsError("GC208", f"no qualifier gold in {list(data)} (corpora/annotations/qualifiers/*.jsonl)")
    if nlp is None:
        from ..nlp import build_nlp

        nlp = build_nlp(relations=False)
    predictions = predict_items(items, nlp)
    metrics = {**score_qualifiers(items, predictions), "data": list(data)}
    if not quiet:
        print(f"qualifier rules on {', '.join(data)}")
        print(format_summary(metrics))
    if out_dir is not None:
        write_reports(Path(out_dir), metrics, items, predictions)
    return metrics

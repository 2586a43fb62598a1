"""Two independent passes over a batch -> agreement, the disagreements to adjudicate, and the gold.

An item's reading is the set of its events as (type, source codes, target codes). Two passes agree
on an item when the readings are equal (quotes may differ: "ACMA" vs "ACMA's finding"). Agreement
is reported before adjudication as Cohen's kappa for event vs no event per item, and per type as
kappa for "the item has an event of this type". Disagreements are written for an adjudicator, who
answers with the final events and a one-line reason; the gold of an item is the first pass where the
passes agree, else the adjudicated answer (which keeps its reason).

``python -m geoclaims.corpora.annotation.event_adjudication disagreements DIR`` writes ``DIR/adjudicate/<batch>.jsonl``;
``python -m geoclaims.corpora.annotation.event_adjudication agreement DIR`` prints the agreement table.
"""
from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from geoclaims.records import PLOVER_TYPES


def reading(answer: dict) -> frozenset:
    return frozenset((e["type"], tuple(sorted(str(m.get("code")) for m in e.get("sources") or [])),
                      tuple(sorted(str(m.get("code")) for m in e.get("targets") or [])))
                     for e in answer.get("events") or [])


def load_answers(path: Path) -> dict[str, dict]:
    return {a["item"]: a for a in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if a}


def passes(folder: Path) -> dict[str, dict[str, Path]]:
    """batch -> {"p1": path, "p2": path, "adj": path} for the answer files present."""
    found: dict[str, dict[str, Path]] = defaultdict(dict)
    for path in sorted((folder / "answers").glob("*.jsonl")):
        batch, kind = path.name.split(".")[:2]
        found[batch][kind] = path
    return dict(found)


def kappa(pairs: list[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two binary codings."""
    n = len(pairs)
    if not n:
        return float("nan")
    observed = sum(a == b for a, b in pairs) / n
    pa, pb = sum(a for a, _ in pairs) / n, sum(b for _, b in pairs) / n
    expected = pa * pb + (1 - pa) * (1 - pb)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(folder: Path) -> dict:
    """Before adjudication: items, identical readings, kappa event-vs-none and per type (with counts)."""
    event_pairs, type_pairs, same, total = [], defaultdict(list), 0, 0
    for batch, files in passes(folder).items():
        if "p1" not in files or "p2" not in files:
            continue
        first, second = load_answers(files["p1"]), load_answers(files["p2"])
        for item, a in first.items():
            b = second.get(item)
            if b is None or a.get("skip") or b.get("skip"):
                continue
            ra, rb = reading(a), reading(b)
            total, same = total + 1, same + (ra == rb)
            event_pairs.append((bool(ra), bool(rb)))
            ta, tb = {r[0] for r in ra}, {r[0] for r in rb}
            for label in PLOVER_TYPES:
                type_pairs[label].append((label in ta, label in tb))
    per_type = {label: {"kappa": kappa(p), "items_p1": sum(a for a, _ in p), "items_p2": sum(b for _, b in p)}
                for label, p in type_pairs.items()}
    return {"items": total, "identical": same, "kappa_event": kappa(event_pairs), "per_type": per_type}


def write_disagreements(folder: Path) -> dict[str, int]:
    out = folder / "adjudicate"
    out.mkdir(exist_ok=True)
    counts = {}
    for batch, files in passes(folder).items():
        if "p1" not in files or "p2" not in files:
            continue
        pool = {i["item"]: i for i in map(json.loads, (folder / f"{batch}.jsonl").read_text().splitlines())}
        first, second = load_answers(files["p1"]), load_answers(files["p2"])
        rows = [{"item": item, "text": pool[item]["text"], "context": pool[item]["context"],
                 "title": pool[item]["title"], "pass_a": first[item], "pass_b": second.get(item)}
                for item in first if reading(first[item]) != reading(second.get(item, {}))
                or bool(first[item].get("skip")) != bool(second.get(item, {}).get("skip"))]
        (out / f"{batch}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
        counts[batch] = len(rows)
    return counts


def final_answers(folder: Path, batch: str) -> tuple[dict[str, dict], str]:
    """The gold answers of a batch (agreed first pass, else adjudicated) and who made them."""
    files = passes(folder)[batch]
    first = load_answers(files["p1"])
    if "p2" not in files:
        return first, files["p1"].name.split(".")[2]
    second = load_answers(files["p2"])
    adjudicated = load_answers(files["adj"]) if "adj" in files else {}
    final = {}
    for item, a in first.items():
        b = second.get(item, {})
        if reading(a) == reading(b) and bool(a.get("skip")) == bool(b.get("skip")):
            final[item] = a
        elif item in adjudicated:
            final[item] = adjudicated[item]
    annotators = "+".join(files[k].name.split(".")[2] for k in ("p1", "p2", "adj") if k in files)
    return final, annotators


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Event-round agreement and adjudication.")
    parser.add_argument("command", choices=["disagreements", "agreement"])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("build/annotation/events"))
    args = parser.parse_args(argv)
    if args.command == "disagreements":
        print(json.dumps(write_disagreements(args.folder)))
    else:
        print(json.dumps(agreement(args.folder), indent=1))


if __name__ == "__main__":
    main()

"""Turn an annotation round (pool + labels files) into committed stand-off records.

``python -m geoclaims.corpora.annotation.merge_labels --pool build/annotation/pool.jsonl --labels
build/annotation/labels-1.jsonl:ann1 ... --out corpora/annotations/relations/main-round1.jsonl``
keeps from the pool only where the words are (offsets, sentence hash) and from the labels what the
annotator decided; the predicate and motive words are located in the sentence and stored as offsets.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from geoclaims.records import MODALITIES, RELATION_LABELS

KEYS = ("id", "corpus", "doc_id", "group", "sentence", "sha1", "subject", "object", "predicate",
        "label", "negated", "modality", "motive", "annotator")


def locate(words: str, sentence: str, base: int, near: int) -> list[int] | None:
    """Document offsets of ``words`` in the sentence, the occurrence nearest ``near``; None if absent."""
    words = words.strip()
    if not words:
        return None
    starts, at = [], sentence.find(words)
    while at >= 0:
        starts.append(at)
        at = sentence.find(words, at + 1)
    if not starts:
        return None
    best = min(starts, key=lambda s: abs(base + s - near))
    return [base + best, base + best + len(words)]


def standoff_record(item: dict, label: dict, annotator: str) -> dict:
    if label["label"] not in RELATION_LABELS:
        raise ValueError(f"{item['item']}: unknown label {label['label']!r}")
    sentence, base = item["sentence_text"], item["sentence"][0]
    near = (item["subject"][0] + item["object"][0]) // 2
    modality = label.get("modality") or "asserted"
    record = {
        "id": item["item"], "corpus": item["corpus"], "doc_id": item["doc_id"], "group": item.get("group"),
        "sentence": item["sentence"], "sha1": item["sha1"], "subject": item["subject"], "object": item["object"],
        "predicate": locate(label.get("predicate", ""), sentence, base, near),
        "label": label["label"], "negated": bool(label.get("negated", False)),
        "modality": modality if modality in MODALITIES else "asserted",
        "motive": locate(label.get("motive", ""), sentence, base, near), "annotator": annotator,
    }
    return {k: record[k] for k in KEYS}


def merge(pool_path: Path, label_specs: list[str]) -> list[dict]:
    pool = {row["item"]: row for row in map(json.loads, pool_path.read_text(encoding="utf-8").splitlines())}
    records = []
    for spec in label_specs:
        path, _, annotator = spec.rpartition(":")
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                label = json.loads(line)
                records.append(standoff_record(pool[label["item"]], label, annotator))
    records.sort(key=lambda r: r["id"])
    return records


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=Path, required=True)
    parser.add_argument("--labels", nargs="+", required=True, help="PATH:ANNOTATOR")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    records = merge(args.pool, args.labels)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    print(f"{len(records)} records -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

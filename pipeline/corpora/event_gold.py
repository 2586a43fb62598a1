"""The event gold (v0.2): stand-off event records, resolved, as claim-level gold and as training pairs.

Records live in ``corpora/annotations/events/wikinews-<split>.jsonl``, one per annotated sentence:
``id``, ``corpus``, ``doc_id``, ``sentence`` offsets into the article text, ``sha1``, ``skip``,
``events`` (``type``, ``trigger`` offsets, ``sources``/``targets`` as ``{"span", "code"}``,
``negated``, ``modality``), ``annotator`` (``ann2+ann4+adjud1`` for a doubly annotated and
adjudicated item) and, for adjudicated items, ``reason``. No text is stored; ``resolve`` rebuilds it
from ``../shared/data/wikinews`` and refuses a record whose sentence hash no longer matches.

``python -m geoclaims.corpora.event_gold merge`` turns the answer files of the annotation folder into
those records (dev and test: agreed first passes plus adjudications; train: single passes).
"""
from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path

from . import REPO_ROOT
from .standoff import text_sha1

EVENTS = REPO_ROOT / "corpora" / "annotations" / "events"
MUTUAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE", "FIGHT"})


def iter_event_records(split: str, *, root: Path = EVENTS) -> Iterator[dict]:
    path = root / f"wikinews-{split}.jsonl"
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def resolve(record: dict) -> dict:
    """The record with ``text`` (the sentence) and every offset made relative to the sentence."""
    from .wikinews import wikinews_texts

    document = wikinews_texts()[record["doc_id"]]
    start, end = record["sentence"]
    text = document[start:end]
    if text_sha1(text) != record["sha1"]:
        raise ValueError(f"{record['id']}: sentence hash mismatch (the Wikinews text changed)")

    def rel(span):
        return [span[0] - start, span[1] - start]

    events = [{**e, "trigger": rel(e["trigger"]),
               "sources": [{**m, "span": rel(m["span"])} for m in e["sources"]],
               "targets": [{**m, "span": rel(m["span"])} for m in e["targets"]]} for e in record["events"]]
    return {**record, "text": text, "events": events}


def claim_gold_rows(record: dict) -> list[dict]:
    """Rows of the ``evaluate claims`` gold for one record; mutual events also in the other direction."""
    rows = []
    for event in record["events"]:
        if not event["sources"]:
            continue  # an agentless passive: the pipeline gives no claim without a subject
        sources = [m["code"] for m in event["sources"]]
        targets = [m["code"] for m in event["targets"]]
        rows.append({"id": record["doc_id"], "event": event["type"], "source": sources, "target": targets})
        if event["type"] in MUTUAL_TYPES and targets:
            rows.append({"id": record["doc_id"], "event": event["type"], "source": targets, "target": sources})
    return rows


def write_claim_gold(split: str, out: Path) -> dict:
    """The gold file for ``geoclaims evaluate claims`` and the articles (JSON Lines) to extract from;
    an article none of whose sentences holds an event gets one ``"event": null`` line."""
    from .wikinews import iter_wikinews_articles

    records = list(iter_event_records(split))
    rows = [row for record in records if not record["skip"] for row in claim_gold_rows(record)]
    ids = sorted({r["doc_id"] for r in records})
    with_events = {row["id"] for row in rows}
    rows += [{"id": doc_id, "event": None, "source": [], "target": []} for doc_id in ids if doc_id not in with_events]
    out.mkdir(parents=True, exist_ok=True)
    (out / "gold.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    wanted, seen = set(ids), set()
    with (out / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for article in iter_wikinews_articles():
            if article.id in wanted and article.id not in seen:
                seen.add(article.id)
                handle.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    return {"articles": len(ids), "events": len(rows)}


def merge(folder: Path, *, root: Path = EVENTS, append: bool = False, selection: str | None = None) -> dict[str, int]:
    """Answer files -> ``wikinews-<split>.jsonl`` records (sorted by item id); counts per split.

    ``append``: a later round (its own folder, new item ids) is added to the records already there;
    an item id that is already there is replaced by the new answer. ``selection`` (e.g. "targeted": articles
    chosen by ``annotation.event_targets``) is written into each new record."""
    from .annotation.event_adjudication import final_answers, passes
    from .annotation.event_answers import to_record

    by_split: dict[str, list[dict]] = {}
    for batch in sorted(passes(folder)):
        split = batch.split("-")[0]
        pool = {i["item"]: i for i in map(json.loads, (folder / f"{batch}.jsonl").read_text().splitlines())}
        answers, annotators = final_answers(folder, batch)
        if split in ("dev", "test") and "+" not in annotators:
            continue  # dev and test are gold only once annotated twice
        for item_id, answer in answers.items():
            record = to_record(pool[item_id], answer, annotator=annotators)
            if answer.get("reason"):
                record["reason"] = answer["reason"]
            if selection:
                record["selection"] = selection
            by_split.setdefault(split, []).append(record)
    root.mkdir(parents=True, exist_ok=True)
    for split, records in by_split.items():
        if append:
            fresh = {r["id"] for r in records}
            records.extend(r for r in iter_event_records(split, root=root) if r["id"] not in fresh)
        records.sort(key=lambda r: r["id"])
        (root / f"wikinews-{split}.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return {split: len(records) for split, records in by_split.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Event gold: merge answers, write claim-level gold.")
    sub = parser.add_subparsers(dest="command", required=True)
    m = sub.add_parser("merge")
    m.add_argument("folder", type=Path, nargs="?", default=Path("build/annotation/events"))
    m.add_argument("--append", action="store_true", help="add a later round to the records already there")
    m.add_argument("--selection", help="how the round chose its articles (e.g. targeted), kept in each record")
    g = sub.add_parser("claim-gold")
    g.add_argument("split", choices=["train", "dev", "test"])
    g.add_argument("--out", type=Path, required=True)
    g.add_argument("--corpus", choices=["wikinews", "plv"], default="wikinews",
                   help="plv: PLV's human-coded sentences (train/dev only), sentence gold for geoclaims.events.sentences")
    args = parser.parse_args(argv)
    if args.command == "merge":
        result = merge(args.folder, append=args.append, selection=args.selection)
    elif args.corpus == "plv":
        from .plv import write_plv_claim_gold

        result = write_plv_claim_gold(args.split, args.out)
    else:
        result = write_claim_gold(args.split, args.out)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

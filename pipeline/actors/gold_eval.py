"""Actor-code accuracy on the team's event gold, with the gold's own source and target spans.

``python -m geoclaims.actors.gold_eval [SPLIT ...]`` (default: dev test) reads
``corpora/annotations/events/wikinews-<split>.jsonl`` and the Wikinews articles in ../shared, runs each
article through the pipeline (``doc._.published`` set from the article), and resolves every gold
source and target span three ways: the team table alone (no dated roles, no links), the tables with
PETRARCH2's dated roles, and ``resolve_span`` (tables, roles and the in-article links). A span is right
when its code equals the gold code (a gold null is right only when nothing is resolved). It also
counts the gold events that ``roles.political_claim`` would drop (what the rule costs in recall).
"""
from __future__ import annotations

import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from .resolve import resolve_in_table, resolve_span
from .role_table import RoleTable
from .roles import political_claim

GOLD_DIR = Path(__file__).resolve().parents[2] / "corpora" / "annotations" / "events"
WIKINEWS = ("wikinews-economy-2004-2018.jsonl.gz", "wikinews-politics-2004-2009.jsonl.gz", "wikinews-2019.jsonl")
LEVELS = ("table", "roles", "links")


def gold_records(splits: Iterable[str], folder: Path = GOLD_DIR) -> list[dict]:
    """The gold sentence records of the given splits."""
    records = []
    for split in splits:
        with (folder / f"wikinews-{split}.jsonl").open(encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle if line.strip()]
    return records


def articles(data: Path, wanted: set[str]) -> dict[str, dict]:
    """The Wikinews articles with an id in ``wanted``, from ../shared/data/wikinews."""
    found = {}
    for name in WIKINEWS:
        for record in _read_jsonl(data / "wikinews" / name):
            if record["id"] in wanted:
                found[record["id"]] = record
    return found


def _read_jsonl(path: Path) -> Iterator[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def gold_actors(records: list[dict]) -> dict[str, list[tuple[str, tuple[int, int], str | None]]]:
    """Per article: (side, character span, gold code) of every source and target."""
    out: dict[str, list] = {}
    for record in records:
        for event in record.get("events", []):
            for side in ("sources", "targets"):
                for actor in event.get(side, []):
                    out.setdefault(record["doc_id"], []).append((side, tuple(actor["span"]), actor.get("code")))
    return out


def parse_articles(nlp, texts: dict[str, dict]) -> dict[str, object]:
    """doc_id -> the article's Doc through the pipeline, ``doc._.published`` set first."""
    docs = {}
    for doc_id, article in texts.items():
        doc = nlp.make_doc(article["text"])
        doc._.published = article.get("published")
        for _, component in nlp.pipeline:
            doc = component(doc)
        docs[doc_id] = doc
    return docs


def score(docs: dict[str, object], gold: dict[str, list]) -> Counter:
    """Counts ``(side, level, "right"|"coded"|"total")`` over all gold actors."""
    counts: Counter = Counter()
    no_roles = RoleTable({})
    for doc_id, items in gold.items():
        doc = docs.get(doc_id)
        if doc is None:
            continue
        for side, (start, end), code in items:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                continue
            found = {"table": resolve_in_table(span, roles=no_roles), "roles": resolve_in_table(span),
                     "links": resolve_span(span)}
            for level, actor in found.items():
                got = actor.code if actor is not None else None
                counts[side, level, "right"] += got == code
                counts[side, level, "coded"] += got is not None
                counts[side, level, "total"] += 1
    return counts


def political_cost(docs: dict[str, object], records: list[dict], *, keep_unknown: bool = False) -> tuple[int, int]:
    """(gold events, gold events that ``political_claim`` would drop): each side resolved from its first
    gold span with ``resolve_span`` (no side: None)."""
    events = dropped = 0
    for record in records:
        doc = docs.get(record["doc_id"])
        for event in record.get("events", []) if doc is not None else []:
            sides = [_first_actor(doc, event.get(side, [])) for side in ("sources", "targets")]
            events += 1
            dropped += not political_claim(*sides, keep_unknown=keep_unknown)
    return events, dropped


def _first_actor(doc, actors: list[dict]):
    span = doc.char_span(*actors[0]["span"], alignment_mode="expand") if actors else None
    return resolve_span(span) if span is not None else None


def report(counts: Counter) -> str:
    """One line per side and level: accuracy and share coded."""
    lines = []
    for side in ("sources", "targets"):
        for level in LEVELS:
            total = counts[side, level, "total"]
            right, coded = counts[side, level, "right"], counts[side, level, "coded"]
            lines.append(f"{side:8} {level:6} accuracy {right}/{total} ({right / max(1, total):.3f}); "
                         f"coded {coded}/{total} ({coded / max(1, total):.3f})")
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    from geoclaims.corpora import shared_data_dir
    from geoclaims.nlp import build_nlp

    records = gold_records(argv or ["dev", "test"])
    gold = gold_actors(records)
    texts = articles(shared_data_dir(), set(gold))
    print(f"{len(texts)} articles, {sum(len(v) for v in gold.values())} gold actors")
    docs = parse_articles(build_nlp(), texts)
    print(report(score(docs, gold)))
    events, dropped = political_cost(docs, records)
    print(f"political_claim would drop {dropped}/{events} gold events ({dropped / max(1, events):.3f})")
    events, dropped = political_cost(docs, records, keep_unknown=True)
    print(f"with keep_unknown: {dropped}/{events} ({dropped / max(1, events):.3f})")


if __name__ == "__main__":
    main(sys.argv[1:])

"""Actor-code accuracy on the team's event gold, with the gold's own source and target spans.

``python -m geoclaims.actors.gold_eval [SPLIT ...]`` (default: dev test) reads
``corpora/annotations/events/wikinews-<split>.jsonl`` and the Wikinews articles in ../shared, runs each
article through the pipeline (``doc._.published`` set from the article), and resolves every gold
source and target span three ways: the team table alone (no dated roles, no links), the tables with
PETRARCH2's dated roles, and ``resolve_span`` (tables, roles and the in-article links). A span is right
when its code equals the gold code (a gold null is right only when nothing is resolved).
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


def score(nlp, texts: dict[str, dict], gold: dict[str, list]) -> Counter:
    """Counts ``(side, level, "right"|"coded"|"total")`` over all gold actors."""
    counts: Counter = Counter()
    no_roles = RoleTable({})
    for doc_id, items in gold.items():
        article = texts.get(doc_id)
        if article is None:
            continue
        doc = nlp.make_doc(article["text"])
        doc._.published = article.get("published")
        for _, component in nlp.pipeline:
            doc = component(doc)
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
    print(report(score(build_nlp(), texts, gold)))


if __name__ == "__main__":
    main(sys.argv[1:])

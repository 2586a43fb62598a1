"""The team's qualifier gold (negation, modality, attribution, time, motive), joined with what it refers to.

A qualifier record (one JSON line in ``corpora/annotations/qualifiers/*.jsonl``) names a relation
record (``pair``: the ``id`` of a record in ``corpora/annotations/relations/*.jsonl``, which carries
the sentence, subject, object and predicate offsets and the PLOVER label) and gives ``negated``,
``modality``, ``attribution`` / ``time`` / ``motive`` as [start, end] character offsets into the
DOCUMENT text (or null), ``attribution_code``, ``time_value`` (ISO 8601) and ``sha1`` of the sentence.
``load_qualifier_gold(split)`` joins each with its relation record, the document text and the
publication date (Reuters has one; the other corpora none) and refuses a record whose sentence hash
no longer matches the text.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from . import REPO_ROOT
from .standoff import ANNOTATIONS, SPLITS, StandoffError, corpus_texts, record_split, text_sha1

QUALIFIERS = REPO_ROOT / "corpora" / "annotations" / "qualifiers"
REQUIRED = ("pair", "corpus", "doc_id", "sha1", "negated", "modality")


class QualifierItem(NamedTuple):
    record: dict  # the qualifier record as stored
    relation: dict  # the relation record it refers to (sentence, subject, object, predicate, label)
    text: str  # the document text
    published: str | None  # ISO date-time of the document, when the corpus has one
    split: str


def iter_qualifier_records(root: Path = QUALIFIERS) -> Iterator[dict]:
    """Qualifier records of the main pass (``main-*.jsonl`` under ``root``, or one file), in file order.

    The second pass (``second-*.jsonl``) re-labels a subset for agreement; it is not more gold."""
    paths = [root] if root.is_file() else sorted(root.glob("main-*.jsonl"))
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                record = json.loads(line)
                missing = [k for k in REQUIRED if k not in record]
                if missing:
                    raise StandoffError(f"{path.name}:{number}: qualifier record lacks {missing}")
                yield record


@lru_cache(maxsize=2)
def relation_index(root: Path = ANNOTATIONS) -> dict[str, dict]:
    """Relation record id -> record, over every relation file (main pass first)."""
    index: dict[str, dict] = {}
    for path in sorted(root.glob("*.jsonl"), key=lambda p: (not p.name.startswith("main-"), p.name)):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                index.setdefault(record["id"], record)
    return index


@lru_cache(maxsize=1)
def reuters_published() -> dict[str, str | None]:
    from .reuters import iter_reuters_articles

    return {a.id: a.published for a in iter_reuters_articles()}


def document_published(corpus: str, doc_id: str) -> str | None:
    """The publication date-time of a document, for corpora that record one (Reuters)."""
    return reuters_published().get(doc_id) if corpus == "reuters21578" else None


def join_qualifier_record(record: dict, relation: dict, text: str, published: str | None) -> QualifierItem:
    """One qualifier record with its relation record and document; checks the ids and the sentence hash."""
    if (record["corpus"], record["doc_id"]) != (relation["corpus"], relation["doc_id"]):
        raise StandoffError(f"{record['pair']}: qualifier record names {record['corpus']}/{record['doc_id']}, "
                            f"its relation record {relation['corpus']}/{relation['doc_id']}")
    s0, s1 = relation["sentence"]
    if text_sha1(text[s0:s1]) != record["sha1"]:
        raise StandoffError(f"{record['pair']}: sentence text changed in {record['corpus']}/{record['doc_id']}")
    return QualifierItem(record, relation, text, published, record_split(relation))


def join_records(records: Iterable[dict], relations: dict[str, dict], texts, published) -> list[QualifierItem]:
    """Join every record; ``texts(corpus, doc_id)`` and ``published(corpus, doc_id)`` give the documents."""
    items = []
    for record in records:
        relation = relations.get(record["pair"])
        if relation is None:
            raise StandoffError(f"{record['pair']}: no relation record with this id")
        items.append(join_qualifier_record(record, relation, texts(record["corpus"], record["doc_id"]),
                                           published(record["corpus"], record["doc_id"])))
    return items


def load_qualifier_gold(split: str = "all", *, root: Path = QUALIFIERS,
                        relations_root: Path = ANNOTATIONS) -> list[QualifierItem]:
    """The qualifier gold of one split (train/dev/test, by the relation record's document), or all."""
    if split not in SPLITS + ("all",):
        raise ValueError(f"split must be one of {SPLITS + ('all',)}")
    items = join_records(iter_qualifier_records(root), relation_index(relations_root),
                         lambda corpus, doc_id: corpus_texts(corpus)[doc_id], document_published)
    return [item for item in items if split == "all" or item.split == split]

"""The team's gold annotations: stand-off records resolved against ../shared/data.

A record (one JSON line in ``corpora/annotations/relations/*.jsonl``) holds no text, only where
the text is: ``corpus``, ``doc_id``, character offsets (``sentence``, ``subject``, ``object``,
``predicate``) into the document text as our corpus readers give it, the labels, the annotator, and
``sha1`` (first 12 hex digits of the sentence's SHA-1) so that a reader change that moves offsets is
caught instead of silently training on the wrong words. Split by document: a stable hash of
``doc_id`` puts each document in train (70%), dev (15%) or test (15%); ``group`` overrides the
document id where one sentence appears in two files of a corpus (Multi-CoPED's class and role
files), so that both copies fall in the same split.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path


from . import REPO_ROOT

ANNOTATIONS = REPO_ROOT / "corpora" / "annotations" / "relations"
SPLITS = ("train", "dev", "test")


def split_of(doc_id: str) -> str:
    """train / dev / test, by a stable hash of the document id (or of the record's ``group``)."""
    bucket = int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 100
    return "test" if bucket < 15 else "dev" if bucket < 30 else "train"


def record_split(record: dict) -> str:
    """The split of a stand-off record: by its ``group`` (the document unit) when it has one, else its doc id."""
    return split_of(record.get("group") or record["doc_id"])


def text_sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1)
def _multicoped_groups() -> dict[str, str]:
    """Multi-CoPED role-file sentence id -> the class-file id of the same sentence (the split unit)."""
    from .multicoped import iter_class_sentences, iter_multicoped, join_key

    classes = {join_key(text): sid for sid, text, _ in iter_class_sentences()}
    return {s.sentence_id: classes.get(join_key(s.text), s.sentence_id) for s in iter_multicoped()}


def document_split(doc_id: str) -> str:
    """The split of any document id our corpora use (Multi-CoPED role ids follow their class sentence)."""
    if doc_id.startswith("mcp-ner-"):
        return split_of(_multicoped_groups().get(doc_id, doc_id))
    if doc_id.startswith("train_") and doc_id.count("_") == 3:
        from .cnc import cnc_document

        return split_of(cnc_document(doc_id))
    return split_of(doc_id)


@lru_cache(maxsize=1)
def gold_pair_keys() -> frozenset:
    """(sentence text, subject, object) of every annotated pair, offsets relative to the sentence."""
    keys = set()
    for record in iter_records():
        item = resolve(record)
        keys.add((item["text"].strip(), tuple(item["subject"]), tuple(item["object"])))
    return frozenset(keys)


@lru_cache(maxsize=4)
def corpus_texts(corpus: str) -> dict[str, str]:
    """doc_id -> text for one shared corpus, as our readers give it."""
    if corpus == "reuters21578":
        from .reuters import iter_reuters_articles

        return {a.id: a.text for a in iter_reuters_articles()}
    if corpus == "bbc_news":
        from .bbc import iter_bbc_articles

        return {a.id: a.text for a in iter_bbc_articles(sections=("business", "politics", "entertainment", "sport", "tech"))}
    if corpus == "multicoped_cameo":
        from .multicoped import iter_class_sentences

        return {sid: text for sid, text, _ in iter_class_sentences()}
    if corpus == "causal_news_corpus":
        from .cnc import iter_cnc_sentences

        return {sid: text for sid, text, _ in iter_cnc_sentences()}
    if corpus == "multicoped_roles":
        from .multicoped import iter_multicoped

        return {s.sentence_id: s.text for s in iter_multicoped()}
    raise KeyError(f"unknown corpus {corpus!r}")


class StandoffError(ValueError):
    """A record whose offsets no longer point at the text it was made on."""


def resolve(record: dict) -> dict:
    """The record with ``text`` (the sentence) and offsets made relative to it."""
    text = corpus_texts(record["corpus"])[record["doc_id"]]
    s0, s1 = record["sentence"]
    sentence = text[s0:s1]
    if text_sha1(sentence) != record["sha1"]:
        raise StandoffError(f"{record['id']}: sentence text changed in {record['corpus']}/{record['doc_id']}")
    local = {key: (record[key][0] - s0, record[key][1] - s0) if record.get(key) else None
             for key in ("subject", "object", "predicate")}
    return {**record, "text": sentence, **local}


def iter_records(root: Path = ANNOTATIONS, *, pass_name: str = "main") -> Iterator[dict]:
    """Stand-off records of one annotation pass ("main" or "second"), in file order."""
    for path in sorted(root.glob(f"{pass_name}-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


def load_gold_examples(split: str = "train", *, root: Path = ANNOTATIONS) -> Iterator:
    """RelationExamples of one split of the main pass, resolved against the shared corpora."""
    from geoclaims.relations.encoding import RelationExample

    if split not in SPLITS + ("all",):
        raise ValueError(f"split must be one of {SPLITS + ('all',)}")
    for record in iter_records(root):
        if split != "all" and record_split(record) != split:
            continue
        item = resolve(record)
        yield RelationExample(example_id=record["id"], text=item["text"], subject=item["subject"],
                              object=item["object"], label=record["label"], source="gold",
                              doc_id=record["doc_id"])



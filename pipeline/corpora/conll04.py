"""CoNLL04 (SpERT split) -> RelationExamples over every ordered pair of gold entities.

Entities are the BILOU spans of ``tags`` numbered in order of appearance; relations index them as
``head``/``tail``. Text is the tokens joined by single spaces; offsets point into it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator, NamedTuple

from geoclaims.errors import GeoclaimsError
from geoclaims.records import NONE_LABEL
from geoclaims.relations.encoding import RelationExample

from . import shared_data_dir

CONLL04_TYPES = ("Kill", "Live_In", "Located_In", "OrgBased_In", "Work_For")
CONLL04_LABELS = CONLL04_TYPES + (NONE_LABEL,)
SPLITS = ("train", "dev")


class Entity(NamedTuple):
    start: int  # first token
    end: int  # one past the last token
    type: str


def decode_bilou(tags: list[str]) -> list[Entity]:
    """Entity spans of a BILOU tag sequence; a stray I/L continues, a stray B without L is closed."""
    entities: list[Entity] = []
    start: int | None = None
    kind = ""
    for i, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        if start is not None and (prefix in ("O", "B", "U") or label != kind):
            entities.append(Entity(start, i, kind))
            start = None
        if prefix == "U":
            entities.append(Entity(i, i + 1, label))
        elif prefix == "B" or (prefix in ("I", "L") and start is None):
            start, kind = i, label
        if prefix == "L" and start is not None:
            entities.append(Entity(start, i + 1, kind))
            start = None
    return entities


def token_offsets(tokens: list[str]) -> list[tuple[int, int]]:
    """Character span of each token in ``" ".join(tokens)``."""
    offsets, cursor = [], 0
    for token in tokens:
        offsets.append((cursor, cursor + len(token)))
        cursor += len(token) + 1
    return offsets


def sentence_examples(record: dict, prefix: str) -> Iterator[RelationExample]:
    """One example per ordered pair of distinct entities in the sentence."""
    tokens, tags = record["tokens"], record["tags"]
    if len(tokens) != len(tags):
        raise ValueError(f"{prefix}: {len(tokens)} tokens but {len(tags)} tags")
    text = " ".join(tokens)
    offsets = token_offsets(tokens)
    entities = decode_bilou(list(tags))
    gold = {(r["head"], r["tail"]): r["type"] for r in record.get("relations", [])}
    for (head, tail) in gold:
        if not (0 <= head < len(entities) and 0 <= tail < len(entities)):
            raise ValueError(f"{prefix}: relation {head}->{tail} but {len(entities)} entities")
    for i, subj in enumerate(entities):
        for j, obj in enumerate(entities):
            if i == j:
                continue
            yield RelationExample(
                example_id=f"{prefix}-{i}-{j}", text=text,
                subject=(offsets[subj.start][0], offsets[subj.end - 1][1]),
                object=(offsets[obj.start][0], offsets[obj.end - 1][1]),
                label=gold.get((i, j), NONE_LABEL), source="conll04", doc_id=prefix,
            )


def conll04_path(split: str) -> Path:
    if split not in SPLITS:
        raise GeoclaimsError("GC208", f"conll04 split {split!r}; use one of {', '.join(SPLITS)}")
    return shared_data_dir() / "conll04" / f"conll04_{split}.json"


def iter_conll04_examples(split: str = "train", path: str | Path | None = None) -> Iterator[RelationExample]:
    """Every entity pair of the split's sentences (``path`` overrides the shared file)."""
    file = Path(path) if path else conll04_path(split)
    if not file.is_file():
        raise GeoclaimsError("GC208", f"{file} not found")
    records = json.loads(file.read_text(encoding="utf-8"))
    for index, record in enumerate(records):
        yield from sentence_examples(record, f"conll04-{split}-{index}-{record.get('orig_id', index)}")

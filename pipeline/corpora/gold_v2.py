"""``geoclaims.datasets.gold.v2``: the v0.1 relation gold, split so that near-duplicates cannot leak.

v1 split each document by a hash of its id, so identical Reuters and BBC stories (and the two
Multi-CoPED copies of a sentence with different ids) could land in train and test at once (130 of
268 duplicate Reuters groups did). v2 clusters the documents of every annotated record by their
text (``neardup``: MinHash over word 5-grams, Jaccard ≥ 0.5; the Multi-CoPED ``group`` kept as the
unit), and a whole cluster takes the v1 split of its smallest unit, so a document without duplicates
keeps its v1 split and only duplicates move. The records and labels are v1's; only the split differs.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from .standoff import corpus_texts, iter_records, resolve


def unit_of(record: dict) -> str:
    return f"{record['corpus']}/{record.get('group') or record['doc_id']}"


@lru_cache(maxsize=1)
def gold_v2_splits() -> dict[str, str]:
    """unit (corpus/doc or group) -> train/dev/test, near-duplicate units together."""
    from .neardup import cluster_split
    from .standoff import split_of

    texts = {}
    for record in iter_records():
        unit = unit_of(record)
        if unit not in texts:
            texts[unit] = corpus_texts(record["corpus"])[record["doc_id"]]
    return cluster_split(texts, split_of=lambda unit: split_of(unit.split("/", 1)[1]))


def load_gold_v2_examples(split: str = "train", keep_none: float = 1.0) -> Iterator:
    """RelationExamples of one v2 split of the v0.1 gold (main pass); ``keep_none`` as in ``event_examples``."""
    from .event_examples import kept

    yield from kept(_gold_v2_examples(split), keep_none)


def _gold_v2_examples(split: str) -> Iterator:
    from geoclaims.relations.encoding import RelationExample

    splits = gold_v2_splits()
    for record in iter_records():
        if split != "all" and splits[unit_of(record)] != split:
            continue
        item = resolve(record)
        yield RelationExample(example_id=record["id"], text=item["text"], subject=item["subject"],
                              object=item["object"], label=record["label"], source="gold",
                              doc_id=record["doc_id"])

"""Causal News Corpus V2 (CC0): the train split's sentences (subtask 1) and cause/effect spans (subtask 2).

``iter_cnc_sentences()`` yields (sentence id, text, causal label) from ``train_subtask1.csv``; the
sentence id is the corpus' own ``index`` (``train_01_10_2619``: split, subcorpus, document, sentence).
``cnc_document(sentence_id)`` gives the document part, the unit to split by.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from geoclaims.registry import readers

from . import shared_data_dir


def cnc_dir() -> Path:
    return shared_data_dir() / "causal_news_corpus" / "V2"


def cnc_document(sentence_id: str) -> str:
    """The document an index belongs to: ``train_01_10_2619`` -> ``train_01_10``."""
    return sentence_id.rsplit("_", 1)[0]


@readers.register("geoclaims.readers.cnc_sentences.v1")
def iter_cnc_sentences(root: Path | None = None) -> Iterator[tuple[str, str, int]]:
    path = (root or cnc_dir()) / "train_subtask1.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["index"], row["text"], int(row["label"])

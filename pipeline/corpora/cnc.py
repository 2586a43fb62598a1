"""Causal News Corpus V2 (CC0): the train split's sentences (subtask 1) and cause/effect spans (subtask 2).

``iter_cnc_sentences()`` yields (sentence id, text, causal label) from ``train_subtask1.csv``; the
sentence id is the corpus' own ``index`` (``train_01_10_2619``: split, subcorpus, document, sentence).
``cnc_document(sentence_id)`` gives the document part, the unit to split by.
``iter_cnc_spans()`` (``geoclaims.corpora.cnc_spans.v1``) parses subtask 2's grouped file: plain text
plus the character offsets of each relation's cause (``<ARG0>``), effect (``<ARG1>``) and signals
(``<SIG0>``, ``<SIG1>``, ...), with malformed markup reported and skipped.
"""
from __future__ import annotations

import ast
import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from geoclaims.registry import corpora as corpus_readers

from . import shared_data_dir


def cnc_dir() -> Path:
    return shared_data_dir() / "causal_news_corpus" / "V2"


def cnc_document(sentence_id: str) -> str:
    """The document an index belongs to: ``train_01_10_2619`` -> ``train_01_10``."""
    return sentence_id.rsplit("_", 1)[0]


@corpus_readers.register("geoclaims.corpora.cnc_sentences.v1")
def iter_cnc_sentences(root: Path | None = None) -> Iterator[tuple[str, str, int]]:
    path = (root or cnc_dir()) / "train_subtask1.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield row["index"], row["text"], int(row["label"])


# --- cause / effect / signal spans (subtask 2, grouped file) ---------------------------------------

Span = tuple[int, int]
_TAG = re.compile(r"</?(ARG0|ARG1|SIG\d)>")


class CncRelation(NamedTuple):
    """One marked causal relation: character offsets into the plain sentence text."""

    cause: Span
    effect: Span
    signals: tuple[Span, ...]


class CncSentence(NamedTuple):
    """A CNC sentence with its causal label and its relations (empty for non-causal sentences)."""

    sentence_id: str
    text: str
    causal: int
    relations: tuple[CncRelation, ...]


class MalformedMarkup(ValueError):
    """Marked-up text that does not parse or does not strip back to the sentence."""


def parse_marked(marked: str, text: str) -> CncRelation:
    """Plain-text offsets of the ``<ARG0>``/``<ARG1>``/``<SIGn>`` spans in ``marked``.

    Stripping the tags must give back ``text`` exactly, otherwise ``MalformedMarkup``; spans are
    trimmed of surrounding whitespace.
    """
    plain: list[str] = []
    opened: dict[str, int] = {}
    spans: dict[str, list[Span]] = {}
    cursor = 0
    for match in _TAG.finditer(marked):
        plain.append(marked[cursor:match.start()])
        cursor = match.end()
        position = len("".join(plain))
        name = match.group(1)
        if match.group(0).startswith("</"):
            if name not in opened:
                raise MalformedMarkup(f"closing {name} without opening")
            spans.setdefault(name, []).append((opened.pop(name), position))
        elif name in opened:
            raise MalformedMarkup(f"{name} opened twice")
        else:
            opened[name] = position
    plain.append(marked[cursor:])
    if opened:
        raise MalformedMarkup(f"unclosed {sorted(opened)}")
    stripped = "".join(plain)
    if stripped != text:
        raise MalformedMarkup("stripping the tags does not give back the sentence text")
    if len(spans.get("ARG0", [])) != 1 or len(spans.get("ARG1", [])) != 1:
        raise MalformedMarkup("a relation needs exactly one ARG0 (cause) and one ARG1 (effect)")
    signals = sorted(s for name, found in spans.items() if name.startswith("SIG") for s in found)
    return CncRelation(_trimmed(text, spans["ARG0"][0]), _trimmed(text, spans["ARG1"][0]),
                       tuple(_trimmed(text, s) for s in signals))


def _trimmed(text: str, span: Span) -> Span:
    """The span without surrounding whitespace (a tag may sit after a space)."""
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise MalformedMarkup(f"empty span at {span}")
    return start, end


@corpus_readers.register("geoclaims.corpora.cnc_spans.v1")
def iter_cnc_spans(root: Path | None = None, *,
                   skipped: list[tuple[str, str]] | None = None) -> Iterator[CncSentence]:
    """Sentences of ``train_subtask2_grouped.csv`` with their parsed relations.

    A relation whose markup is malformed is left out and reported as (sentence id, reason) in
    ``skipped`` (when given); the sentence itself is kept with its other relations.
    """
    path = (root or cnc_dir()) / "train_subtask2_grouped.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            sentence_id = f"{row['doc_id']}_{row['sent_id']}"
            relations = []
            try:
                marked_list = ast.literal_eval(row["causal_text_w_pairs"] or "[]")
            except (ValueError, SyntaxError) as err:
                _report(skipped, sentence_id, f"relation list does not parse: {err}")
                marked_list = []
            for marked in marked_list:
                try:
                    relations.append(parse_marked(str(marked), row["text"]))
                except MalformedMarkup as err:
                    _report(skipped, sentence_id, str(err))
            causal = int(int(row["num_rs"]) > 0)
            yield CncSentence(sentence_id, row["text"], causal, tuple(relations))


def _report(skipped: list[tuple[str, str]] | None, sentence_id: str, reason: str) -> None:
    if skipped is not None:
        skipped.append((sentence_id, reason))

"""Sentence-level encoding for the span-pool relation classifier: one token sequence per sentence.

Pairs are grouped by sentence text; every sentence is tokenised once, without markers, and each pair
becomes a row index plus the token spans (start inclusive, end exclusive, ``[CLS]`` counted) of its
subject and object. A sentence longer than ``max_length`` gets, for each pair that does not fit, a
window cut around that pair (``encoding._window``), and pairs with the same window share it.
"""
from __future__ import annotations

from typing import Any, NamedTuple, Sequence

from .encoding import Offsets, _window, as_triple


class PairSpans(NamedTuple):
    """One pair: the row of its sentence and its subject/object token spans in that row."""

    row: int
    subject: tuple[int, int]
    object: tuple[int, int]


class SentenceBatchInput(NamedTuple):
    """Unique encoded sentences (``input_ids`` lists) and one ``PairSpans`` per input pair, in order."""

    sentences: list[list[int]]
    pairs: list[PairSpans]


def char_span_tokens(offsets: Sequence[tuple[int, int]], span: Offsets) -> tuple[int, int]:
    """Token indices [first, last] overlapping the character span; nearest token for empty spans."""
    start, end = span
    hits = [i for i, (a, b) in enumerate(offsets) if a < max(end, start + 1) and b > start and b > a]
    if hits:
        return hits[0], hits[-1]
    nearest = min(range(len(offsets)), key=lambda i: (abs(offsets[i][0] - start), i))
    return nearest, nearest


def _remap(span: tuple[int, int], index_of: dict[int, int]) -> tuple[int, int]:
    """A [first, last] token span in window coordinates as (start, end) with end exclusive."""
    inside = [index_of[t] for t in range(span[0], span[1] + 1) if t in index_of]
    return inside[0], inside[-1] + 1


def tokenised_once(tokenizer, texts: Sequence[str]) -> dict[str, tuple[list[int], list[tuple[int, int]]]]:
    """Text -> (word-piece ids, character offsets) for each distinct text, tokenised in one batch call."""
    distinct = list(dict.fromkeys(texts))
    if not distinct:
        return {}
    encoded = tokenizer(distinct, add_special_tokens=False, return_offsets_mapping=True)
    return {text: (list(ids), [tuple(o) for o in offsets])
            for text, ids, offsets in zip(distinct, encoded["input_ids"], encoded["offset_mapping"])}


def encode_sentences(tokenizer, items: Sequence[Any], max_length: int) -> SentenceBatchInput:
    """Encode each distinct (sentence, window) once and locate every pair's spans in it."""
    if max_length < 12:
        raise ValueError("max_length must be at least 12")
    budget = max_length - 2
    triples = [as_triple(item) for item in items]
    tokenised = tokenised_once(tokenizer, [text for text, _s, _o in triples])
    rows: dict[tuple[str, tuple[int, ...]], int] = {}
    sentences: list[list[int]] = []
    pairs: list[PairSpans] = []
    for text, subject, obj in triples:
        ids, offsets = tokenised[text]
        if not ids:
            raise ValueError(f"no tokens in sentence {text!r}")
        s_span, o_span = char_span_tokens(offsets, subject), char_span_tokens(offsets, obj)
        keep = tuple(_window(len(ids), sorted({*s_span, *o_span}), budget))
        key = (text, keep if len(ids) > budget else ())
        if key not in rows:
            rows[key] = len(sentences)
            sentences.append([tokenizer.cls_token_id] + [ids[i] for i in keep] + [tokenizer.sep_token_id])
        index_of = {old: new + 1 for new, old in enumerate(keep)}
        pairs.append(PairSpans(rows[key], _remap(s_span, index_of), _remap(o_span, index_of)))
    return SentenceBatchInput(sentences, pairs)


def sentence_batches(data: SentenceBatchInput, sentences_per_batch: int) -> list[tuple[list[int], list[int]]]:
    """(sentence rows, pair indices) per batch; sentences sorted by length for tight padding."""
    by_row: dict[int, list[int]] = {}
    for index, pair in enumerate(data.pairs):
        by_row.setdefault(pair.row, []).append(index)
    order = sorted(by_row, key=lambda r: (len(data.sentences[r]), r))
    batches = []
    for begin in range(0, len(order), sentences_per_batch):
        rows = order[begin: begin + sentences_per_batch]
        batches.append((rows, [i for r in rows for i in by_row[r]]))
    return batches


def batch_arrays(data: SentenceBatchInput, rows: Sequence[int], pair_ids: Sequence[int]) -> dict[str, list]:
    """Padded ids/mask for ``rows`` and the pair tensors (row re-indexed within the batch), as lists."""
    width = max(len(data.sentences[r]) for r in rows)
    local = {row: k for k, row in enumerate(rows)}
    ids = [data.sentences[r] + [0] * (width - len(data.sentences[r])) for r in rows]
    mask = [[1] * len(data.sentences[r]) + [0] * (width - len(data.sentences[r])) for r in rows]
    chosen = [data.pairs[i] for i in pair_ids]
    return {
        "input_ids": ids, "attention_mask": mask,
        "pair_row": [local[p.row] for p in chosen],
        "subj_start": [p.subject[0] for p in chosen], "subj_end": [p.subject[1] for p in chosen],
        "obj_start": [p.object[0] for p in chosen], "obj_end": [p.object[1] for p in chosen],
    }

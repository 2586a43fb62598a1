"""Motive examples and the BIO encoding: character spans <-> token tags, via the offsets mapping.

Each of the three roles (CAUSE, EFFECT, SIGNAL) is its own BIO layer, so a signal may sit inside a
cause ("<ARG0><SIG0>to</SIG0> foil ...</ARG0>") and one relation's effect may be another's cause.
Tags are per word (the tokenizer's pre-tokenised words): a word's first word piece carries its tag,
the other pieces and the special tokens get the ignore index, so that spans never end inside a
word. A word belongs to a span when their characters overlap. Decoding turns each run of B/I words
back into a character span scored by the mean probability that its words are not O; ``max_gap``
(chosen on dev, stored with the calibration) bridges short O gaps inside a span.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple, Sequence

import numpy as np

ROLES = ("CAUSE", "EFFECT", "SIGNAL")
TAGS = ("O", "B", "I")
IGNORE = -100

Span = tuple[int, int]


class ScoredSpan(NamedTuple):
    """A predicted span: character offsets into the sentence and its score in [0, 1]."""

    start: int
    end: int
    score: float


@dataclass(frozen=True)
class MotiveExample:
    """One sentence, its causal label and the (deduplicated) spans of each role."""

    example_id: str
    text: str
    causal: int
    causes: tuple[Span, ...] = ()
    effects: tuple[Span, ...] = ()
    signals: tuple[Span, ...] = ()
    doc_id: str = ""

    def spans(self, role: str) -> tuple[Span, ...]:
        return {"CAUSE": self.causes, "EFFECT": self.effects, "SIGNAL": self.signals}[role]

    def to_dict(self) -> dict[str, Any]:
        return {"example_id": self.example_id, "text": self.text, "causal": self.causal,
                "causes": [list(s) for s in self.causes], "effects": [list(s) for s in self.effects],
                "signals": [list(s) for s in self.signals], "doc_id": self.doc_id}


def unique_spans(spans: Sequence[Span]) -> tuple[Span, ...]:
    return tuple(sorted({(int(a), int(b)) for a, b in spans}))


def tag_tokens(offsets: Sequence[Span], spans: Sequence[Span]) -> list[int]:
    """One role's tag ids for words (or tokens) with character ``offsets``; the first overlapping one is B.

    One already inside an earlier span keeps its tag, so overlapping spans of one role merge.
    """
    tags = [0] * len(offsets)
    for start, end in sorted(spans):
        inside = [i for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]
        for rank, index in enumerate(inside):
            if tags[index] == 0:
                tags[index] = 1 if rank == 0 else 2
    return tags


def word_pieces(word_ids: Sequence[int | None], offsets: Sequence[Span]) -> tuple[list[int], list[Span]]:
    """(index of each word's first piece, character extent of each word) from the tokenizer's word ids."""
    firsts: list[int] = []
    extents: list[Span] = []
    for index, (word, (start, end)) in enumerate(zip(word_ids, offsets)):
        if word is None:
            continue
        if index and word == word_ids[index - 1]:
            extents[-1] = (extents[-1][0], end)
        else:
            firsts.append(index)
            extents.append((start, end))
    return firsts, extents


def encode_sentence(tokenizer, text: str, max_length: int, example: MotiveExample | None = None) -> dict:
    """``input_ids``, ``words`` (feature index of each word's first piece) and ``word_offsets`` (each
    word's characters); with an ``example`` also ``tags`` (tokens x roles; only first pieces carry a
    tag, the others and [CLS]/[SEP] the ignore index) and ``causal``. Long sentences are cut."""
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    keep = max_length - 2
    offsets = [tuple(o) for o in encoded["offset_mapping"]][:keep]
    firsts, extents = word_pieces(encoded.word_ids()[:keep], offsets)
    ids = [tokenizer.cls_token_id] + encoded["input_ids"][:keep] + [tokenizer.sep_token_id]
    feature: dict[str, Any] = {"input_ids": ids, "words": [i + 1 for i in firsts], "word_offsets": extents}
    if example is not None:
        columns = [tag_tokens(extents, example.spans(role)) for role in ROLES]
        tags = [[IGNORE] * len(ROLES) for _ in ids]
        for word, row in enumerate(zip(*columns)):
            tags[firsts[word] + 1] = list(row)
        feature["tags"] = tags
        feature["causal"] = int(example.causal)
    return feature


def decode_role(offsets: Sequence[Span], probs: np.ndarray, *, max_gap: int = 0,
                inside_below: float | None = None) -> list[ScoredSpan]:
    """Spans of one role from per-word tag probabilities (words x 3: O, B, I); empty offsets break runs.

    A word is inside a span when its most probable tag is B or I, or, with ``inside_below``, when
    P(O) is below that value (then B vs I by the larger of the two). ``max_gap`` 0: plain BIO (a B
    word starts a new span). ``max_gap`` n > 0: maximal runs of inside words, bridging up to n O
    words between them (B no longer splits), which mends spans the tagger broke into pieces.
    """
    tags = probs.argmax(axis=-1)
    if inside_below is not None:
        tags = np.where(probs[:, 0] < inside_below, 1 + (probs[:, 2] > probs[:, 1]), 0)
    groups: list[list[int]] = []
    last: int | None = None  # the previous non-O word of the current run
    for index, (start, end) in enumerate(offsets):
        if end <= start:
            last = None
            continue
        if tags[index] == 0:
            continue
        new = last is None or index - last - 1 > max_gap or (max_gap == 0 and tags[index] == 1)
        if new:
            groups.append([index])
        else:
            groups[-1].extend(range(last + 1, index + 1))
        last = index
    return [ScoredSpan(offsets[g[0]][0], offsets[g[-1]][1], round(float(np.mean([1.0 - probs[i, 0] for i in g])), 6))
            for g in groups]


def decode_sentence(offsets: Sequence[Span], probs: np.ndarray, *, max_gap: int = 0,
                    inside_below: float | None = None) -> dict[str, list[ScoredSpan]]:
    """Spans per role from probabilities shaped words x roles x tags."""
    return {role: decode_role(offsets, probs[:, r, :], max_gap=max_gap, inside_below=inside_below)
            for r, role in enumerate(ROLES)}

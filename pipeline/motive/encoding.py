"""Motive examples and the BIO encoding: character spans <-> token tags, via the offsets mapping.

Each of the three roles (CAUSE, EFFECT, SIGNAL) is its own BIO layer, so a signal may sit inside a
cause ("<ARG0><SIG0>to</SIG0> foil ...</ARG0>") and one relation's effect may be another's cause.
Special tokens get the ignore index; a token belongs to a span when their characters overlap.
Decoding turns each run of B/I tokens back into a character span scored by the mean probability
that its tokens are not O.
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
    """One role's tag ids for tokens with character ``offsets``; first overlapping token is B.

    A token already inside an earlier span keeps its tag, so overlapping spans of one role merge.
    """
    tags = [0] * len(offsets)
    for start, end in sorted(spans):
        inside = [i for i, (s, e) in enumerate(offsets) if e > s and s < end and e > start]
        for rank, index in enumerate(inside):
            if tags[index] == 0:
                tags[index] = 1 if rank == 0 else 2
    return tags


def encode_sentence(tokenizer, text: str, max_length: int, example: MotiveExample | None = None) -> dict:
    """``input_ids``, ``offsets`` (sentence characters of each token; (0, 0) for [CLS]/[SEP]) and,
    with an ``example``, ``tags`` (tokens x roles) and ``causal``. Long sentences are cut."""
    encoded = tokenizer(text, add_special_tokens=False, return_offsets_mapping=True)
    offsets = [tuple(o) for o in encoded["offset_mapping"]][: max_length - 2]
    ids = [tokenizer.cls_token_id] + encoded["input_ids"][: max_length - 2] + [tokenizer.sep_token_id]
    feature: dict[str, Any] = {"input_ids": ids, "offsets": [(0, 0)] + offsets + [(0, 0)]}
    if example is not None:
        columns = [tag_tokens(offsets, example.spans(role)) for role in ROLES]
        ignore = [IGNORE] * len(ROLES)
        feature["tags"] = [ignore] + [list(row) for row in zip(*columns)] + [ignore]
        feature["causal"] = int(example.causal)
    return feature


def decode_role(offsets: Sequence[Span], probs: np.ndarray) -> list[ScoredSpan]:
    """Spans of one role from per-token tag probabilities (tokens x 3: O, B, I)."""
    spans: list[ScoredSpan] = []
    current: list[int] = []

    def close() -> None:
        if current:
            score = float(np.mean([1.0 - probs[i, 0] for i in current]))
            spans.append(ScoredSpan(offsets[current[0]][0], offsets[current[-1]][1], round(score, 6)))
            current.clear()

    for index, (start, end) in enumerate(offsets):
        if end <= start:  # special token
            close()
            continue
        tag = int(np.argmax(probs[index]))
        if tag == 1 or (tag == 2 and not current):
            close()
            current.append(index)
        elif tag == 2:
            current.append(index)
        else:
            close()
    close()
    return spans


def decode_sentence(offsets: Sequence[Span], probs: np.ndarray) -> dict[str, list[ScoredSpan]]:
    """Spans per role from probabilities shaped tokens x roles x tags."""
    return {role: decode_role(offsets, probs[:, r, :]) for r, role in enumerate(ROLES)}

"""Relation examples, entity markers and pair-preserving tokenisation.

The subject is wrapped in ``[[ ... ]]`` and the object in ``<< ... >>``: both are pairs of tokens
already in the uncased BERT vocabulary, so no token is added and the word-embedding matrix can stay
frozen. The classifier reads the hidden states at the two opening markers.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Sequence

SUBJECT_MARKERS = ("[[", "]]")
OBJECT_MARKERS = ("<<", ">>")
MARKERS = {"subject": list(SUBJECT_MARKERS), "object": list(OBJECT_MARKERS)}

Offsets = tuple[int, int]


@dataclass(frozen=True)
class RelationExample:
    """One (sentence, subject, object) pair with its label; offsets index into ``text``."""

    example_id: str
    text: str
    subject: Offsets
    object: Offsets
    label: str
    weight: float = 1.0
    source: str = "gold"
    doc_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["subject"], data["object"] = list(self.subject), list(self.object)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "RelationExample":
        return cls(
            example_id=str(data["example_id"]), text=str(data["text"]),
            subject=(int(data["subject"][0]), int(data["subject"][1])),
            object=(int(data["object"][0]), int(data["object"][1])),
            label=str(data["label"]), weight=float(data.get("weight", 1.0)),
            source=str(data.get("source", "gold")), doc_id=str(data.get("doc_id", "")),
        )


def _insertions(subject: Offsets, obj: Offsets) -> list[tuple[tuple, str, str]]:
    """Marker insertions with a sort key that nests overlapping spans deterministically.

    At one position closing markers come before opening ones; of two openings the longer span
    opens first (subject first on a tie); of two closings the later-opened span closes first.
    """
    items = []
    for role, (start, end), rank in (("subject", subject, 0), ("object", obj, 1)):
        opening, closing = MARKERS[role]
        items.append(((start, 1, -end, rank), role + "_open", opening))
        items.append(((end, 0, -start, 1 - rank), role + "_close", closing))
    return sorted(items, key=lambda item: item[0])


def mark_pair_positions(text: str, subject: Offsets, obj: Offsets) -> tuple[str, dict[str, int]]:
    """The marked text and the character index of each marker in it."""
    for start, end in (subject, obj):
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span {(start, end)} outside text of length {len(text)}")
    pieces: list[str] = []
    positions: dict[str, int] = {}
    cursor, length = 0, 0
    for (pos, *_), name, marker in _insertions(subject, obj):
        chunk = text[cursor:pos]
        pieces.append(chunk)
        length += len(chunk)
        is_open = name.endswith("_open")
        before, after = ("", " ") if is_open else (" ", "")
        positions[name] = length + len(before)
        pieces.append(before + marker + after)
        length += len(before) + len(marker) + len(after)
        cursor = pos
    pieces.append(text[cursor:])
    return "".join(pieces), positions


def mark_pair(text: str, subject: Offsets, object: Offsets) -> str:  # noqa: A002 - DESIGN name
    """``text`` with ``[[ subject ]]`` and ``<< object >>`` inserted."""
    return mark_pair_positions(text, subject, object)[0]


def _token_at(offsets: Sequence[tuple[int, int]], char: int) -> int:
    for index, (start, _end) in enumerate(offsets):
        if start == char:
            return index
    raise ValueError(f"no token starts at marker position {char}")


def _window(n_tokens: int, required: list[int], budget: int) -> list[int]:
    """Token indices to keep: all if they fit; else a window around the pair; else marker-nearest."""
    if n_tokens <= budget:
        return list(range(n_tokens))
    low, high = min(required), max(required) + 1
    if high - low <= budget:
        start = max(0, low - (budget - (high - low)) // 2)
        end = min(n_tokens, start + budget)
        return list(range(max(0, end - budget), end))
    must = set(required)
    others = sorted((i for i in range(n_tokens) if i not in must), key=lambda i: (min(abs(i - r) for r in must), i))
    return sorted(must | set(others[: budget - len(must)]))


def encode_pair(tokenizer, text: str, subject: Offsets, obj: Offsets, max_length: int) -> dict:
    """``input_ids``, ``attention_mask`` and the token indices of the two opening markers.

    When the sentence is longer than ``max_length`` it is cut around the pair so that all four
    markers (two tokens each) stay inside the window.
    """
    if max_length < 12:
        raise ValueError("max_length must be at least 12 to hold the markers")
    marked, positions = mark_pair_positions(text, subject, obj)
    encoded = tokenizer(marked, add_special_tokens=False, return_offsets_mapping=True)
    offsets = encoded["offset_mapping"]
    marker_tokens = {name: _token_at(offsets, pos) for name, pos in positions.items()}
    required = sorted({t + k for t in marker_tokens.values() for k in (0, 1)})
    keep = _window(len(offsets), required, max_length - 2)
    ids = [tokenizer.cls_token_id] + [encoded["input_ids"][i] for i in keep] + [tokenizer.sep_token_id]
    index_of = {old: new + 1 for new, old in enumerate(keep)}
    return {
        "input_ids": ids,
        "attention_mask": [1] * len(ids),
        "subj_index": index_of[marker_tokens["subject_open"]],
        "obj_index": index_of[marker_tokens["object_open"]],
    }


def as_triple(item: Any) -> tuple[str, Offsets, Offsets]:
    """(text, subject, object) from a RelationExample or a triple."""
    if isinstance(item, RelationExample):
        return item.text, item.subject, item.object
    text, subject, obj = item
    return text, (int(subject[0]), int(subject[1])), (int(obj[0]), int(obj[1]))


def length_sorted_batches(encoded: Sequence[dict], batch_size: int) -> list[list[int]]:
    """Indices of ``encoded`` in batches of ``batch_size``, shortest ``input_ids`` first."""
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
    return [order[begin: begin + batch_size] for begin in range(0, len(order), batch_size)]


def encode_item(tokenizer: Any, item: Any, max_length: int) -> dict:
    """One relation item (triple, dict or ``RelationExample``) tokenised with its markers."""
    text, subject, obj = as_triple(item)
    return encode_pair(tokenizer, text, subject, obj, max_length)

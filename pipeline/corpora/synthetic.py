"""Synthetic event sentences (issue 11 item 3): written from the PLOVER definitions of the annotation
guide for the thinnest types, train only.

Records live in ``corpora/annotations/synthetic/events-synthetic.jsonl``, one sentence each:
``{"id": "syn-0001", "source": "synthetic", "type": "SANCTION" | null, "negated": false,
"modality": "asserted", "markup": "..."}``. The markup is the sentence with its event marked in place:
sources ``[[CODE|text]]``, targets ``<<CODE|text>>`` and the trigger ``{{text}}``, where CODE is an
ISO 3166-1 alpha-3 code, ``IGO``, ``NGO``, ``IMG`` or ``null``. A record holds one event (several
sources or targets for coordination); ``type: null`` marks a hard negative: a sentence with actors and
tempting words but no event, written with no marks at all.

``parse_markup`` gives the plain sentence and its events in the structure the Wikinews event gold
resolves to (``event_gold.resolve``): ``type``, ``trigger`` ``[start, end]``, ``sources`` and
``targets`` as ``{"span": [start, end], "code"}``, ``negated``, ``modality``; offsets into the plain
sentence. ``load_synthetic_examples`` turns them into classifier pairs the way the event gold is
(``event_examples.sentence_examples``), ``source="synthetic"``. Any split but ``train`` is refused:
these sentences must never reach dev or test.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from geoclaims.errors import GeoclaimsError

from . import REPO_ROOT

if TYPE_CHECKING:
    from geoclaims.relations.encoding import RelationExample

SYNTHETIC = REPO_ROOT / "corpora" / "annotations" / "synthetic" / "events-synthetic.jsonl"
SPECIAL_CODES = frozenset({"IGO", "NGO", "IMG"})
MODALITIES = ("asserted", "reported", "hedged", "intended", "future", "hypothetical")

# one mark: [[CODE|text]] (source), <<CODE|text>> (target) or {{text}} (trigger)
_MARK = re.compile(r"\[\[([^|\[\]<>{}]*)\|([^\[\]<>{}]+)\]\]|<<([^|\[\]<>{}]*)\|([^\[\]<>{}]+)>>|\{\{([^\[\]<>{}|]+)\}\}")
_STRAY = re.compile(r"\[\[|\]\]|<<|>>|\{\{|\}\}")
_CODE = re.compile(r"[A-Z]{3}")


def _error(record_id: str | None, message: str) -> GeoclaimsError:
    where = f"synthetic record {record_id}" if record_id else "synthetic markup"
    return GeoclaimsError("GC208", f"{where}: {message}")


def _code(raw: str, record_id: str | None) -> str | None:
    raw = raw.strip()
    if raw == "null":
        return None
    if raw in SPECIAL_CODES or _CODE.fullmatch(raw):
        return raw
    raise _error(record_id, f"bad actor code {raw!r} (an ISO alpha-3 code, IGO, NGO, IMG or null)")


def parse_markup(markup: str, *, record_id: str | None = None) -> tuple[str, dict]:
    """``markup`` -> (plain sentence, marks): ``{"trigger": [s, e] | None, "sources": [...], "targets": [...]}``,
    mentions as ``{"span": [s, e], "code"}``, offsets into the plain sentence.

    Raises GeoclaimsError GC208 (naming ``record_id``) for stray or unclosed brackets, bad codes,
    empty or padded mention texts and more than one trigger.
    """
    if not isinstance(markup, str) or not markup.strip():
        raise _error(record_id, "empty markup")
    parts: list[str] = []
    sources: list[dict] = []
    targets: list[dict] = []
    triggers: list[list[int]] = []
    length, last = 0, 0
    for match in _MARK.finditer(markup):
        between = markup[last:match.start()]
        if _STRAY.search(between):
            raise _error(record_id, f"malformed mark near {between[-40:]!r}")
        parts.append(between)
        length += len(between)
        if match.group(2) is not None:
            code, text, bucket = match.group(1), match.group(2), sources
        elif match.group(4) is not None:
            code, text, bucket = match.group(3), match.group(4), targets
        else:
            code, text, bucket = None, match.group(5), None
        if text != text.strip() or not text.strip():
            raise _error(record_id, f"mention text {text!r} is empty or has outer spaces")
        span = [length, length + len(text)]
        if bucket is None:
            triggers.append(span)
        else:
            bucket.append({"span": span, "code": _code(code, record_id)})
        parts.append(text)
        length += len(text)
        last = match.end()
    tail = markup[last:]
    if _STRAY.search(tail):
        raise _error(record_id, f"malformed mark near {tail[:40]!r}")
    parts.append(tail)
    if len(triggers) > 1:
        raise _error(record_id, "more than one trigger {{...}}: one event per record")
    text = "".join(parts)
    if text != text.strip():
        raise _error(record_id, "sentence has outer spaces")
    return text, {"trigger": triggers[0] if triggers else None, "sources": sources, "targets": targets}


def parse_record(record: dict) -> tuple[str, list[dict]]:
    """One synthetic record -> (sentence, events): one event, or none for a hard negative (``type: null``)."""
    from geoclaims.records import PLOVER_TYPES

    record_id = record.get("id") if isinstance(record, dict) else None
    if not isinstance(record, dict) or not isinstance(record_id, str):
        raise _error(None, f"record without a string id: {str(record)[:80]!r}")
    if record.get("source") != "synthetic":
        raise _error(record_id, "'source' must be 'synthetic'")
    kind = record.get("type")
    negated, modality = record.get("negated", False), record.get("modality", "asserted")
    if not isinstance(negated, bool):
        raise _error(record_id, "'negated' must be true or false")
    if modality not in MODALITIES:
        raise _error(record_id, f"bad modality {modality!r}")
    text, marks = parse_markup(record.get("markup"), record_id=record_id)
    if kind is None:
        if marks["trigger"] or marks["sources"] or marks["targets"]:
            raise _error(record_id, "a hard negative (type null) carries no marks")
        if negated or modality != "asserted":
            raise _error(record_id, "a hard negative (type null) has negated false, modality asserted")
        return text, []
    if kind not in PLOVER_TYPES:
        raise _error(record_id, f"unknown type {kind!r}")
    if marks["trigger"] is None:
        raise _error(record_id, "an event needs its trigger {{...}}")
    if not marks["sources"] and not marks["targets"]:
        raise _error(record_id, "an event needs a source or a target")
    return text, [{"type": kind, "trigger": marks["trigger"], "sources": marks["sources"],
                   "targets": marks["targets"], "negated": negated, "modality": modality}]


def iter_synthetic_records(path: Path = SYNTHETIC) -> Iterator[dict]:
    """The raw records of the synthetic file, in order."""
    if not path.is_file():
        raise GeoclaimsError("GC208", f"{path} not found")
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as err:
                raise GeoclaimsError("GC208", f"{path}:{number}: {err}") from err


def _check_split(split: str) -> None:
    if split != "train":
        raise GeoclaimsError("GC208", f"synthetic sentences are train-only: split {split!r} was asked for; "
                                      "they must never be used for dev or test")


def iter_synthetic_sentences(split: str = "train", path: Path = SYNTHETIC) -> Iterator[dict]:
    """``{"id", "text", "events"}`` per record (train only)."""
    _check_split(split)
    for record in iter_synthetic_records(path):
        text, events = parse_record(record)
        yield {"id": record["id"], "text": text, "events": events}


def load_synthetic_examples(split: str = "train", keep_none: float = 1.0,
                            path: str | Path | None = None) -> Iterator[RelationExample]:
    """``geoclaims.datasets.synthetic.v1``: the synthetic sentences as classifier pairs (train only)."""
    from .event_examples import kept

    _check_split(split)  # refuse at call time, not at first iteration
    return kept(_synthetic_examples(split, Path(path) if path else SYNTHETIC), keep_none)


def _synthetic_examples(split: str, path: Path):
    from .event_examples import sentence_examples

    for sentence in iter_synthetic_sentences(split, path):
        yield from sentence_examples(sentence["text"], sentence["events"], key=sentence["id"],
                                     doc_id=sentence["id"], source="synthetic")

"""Motive datasets: the Causal News Corpus as ``MotiveExample``s, split by document.

``cnc`` (``geoclaims.datasets.cnc_motive.v1``) reads subtask 2's grouped file through
``geoclaims.corpora.cnc.iter_cnc_spans`` and keeps one split of the project's document split
(``geoclaims.corpora.standoff.document_split``), so that the motive splits agree with the relation
gold splits. Command-line specs look like ``cnc:dev``; config entries like ``{name = "cnc", split = "train"}``.
``jsonl`` (``geoclaims.datasets.jsonl_motive.v1``; also any ``.jsonl`` path on the command line) reads
``MotiveExample`` dicts from a JSON Lines file (tests, hand-made data).
"""
from __future__ import annotations

import sys
from typing import Any, Iterable, Iterator

from .. import registry
from ..errors import GeoclaimsError
from ..ml.datasets import iter_dataset, parse_data_arg, spec_label
from .encoding import MotiveExample, unique_spans

PREFIX, SUFFIX = "geoclaims.datasets.", "_motive.v1"
SPLITS = ("train", "dev", "test", "all")


@registry.datasets.register("geoclaims.datasets.cnc_motive.v1")
def read_cnc_motive(split: str = "train", limit: int | None = None, quiet: bool = True) -> Iterator[MotiveExample]:
    """CNC sentences of one document split (``all`` for every sentence) as MotiveExamples."""
    from geoclaims.corpora.cnc import cnc_document, iter_cnc_spans
    from geoclaims.corpora.standoff import document_split

    if split not in SPLITS:
        raise GeoclaimsError("GC208", f"cnc split must be one of {SPLITS}, got {split!r}")
    skipped: list[tuple[str, str]] = []
    count = 0
    for sentence in iter_cnc_spans(skipped=skipped):
        if split != "all" and document_split(sentence.sentence_id) != split:
            continue
        if limit is not None and count >= limit:
            break
        count += 1
        relations = sentence.relations
        yield MotiveExample(
            example_id=sentence.sentence_id, text=sentence.text, causal=sentence.causal,
            causes=unique_spans([r.cause for r in relations]), effects=unique_spans([r.effect for r in relations]),
            signals=unique_spans([s for r in relations for s in r.signals]),
            doc_id=cnc_document(sentence.sentence_id))
    if skipped and not quiet:
        print(f"[cnc] skipped {len(skipped)} malformed relations", file=sys.stderr)


@registry.datasets.register("geoclaims.datasets.jsonl_motive.v1")
def read_motive_jsonl(path: str, limit: int | None = None) -> Iterator[MotiveExample]:
    """MotiveExample dicts (``to_dict`` form), one per line; ``limit`` keeps the first N."""
    import json
    from pathlib import Path

    lines = [line for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]
    for number, line in enumerate(lines[:limit] if limit is not None else lines, 1):
        try:
            data = json.loads(line)
            yield MotiveExample(str(data["example_id"]), str(data["text"]), int(data["causal"]),
                                *(unique_spans(data.get(key, [])) for key in ("causes", "effects", "signals")),
                                doc_id=str(data.get("doc_id", "")))
        except (ValueError, KeyError, TypeError) as err:
            raise GeoclaimsError("GC208", f"{path}:{number}: {err}") from err


def full_name(name: str) -> str:
    """``cnc`` -> ``geoclaims.datasets.cnc_motive.v1``; full names pass through."""
    return name if name.startswith(PREFIX) else f"{PREFIX}{name}{SUFFIX}"


def load_motive_examples(specs: Iterable[dict[str, Any] | str]) -> list[MotiveExample]:
    """All examples of the listed specs (dicts or ``NAME[:split]`` strings), in order."""
    return [example for spec in specs for example in iter_dataset(as_spec(spec))]


def as_spec(spec: dict[str, Any] | str) -> dict[str, Any]:
    """A spec dict with the full registered name (``cnc:dev`` -> the cnc_motive reader, split dev)."""
    parsed = parse_data_arg(spec) if isinstance(spec, str) else dict(spec)
    return {**parsed, "name": full_name(str(parsed.get("name", "")))}


def motive_spec_label(spec: dict[str, Any] | str) -> str:
    return spec_label(as_spec(spec))

"""The article texts behind a claim store: read from the inputs, as ``extract`` saw them.

Claim offsets point into the text after the readers and ftfy normalisation, so the texts are read
with the same readers and the same ``normalise`` step. The inputs are the ``--input`` paths or,
by default, the ones the store's manifest records; ``text_fits_claims`` checks that a text is the
one the claims were extracted from before it is shown with their offsets.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Iterable, Iterator

from ..readers.clean import normalise
from ..readers.detect import check_inputs, detect_format, read_inputs
from ..records import Article
from ..store import ClaimStore


def describe_inputs(paths: list[Path], fmt: str | None) -> list[dict]:
    """``{path, format}`` per input path; GC201 if one is missing, GC206 if its format is unknown."""
    paths = [Path(p) for p in paths]
    check_inputs(paths)
    return [{"path": str(p), "format": detect_format(p, fmt)} for p in paths]


def recorded_inputs(store: ClaimStore) -> tuple[list[dict], list[str]]:
    """The inputs the store's manifest records that still exist, and the paths that do not."""
    manifest = store.manifest() or {}
    found, missing = [], []
    for item in manifest.get("inputs", []):
        path = item.get("path")
        if not isinstance(path, str):
            continue
        if Path(path).exists():
            found.append({"path": path, "format": item.get("format") or detect_format(Path(path))})
        else:
            missing.append(path)
    return found, missing


def iter_articles(inputs: list[dict]) -> Iterator[Article]:
    """Every readable article of the inputs, normalised as extract does; the first of an id wins."""
    seen: set[str] = set()
    for item in normalise(read_inputs(inputs)):
        if isinstance(item, Article) and item.id not in seen:
            seen.add(item.id)
            yield item


def find_article(inputs: list[dict], article_id: str) -> Article | None:
    """The article with this id in the inputs, or None."""
    return next((a for a in iter_articles(inputs) if a.id == article_id), None)


def claims_by_article(claims: Iterable[dict]) -> dict[str, list[dict]]:
    """Claims grouped by ``article_id``, articles and claims in store order."""
    grouped: dict[str, list[dict]] = defaultdict(list)
    for claim in claims:
        grouped[str(claim.get("article_id"))].append(claim)
    return dict(grouped)


def rejected_articles(store: ClaimStore) -> dict[str, str]:
    """Article id -> ``GC107 duplicate text: ...`` for every input record extract rejected."""
    found: dict[str, str] = {}
    for reject in store.iter_rejects():
        if isinstance(reject.get("id"), str):
            reason = f"{reject.get('code')} {reject.get('reason')}: {reject.get('message')}"
            found.setdefault(reject["id"], reason)
    return found


def text_fits_claims(text: str, claims: list[dict]) -> bool:
    """True when every claim's evidence text sits at its offsets in ``text``."""
    for claim in claims:
        evidence = claim.get("evidence") or {}
        start, end = evidence.get("start"), evidence.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or text[start:end] != evidence.get("text"):
            return False
    return True


def mismatch_note(article_id: str) -> str:
    return (f"The input text of {article_id!r} does not match the claims' evidence offsets (a different "
            "version of the article?), so only the evidence stored with the claims is shown.")

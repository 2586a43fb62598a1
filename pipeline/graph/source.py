"""A claim store read part by part for graphs and exports: claims, article metadata, actor keys, dates.

``iter_parts(store_dir)`` yields one ``Part`` per committed chunk, in store order, with its claims and
the metadata (title, published, source, url, ...) of the articles it processed. The store keeps
article ids only (in the commit markers); the metadata comes from, in order:

1. an ``articles`` list in the chunk's commit marker, when the extractor wrote one;
2. the store's inputs, read again from the paths in ``manifest.json`` when their sha256 still match,
   chunked exactly as ``extract`` chunked them (so the join is streaming, one chunk at a time);
3. nothing: the articles are known by id only (a warning says so).
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Iterator, NamedTuple

from ..resources import locate_input
from ..extract import chunked
from ..records import Article
from ..store import ClaimStore, order_claim

ARTICLE_FIELDS = ("title", "published", "source", "url", "author", "language")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


class Part(NamedTuple):
    """One committed chunk of a store: its name, content digest, claims and articles."""

    name: str
    digest: str  # sha256 of the claims file bytes: the same claims give the same digest
    claims: list[dict]
    articles: dict[str, dict]  # article id -> {"id", "title", "published", "source", ...}


def open_store(store_dir: Path) -> ClaimStore:
    """The store at ``store_dir`` (GC207 when it is not one)."""
    return ClaimStore.open_for_read(Path(store_dir))


def part_digest(store: ClaimStore, part: str) -> str:
    """sha256 of a part's claims file (gzip is written with mtime 0, so bytes follow content)."""
    path = store.root / "claims" / f"{part}.jsonl.gz"
    if not path.is_file():
        path = store.root / "claims" / f"{part}.jsonl"
    return hashlib.sha256(path.read_bytes() if path.is_file() else b"").hexdigest()


def read_part_claims(store: ClaimStore, part: str) -> list[dict]:
    """The claims of one part, keys in contract order."""
    for suffix in (".jsonl.gz", ".jsonl"):
        path = store.root / "claims" / f"{part}{suffix}"
        if path.is_file():
            data = path.read_bytes()
            text = (gzip.decompress(data) if suffix.endswith(".gz") else data).decode("utf-8")
            return [order_claim(json.loads(line)) for line in text.splitlines() if line.strip()]
    return []


def read_part_marker(store: ClaimStore, part: str) -> dict:
    path = store.root / "done" / f"{part}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def iter_parts(store_dir: Path, *, skip: set[str] | None = None) -> Iterator[Part]:
    """Every part in store order; parts whose digest is in ``skip`` come with no claims read."""
    store = open_store(store_dir)
    parts = store.parts()
    markers_have_articles = bool(parts) and "articles" in read_part_marker(store, parts[0])
    input_chunks = None if markers_have_articles else _input_chunks(store)
    for part in parts:
        marker = store.verify_part(part)  # GC222 when the marker or the claims file was damaged
        store.part_bytes("claims", part, marker)
        chunk = next(input_chunks, None) if input_chunks is not None else None
        digest = part_digest(store, part)
        if skip and digest in skip:
            yield Part(part, digest, [], {})
            continue
        yield Part(part, digest, read_part_claims(store, part), _part_articles(marker, chunk))


def _part_articles(marker: dict, chunk: list | None) -> dict[str, dict]:
    """Article metadata of one part: the marker's own list, else the re-read input chunk, else ids."""
    ids = list(marker.get("accepted_ids", []))
    if marker.get("articles"):
        return {a["id"]: article_meta(a) for a in marker["articles"]}
    read = {a.id: a.to_dict() for a in (chunk or []) if isinstance(a, Article)}
    if chunk is not None and not set(ids) <= set(read):
        print(f"geoclaims: warning: {marker.get('part')}: the re-read input chunk does not hold its "
              "articles; they are known by id only", file=sys.stderr)
    return {i: article_meta(read.get(i, {"id": i})) for i in ids}


def article_meta(record: dict) -> dict:
    """``{"id", "title", "published", "source", "url", "author", "language"}``, missing ones None."""
    return {"id": record["id"], **{k: record.get(k) for k in ARTICLE_FIELDS}}


def _input_chunks(store: ClaimStore) -> Iterator[list] | None:
    """The store's inputs re-read and chunked as extract did, or None when they cannot be."""
    manifest = store.manifest()
    if manifest is None or not manifest.get("inputs"):
        return None
    from ..readers.detect import describe_input, read_inputs

    inputs = []
    for item in manifest["inputs"]:
        path = locate_input(Path(item["path"]))
        if path is None or describe_input(path, item["format"])["sha256"] != item["sha256"]:
            print(f"geoclaims: warning: input {item['path']} is gone or changed; articles are known "
                  "by id only (no title, date or source)", file=sys.stderr)
            return None
        inputs.append({**item, "path": str(path)})
    return chunked(read_inputs(inputs), int(manifest["config"]["chunk_size"]))


# ---- keys and dates ---------------------------------------------------------------------------
def actor_key(mention: dict | None) -> str | None:
    """``CODE|Name`` of an actor mention (name falls back to the text), None for no mention."""
    if not mention:
        return None
    name = mention.get("name") or mention.get("text") or ""
    return f"{mention.get('code') or ''}|{name}"


def actor_name(mention: dict) -> str:
    return mention.get("name") or mention.get("text") or ""


def iso_day(value: str | None) -> str | None:
    """The first day of an ISO 8601 date, month, year or interval (``1987-02`` -> ``1987-02-01``)."""
    if not value:
        return None
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.group(1), match.group(2) or "01", match.group(3) or "01"
    return f"{year}-{month}-{day}"


def claim_date(claim: dict, article: dict | None) -> str | None:
    """When the claim happened: its ``time`` value if any, else its article's publication day."""
    time = claim.get("time") or {}
    return iso_day(time.get("value")) or iso_day((article or {}).get("published"))


def time_fields(claim: dict) -> tuple[str | None, str | None, int | None, int | None]:
    """``(text, value, start, end)`` of a claim's ``time`` (all None when it has none)."""
    time = claim.get("time") or {}
    return time.get("text"), time.get("value"), time.get("start"), time.get("end")

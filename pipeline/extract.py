"""The batch driver: readers -> cleaning steps -> processor -> claim store, chunk by chunk, resumable.

The processor (articles -> claims) is injected: anything with ``identity() -> dict`` and
``extract(list[Article]) -> list[list[Claim] | Reject]`` (one result per article), e.g.
``geoclaims.claims.ClaimExtractor``. A chunk with a commit marker is skipped on a rerun; its
accepted ids and text hashes are restored so duplicate detection sees what an uninterrupted run saw.
"""
from __future__ import annotations

import hashlib
import sys
from collections import Counter
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Protocol

from . import __version__
from .config import config_hash
from .errors import GeoclaimsError, Reject
from .readers.clean import Deduplicator, clean
from .readers.detect import check_inputs, describe_input, detect_format, read_inputs
from .records import Article, Claim
from .store import STORE_SCHEMA_VERSION, ClaimStore, canonical_json, chunk_key, part_name
from .store_lock import store_lock

INVARIANT = "read == processed + sum(rejected)"


class Processor(Protocol):
    def identity(self) -> dict: ...

    def extract(self, articles: list[Article]) -> list: ...


@dataclass
class Counts:
    read: int = 0
    processed: int = 0
    rejected: Counter = field(default_factory=Counter)
    claims: int = 0

    def add(self, other: dict) -> None:
        self.read += other["read"]
        self.processed += other["processed"]
        self.rejected.update(other["rejected"])
        self.claims += other["claims"]

    def to_dict(self) -> dict:
        return {"read": self.read, "processed": self.processed,
                "rejected": dict(sorted(self.rejected.items())), "claims": self.claims}

    def invariant_holds(self) -> bool:
        return self.read == self.processed + sum(self.rejected.values())


@dataclass
class RunResult:
    store: Path
    counts: Counts
    chunks_done_before: int
    chunks_processed: int
    wrote_manifest: bool

    def summary_line(self) -> str:
        c = self.counts
        rejected = sum(c.rejected.values())
        codes = ", ".join(f"{k}: {v}" for k, v in sorted(c.rejected.items()))
        return (f"read {c.read}, processed {c.processed}, rejected {rejected}"
                f"{f' ({codes})' if codes else ''}, claims {c.claims}; chunks {self.chunks_processed} "
                f"processed, {self.chunks_done_before} already done; store {self.store}")


def build_processor(config: dict, model_dir: Path, *, device: str = "cpu") -> Processor:
    """The real claim extractor (imported lazily: it loads spaCy and the relation model)."""
    model_dir = Path(model_dir)
    if not model_dir.is_dir():
        raise GeoclaimsError("GC204", f"{str(model_dir)!r} is not a directory")
    try:
        from .claims import ClaimExtractor
    except ImportError as err:
        raise GeoclaimsError("GC204", f"the claim extractor is not available ({err})") from None

    relations, motive = config.get("relations", {}), config.get("motive", {})
    return ClaimExtractor(model_dir, batch_size=config["batch_size"], backend=relations.get("backend", "auto"),
                          device=device, threads=relations.get("threads", 1),
                          motive_dir=motive_model_dir(config),
                          component=relations.get("component", "geoclaims.relations.v1"),
                          motive_component=motive.get("component", "geoclaims.motive.v1"),
                          motive_backend=motive.get("backend", "torch"), motive_threads=motive.get("threads", 1))


def motive_model_dir(config: dict) -> Path | None:
    """The configured motive model directory (GC204 when named but missing), or None when disabled."""
    from .resources import find_dir

    name = config.get("motive", {}).get("model", "")
    if not name:
        return None
    found = find_dir(name)
    if found is not None:
        return found
    raise GeoclaimsError("GC204", f"motive model {name!r} (config [motive] model) is not a directory")


def chunked(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def prepare_inputs(paths: list[Path], fmt: str | None) -> list[dict]:
    """Check the inputs exist (GC201), pick their formats (GC206) and fingerprint them."""
    paths = [Path(p) for p in paths]
    check_inputs(paths)
    return [describe_input(p, detect_format(p, fmt)) for p in paths]


def run_extract(paths: list[Path], out: Path, processor: Processor, config: dict, *,
                fmt: str | None = None, progress: Callable[[int], None] | None = None) -> RunResult:
    """Extract claims from ``paths`` into the store at ``out``; resumes a killed run."""
    inputs = prepare_inputs(paths, fmt)
    with store_lock(out):
        return _run_locked(inputs, out, processor, config, progress)


def _run_locked(inputs: list[dict], out: Path, processor: Processor, config: dict,
                progress: Callable[[int], None] | None) -> RunResult:
    extractor = processor.identity()
    identity, store = open_store(out, config, extractor)
    fingerprint = inputs_fingerprint(inputs)
    dedup, counts, parts = Deduplicator(), Counts(), []
    done_before = processed = 0
    for index, chunk in enumerate(chunked(read_inputs(inputs), config["chunk_size"])):
        key = chunk_key(fingerprint, index, identity["config_hash"], extractor)
        marker = committed_marker(store, index, key)
        if marker is None:
            marker = process_chunk(chunk, processor, config, dedup, store, index, key)
            processed += 1
        else:
            dedup.restore(marker["accepted_ids"], marker["accepted_hashes"])
            done_before += 1
        counts.add(marker["counts"])
        parts.append(part_name(index, key))
        if progress:
            progress(len(chunk))
    manifest = build_manifest(inputs, config, identity, parts, counts)
    wrote = store.finish(parts, manifest)
    return RunResult(store.root, counts, done_before, processed, wrote)


def committed_marker(store: ClaimStore, index: int, key: str) -> dict | None:
    """The chunk's marker when it is committed and intact; None (redo it) otherwise, saying why if damaged."""
    marker, damage = store.committed_marker(index, key)
    if damage:
        print(f"geoclaims: warning: {damage}; extracting that chunk again", file=sys.stderr)
    return marker


def open_store(out: Path, config: dict, extractor: dict) -> tuple[dict, ClaimStore]:
    """The run's store identity and the store opened for writing (GC202/GC205)."""
    identity = {"schema_version": STORE_SCHEMA_VERSION, "config_hash": config_hash(config),
                "extractor": extractor}
    return identity, ClaimStore.open_for_write(Path(out), identity)


def inputs_fingerprint(inputs: list[dict]) -> str:
    """SHA-256 of the inputs' descriptions without their paths: part of every chunk key."""
    return hashlib.sha256(canonical_json(
        [{k: v for k, v in item.items() if k != "path"} for item in inputs]).encode()).hexdigest()


def process_chunk(chunk: list, processor: Processor, config: dict, dedup: Deduplicator,
                  store: ClaimStore, index: int, key: str) -> dict:
    """Clean, extract and commit one chunk; its marker."""
    items, accepted = clean_chunk(chunk, config, dedup)
    articles = [item for item in items if isinstance(item, Article)]
    return commit_chunk(len(chunk), items, extract_safely(processor, articles), accepted, store, index, key)


def clean_chunk(chunk: list, config: dict, dedup: Deduplicator) -> tuple[list, tuple[list, list]]:
    """The chunk's cleaned items (Article or Reject) and the (ids, hashes) it added to ``dedup``."""
    items = list(clean(chunk, config, dedup))
    return items, dedup.take_accepted()


def commit_chunk(n_read: int, items: list, extracted: list, accepted: tuple[list, list],
                 store: ClaimStore, index: int, key: str) -> dict:
    """Write one chunk from its cleaned items and the processor's results (one per Article); its marker."""
    results = iter(extracted)
    claims: list[dict] = []
    rejects: list[dict] = []
    processed = 0
    for item in items:
        result = item if isinstance(item, Reject) else next(results)
        if isinstance(result, Reject):
            rejects.append(result.to_dict())
            continue
        processed += 1
        claims.extend(c.to_dict() if isinstance(c, Claim) else dict(c) for c in result)
    ids, hashes = accepted
    marker = {"part": part_name(index, key), "index": index, "key": key,
              "counts": {"read": n_read, "processed": processed, "claims": len(claims),
                         "rejected": dict(sorted(Counter(r["code"] for r in rejects).items()))},
              "accepted_ids": ids, "accepted_hashes": hashes,
              # article metadata (no text) for graphs/exports; geoclaims.graph.source reads it
              "articles": [{k: v for k, v in item.to_dict().items() if k != "text"}
                           for item in items if isinstance(item, Article)]}
    return store.write_chunk(index, key, claims, rejects, marker)


def extract_safely(processor: Processor, articles: list[Article]) -> list:
    """One result per article; if the batch fails, each article alone, a failure -> GC115."""
    if not articles:
        return []
    try:
        results = list(processor.extract(articles))
        if len(results) == len(articles):
            return results
    except Exception:  # noqa: BLE001 - a failing batch is retried article by article below
        pass
    return [_extract_one(processor, article) for article in articles]


def _extract_one(processor: Processor, article: Article) -> list | Reject:
    try:
        (result,) = processor.extract([article])
        return result
    except Exception as err:  # noqa: BLE001 - one bad article must not stop the batch
        return Reject("GC115", f"{type(err).__name__}: {err}"[:300], article.origin or "", article.id)


def build_manifest(inputs: list[dict], config: dict, identity: dict, parts: list[str],
                   counts: Counts) -> dict:
    """The store manifest: deterministic, no timestamps."""
    return {"schema_version": STORE_SCHEMA_VERSION, "geoclaims_version": __version__,
            "inputs": inputs, "config": config, "config_hash": identity["config_hash"],
            "extractor": identity["extractor"], "chunks": len(parts), "parts": parts,
            "counts": counts.to_dict(),
            "invariant": {"check": INVARIANT, "holds": counts.invariant_holds()}}

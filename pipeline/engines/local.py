"""``geoclaims extract --workers N``: N worker processes extract, the parent commits chunks in input order.

The parent reads, cleans and de-duplicates (cheap and order-dependent), sends each chunk's articles
to a pool of ``spawn``ed workers, each of which builds the processor once (``ProcessorFactory``), and
writes each chunk's claims, rejects and commit marker as soon as it and every chunk before it are
back. The chunk keys, part files, markers and manifest are those of ``run_extract``, byte for byte,
so a store written with N workers equals the one-process store and either can resume the other.
At most ``2 * N`` chunks are in flight, so memory stays flat as the corpus grows.
"""
from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import GeoclaimsError, Reject
from ..extract import (Counts, RunResult, build_manifest, chunked, clean_chunk, commit_chunk, committed_marker,
                      extract_safely, inputs_fingerprint, open_store, prepare_inputs)
from ..readers.clean import Deduplicator
from ..readers.detect import read_inputs
from ..records import Article, Claim
from ..store import chunk_key, part_name
from ..store_lock import store_lock

ProcessorFactory = Callable[[], Any]  # picklable (a top-level function or functools.partial)

_PROCESSOR: Any = None  # the worker's processor, built once by _init_worker


def _init_worker(factory: ProcessorFactory, torch_threads: int) -> None:
    global _PROCESSOR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the pool
    try:
        import torch

        torch.set_num_threads(torch_threads)
    except ImportError:  # a cheap injected processor does not need torch
        pass
    _PROCESSOR = factory()


def _worker_identity() -> dict:
    return _PROCESSOR.identity()


def _worker_extract(articles: list[Article]) -> list:
    """One result per article, claims as dicts (cheap to pickle), failures as GC115 rejects."""
    return [result if isinstance(result, Reject) else [c.to_dict() if isinstance(c, Claim) else dict(c)
                                                       for c in result]
            for result in extract_safely(_PROCESSOR, articles)]


def start_pool(factory: ProcessorFactory, workers: int, *, torch_threads: int = 1):
    """``workers`` spawned processes, each with its processor built; GC220 if a worker cannot start."""
    if workers < 1:
        raise GeoclaimsError("GC220", f"--workers must be at least 1, got {workers}")
    context = multiprocessing.get_context("spawn")
    return context.Pool(workers, initializer=_init_worker, initargs=(factory, torch_threads))


def run_extract_parallel(paths: list[Path], out: Path, factory: ProcessorFactory, config: dict, *, workers: int,
                         fmt: str | None = None, progress: Callable[[int], None] | None = None,
                         torch_threads: int = 1) -> RunResult:
    """``run_extract`` with ``workers`` processes; the same store, committed in input order."""
    inputs = prepare_inputs(paths, fmt)
    with store_lock(out), start_pool(factory, workers, torch_threads=torch_threads) as pool:
        try:
            extractor = pool.apply(_worker_identity)
        except Exception as err:  # noqa: BLE001 - a worker that cannot build its processor
            if isinstance(err, GeoclaimsError):
                raise
            raise GeoclaimsError("GC220", f"a worker could not start: {type(err).__name__}: {err}") from None
        identity, store = open_store(out, config, extractor)
        fingerprint = inputs_fingerprint(inputs)
        dedup, counts, parts = Deduplicator(), Counts(), []
        pending: deque = deque()
        state = {"done_before": 0, "processed": 0}

        def settle(entry: tuple) -> None:
            index, key, n_read, items, accepted, job = entry
            if job is None:  # already committed by an earlier run
                marker = store.read_marker(index, key)
                state["done_before"] += 1
            else:
                marker = commit_chunk(n_read, items, job.get(), accepted, store, index, key)
                state["processed"] += 1
            counts.add(marker["counts"])
            if progress:
                progress(n_read)

        for index, chunk in enumerate(chunked(read_inputs(inputs), config["chunk_size"])):
            key = chunk_key(fingerprint, index, identity["config_hash"], extractor)
            parts.append(part_name(index, key))
            marker = committed_marker(store, index, key)
            if marker is not None:
                dedup.restore(marker["accepted_ids"], marker["accepted_hashes"])
                pending.append((index, key, len(chunk), None, None, None))
            else:
                items, accepted = clean_chunk(chunk, config, dedup)
                articles = [item for item in items if isinstance(item, Article)]
                pending.append((index, key, len(chunk), items, accepted, pool.apply_async(_worker_extract, (articles,))))
            while len(pending) > 2 * workers or (pending and pending[0][5] is None):
                settle(pending.popleft())
        while pending:
            settle(pending.popleft())
    manifest = build_manifest(inputs, config, identity, parts, counts)
    wrote = store.finish(parts, manifest)
    return RunResult(store.root, counts, state["done_before"], state["processed"], wrote)

"""``geoclaims extract --engine ray``: the extraction on Ray Data, the same claim store as one process.

The driver reads, cleans and de-duplicates the inputs in order (cheap, and order-dependent) and stages
each pending chunk's articles as one JSON Lines file under ``<store>/.ray-staging/`` (the partitioned
input). A Ray Data pipeline maps the chunk files through ``ExtractActor``, a callable class that builds
the processor (spaCy + the relation model) once per actor; with ``preserve_order`` the driver gets the
results back in chunk order and commits each one with ``commit_chunk``, exactly as ``run_extract``
does: same chunk keys, parts, markers and manifest, same resume (committed chunks are not staged),
and nothing lost (a failing article becomes a GC115 reject inside the actor).

Local: ``ray.init`` with ``num_cpus=workers``. On a cluster: set ``RAY_ADDRESS`` (``ray start --head``
on one node, ``ray start --address=HEAD:6379`` on the others) and run the command on the head node;
every node needs the package and the models installed at the same paths; the store path must be on a
file system the driver writes (only the driver writes the store). Ray is optional:
``pip install geoclaims[ray]``.
"""
from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import asdict, replace
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

STAGING = ".ray-staging"


def require_ray():
    """The ``ray`` module; GC220 with the install hint when it is missing."""
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError:
        raise GeoclaimsError("GC220", "--engine ray needs Ray Data: pip install 'geoclaims[ray]'") from None
    return ray


def init_ray(workers: int) -> None:
    """Join the cluster named by RAY_ADDRESS, else start a local Ray with ``workers`` CPUs."""
    ray = require_ray()
    if ray.is_initialized():
        return
    if os.environ.get("RAY_ADDRESS"):
        ray.init(address=os.environ["RAY_ADDRESS"], log_to_driver=False)
    else:
        ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False)


def article_record(article: Article) -> dict:
    """An Article as JSON-ready data, ``origin`` included (``Article(**record)`` rebuilds it)."""
    return asdict(article)


def result_record(result: list | Reject) -> dict:
    """One extraction result as JSON-ready data: ``{"claims": [...]}`` or ``{"reject": {...}}``."""
    if isinstance(result, Reject):
        return {"reject": [result.code, result.message, result.source, result.record_id, result.excerpt]}
    return {"claims": [c.to_dict() if isinstance(c, Claim) else dict(c) for c in result]}


def from_result_record(record: dict) -> list | Reject:
    return Reject(*record["reject"]) if "reject" in record else record["claims"]


class ExtractActor:
    """Ray Data callable class: a batch of staged chunk files -> their results as JSON strings."""

    def __init__(self, factory: Callable[[], Any]):
        try:
            import torch

            torch.set_num_threads(1)
        except ImportError:
            pass
        self.processor = factory()

    def __call__(self, batch: dict) -> dict:
        results = []
        for path in batch["path"]:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
            articles = [Article(**json.loads(line)) for line in lines]
            results.append(json.dumps([result_record(r) for r in extract_safely(self.processor, articles)]))
        return {"index": batch["index"], "results": results}


def _identity(factory: Callable[[], Any]) -> dict:
    return factory().identity()


def stage_chunks(inputs: list[dict], config: dict, store, fingerprint: str, identity: dict,
                 staging: Path) -> Iterator[tuple]:
    """(index, key, n_read, items, accepted, staged path or None when already committed) per chunk."""
    dedup = Deduplicator()
    for index, chunk in enumerate(chunked(read_inputs(inputs), config["chunk_size"])):
        key = chunk_key(fingerprint, index, identity["config_hash"], identity["extractor"])
        marker = committed_marker(store, index, key)
        if marker is not None:
            dedup.restore(marker["accepted_ids"], marker["accepted_hashes"])
            yield index, key, len(chunk), None, None, None
            continue
        items, accepted = clean_chunk(chunk, config, dedup)
        path = staging / f"{part_name(index, key)}.jsonl"
        lines = [json.dumps(article_record(a), ensure_ascii=False) + "\n" for a in items if isinstance(a, Article)]
        path.write_text("".join(lines), encoding="utf-8")
        # the texts live on disk only; the slots keep each article's metadata for its commit marker
        slots = [item if isinstance(item, Reject) else replace(item, text="") for item in items]
        yield index, key, len(chunk), slots, accepted, path


def run_extract_ray(paths: list[Path], out: Path, factory: Callable[[], Any], config: dict, *, workers: int = 1,
                    fmt: str | None = None, progress: Callable[[int], None] | None = None) -> RunResult:
    """``run_extract`` on Ray Data with ``workers`` actors; the same store, committed in input order."""
    ray = require_ray()
    inputs = prepare_inputs(paths, fmt)
    with store_lock(out):
        return _run_ray_locked(ray, inputs, out, factory, config, workers, progress)


def _run_ray_locked(ray, inputs: list[dict], out: Path, factory: Callable[[], Any], config: dict, workers: int,
                    progress: Callable[[int], None] | None) -> RunResult:
    init_ray(workers)
    extractor = ray.get(ray.remote(_identity).remote(factory))
    identity, store = open_store(out, config, extractor)
    staging = store.root / STAGING
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    plan = list(stage_chunks(inputs, config, store, inputs_fingerprint(inputs), identity, staging))
    todo = [{"index": entry[0], "path": str(entry[5])} for entry in plan if entry[5] is not None]
    results = _ordered_results(ray, todo, factory, workers)
    counts, processed = Counts(), 0
    for index, key, n_read, items, accepted, path in plan:
        if path is None:
            marker = store.read_marker(index, key)
        else:
            got_index, extracted = next(results)
            if got_index != index:
                raise GeoclaimsError("GC220", f"Ray returned chunk {got_index} where chunk {index} was due")
            marker = commit_chunk(n_read, items, extracted, accepted, store, index, key)
            processed += 1
        counts.add(marker["counts"])
        if progress:
            progress(n_read)
    shutil.rmtree(staging, ignore_errors=True)
    parts = [part_name(entry[0], entry[1]) for entry in plan]
    wrote = store.finish(parts, build_manifest(inputs, config, identity, parts, counts))
    return RunResult(store.root, counts, len(plan) - processed, processed, wrote)


def _ordered_results(ray, todo: list[dict], factory: Callable[[], Any], workers: int) -> Iterator[tuple[int, list]]:
    """(chunk index, one result per article) for each staged chunk, in chunk order, streamed."""
    if not todo:
        return iter(())
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    dataset = ray.data.from_items(todo).map_batches(
        ExtractActor, fn_constructor_args=(factory,), batch_size=1, concurrency=max(1, workers), num_cpus=1)
    return ((int(row["index"]), [from_result_record(r) for r in json.loads(row["results"])])
            for row in dataset.iter_rows())

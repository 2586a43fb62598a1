"""Claim clusters: the same claim seen in many articles, merged by an on-disk external sort.

Cluster key: subject (code, name), object (code, name), PLOVER type, negation; within a key, claims
whose dates (the claim's ``time``, else its article's publication day) lie within ``window_days`` of
the previous one chain into one cluster (undated claims form one cluster per key).

Streaming: each store part is turned into member rows, sorted in runs of at most ``run_rows`` rows
and written to ``AGG/runs/<part digest>-NNNN.jsonl.gz``; clusters come from a k-way merge of the runs
(in passes of ``fan_in`` files), so memory holds one run and one cluster, never the store.
Incremental: ``AGG/state.json`` lists the part digests folded in; a rerun folds only new parts,
drops the runs of parts no longer in the store, and re-merges. Everything written is deterministic:
two runs over the same store give the same bytes, and an incremental run equals a fresh one.
"""
from __future__ import annotations

import gzip
import hashlib
import heapq
import json
import shutil
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import GeoclaimsError
from ..store import atomic_write, canonical_json, write_if_changed
from .source import actor_name, claim_date, iter_parts

AGG_SCHEMA = "geoclaims.aggregate.v1"
STATE_FILE = "state.json"
CLUSTERS_FILE = "clusters.jsonl"
SEP = "\x1f"


@dataclass
class AggregateResult:
    out: Path
    parts_folded: int
    parts_kept: int
    parts_dropped: int
    claims: int
    clusters: int

    def summary_line(self) -> str:
        return (f"clusters {self.clusters} from {self.claims} claims; parts {self.parts_folded} folded, "
                f"{self.parts_kept} already folded, {self.parts_dropped} dropped; {self.out}")


# ---- member rows ------------------------------------------------------------------------------
def cluster_key(claim: dict) -> str:
    """subject code, name; object code, name; type; negated, joined (codes '' when unknown)."""
    s, o, p = claim["subject"], claim["object"] or {}, claim["predicate"]  # no object: an event with no target
    parts = [s.get("code") or "", actor_name(s), o.get("code") or "", actor_name(o), p["type"],
             "1" if p.get("negated") else "0"]
    return SEP.join(parts)


def member_row(claim: dict, article: dict | None) -> list:
    """What a cluster needs of one claim: [key, date, claim_id, article_id, published, source,
    confidence, evidence text, start, end]; sorts by key, date, claim id."""
    article = article or {}
    ev = claim.get("evidence") or {}
    published = (article.get("published") or "")[:10] or None
    return [cluster_key(claim), claim_date(claim, article) or "", claim["claim_id"], claim["article_id"],
            published, article.get("source"), float(claim.get("confidence") or 0.0),
            ev.get("text"), ev.get("start"), ev.get("end")]


def write_runs(rows: Iterable[list], runs_dir: Path, prefix: str, run_rows: int) -> list[str]:
    """Rows sorted in runs of ``run_rows`` and written as gzip JSON Lines; the run file names."""
    names, batch = [], []
    for row in rows:
        batch.append(row)
        if len(batch) >= run_rows:
            names.append(_write_run(batch, runs_dir, f"{prefix}-{len(names):04d}"))
            batch = []
    if batch or not names:
        names.append(_write_run(batch, runs_dir, f"{prefix}-{len(names):04d}"))
    return names


def _write_run(batch: list[list], runs_dir: Path, stem: str) -> str:
    batch.sort(key=lambda r: (r[0], r[1], r[2]))
    data = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in batch)
    name = f"{stem}.jsonl.gz"
    atomic_write(runs_dir / name, gzip.compress(data.encode("utf-8"), mtime=0))
    return name


def _read_run(path: Path) -> Iterator[list]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def merged_rows(paths: list[Path], scratch: Path, fan_in: int) -> Iterator[list]:
    """All rows of the sorted runs in one sorted stream; more than ``fan_in`` runs merge in passes."""
    level = 0
    while len(paths) > fan_in:
        scratch.mkdir(parents=True, exist_ok=True)
        merged = []
        for i in range(0, len(paths), fan_in):
            with ExitStack() as stack:
                streams = [stack.enter_context(_closing(_read_run(p))) for p in paths[i:i + fan_in]]
                rows = heapq.merge(*streams, key=_sort_key)
                out = scratch / f"merge-{level}-{i // fan_in:06d}.jsonl.gz"
                with gzip.open(out, "wt", encoding="utf-8", compresslevel=1) as handle:
                    for row in rows:
                        handle.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            merged.append(out)
        paths, level = merged, level + 1
    yield from heapq.merge(*(_read_run(p) for p in paths), key=_sort_key)


def _sort_key(row: list) -> tuple:
    return row[0], row[1], row[2]


class _closing:
    def __init__(self, gen: Iterator):
        self.gen = gen

    def __enter__(self) -> Iterator:
        return self.gen

    def __exit__(self, *exc) -> None:
        self.gen.close()


# ---- clusters ---------------------------------------------------------------------------------
def _days(day: str) -> int:
    from datetime import date

    return date.fromisoformat(day).toordinal()


def split_by_window(rows: Iterable[list], window_days: int) -> Iterator[list[list]]:
    """Rows of one key (sorted by date) cut where the gap to the previous date exceeds the window."""
    current: list[list] = []
    last: int | None = None
    for row in rows:
        day = _days(row[1]) if row[1] else None
        undated_edge = current and (last is None) != (day is None)
        too_far = current and day is not None and last is not None and day - last > window_days
        if undated_edge or too_far:
            yield current
            current = []
        current.append(row)
        last = day
    if current:
        yield current


def build_cluster(rows: list[list]) -> dict:
    """One cluster record from its member rows (sorted by date, claim id)."""
    s_code, s_name, o_code, o_name, ptype, negated = rows[0][0].split(SEP)
    confidences = [r[6] for r in rows]
    best = max(enumerate(rows), key=lambda item: (item[1][6], -item[0]))[1]
    published = sorted(r[4] for r in rows if r[4])
    dates = [r[1] for r in rows if r[1]]
    members = [r[2] for r in rows]
    digest = hashlib.sha256(f"{rows[0][0]}{SEP}{rows[0][1]}{SEP}{rows[0][2]}".encode()).hexdigest()
    return {
        "cluster_id": digest[:20],
        "subject": {"code": s_code or None, "name": s_name},
        "object": {"code": o_code or None, "name": o_name} if o_code or o_name else None,
        "type": ptype,
        "negated": negated == "1",
        "support": len(rows),
        "articles": len({r[3] for r in rows}),
        "sources": sorted({r[5] for r in rows if r[5]}),
        "first_seen": published[0] if published else None,
        "last_seen": published[-1] if published else None,
        "period": {"start": dates[0], "end": dates[-1]} if dates else None,
        "confidence": {"mean": round(sum(confidences) / len(confidences), 4), "max": max(confidences)},
        "members": members,
        "best_evidence": {"claim_id": best[2], "article_id": best[3], "text": best[7],
                          "start": best[8], "end": best[9], "confidence": best[6]},
    }


def iter_clusters(rows: Iterable[list], window_days: int) -> Iterator[dict]:
    """Clusters in key order, then date order."""
    for _, key_rows in groupby(rows, key=lambda r: r[0]):
        for members in split_by_window(key_rows, window_days):
            yield build_cluster(members)


# ---- the run ----------------------------------------------------------------------------------
def load_state(out: Path) -> dict | None:
    """The AGG state, None for a new directory; GC212 when ``out`` is something else."""
    state_path = out / STATE_FILE
    if state_path.is_file():
        state = json.loads(state_path.read_text(encoding="utf-8"))
        if state.get("schema") == AGG_SCHEMA:
            return state
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise GeoclaimsError("GC212", f"{str(out)!r} exists and holds no {STATE_FILE} of {AGG_SCHEMA}")
    return None


def run_aggregate(store_dir: Path, out: Path, *, window_days: int = 30, run_rows: int = 200_000,
                  fan_in: int = 64) -> AggregateResult:
    """Fold the store's new parts into ``out`` and rewrite the clusters; see the module docstring."""
    if window_days < 0 or run_rows < 1 or fan_in < 2:
        raise GeoclaimsError("GC212", "--window-days must be >= 0, --run-rows >= 1, fan-in >= 2")
    out = Path(out)
    state = load_state(out) or {"schema": AGG_SCHEMA, "parts": {}}
    runs_dir = out / "runs"
    runs_dir.mkdir(parents=True, exist_ok=True)
    old = state["parts"]
    new_parts: dict[str, dict] = {}
    folded = 0
    for part in iter_parts(store_dir, skip=set(old)):
        if part.digest in old:
            new_parts[part.digest] = {**old[part.digest], "part": part.name}
            continue
        rows = (member_row(c, part.articles.get(c["article_id"])) for c in part.claims)
        runs = write_runs(rows, runs_dir, part.digest[:16], run_rows)
        new_parts[part.digest] = {"part": part.name, "claims": len(part.claims), "runs": runs}
        folded += 1
    dropped = [d for d in old if d not in new_parts]
    keep_runs = {name for info in new_parts.values() for name in info["runs"]}
    for path in runs_dir.iterdir():
        if path.name not in keep_runs:
            path.unlink()
    run_paths = [runs_dir / name for _, info in sorted(new_parts.items()) for name in info["runs"]]
    clusters = _write_clusters(run_paths, out, window_days, fan_in)
    claims = sum(info["claims"] for info in new_parts.values())
    state = {"schema": AGG_SCHEMA, "store": str(store_dir), "window_days": window_days,
             "claims": claims, "clusters": clusters, "parts": dict(sorted(new_parts.items()))}
    write_if_changed(out / STATE_FILE, (canonical_json(state, indent=2) + "\n").encode("utf-8"))
    return AggregateResult(out, folded, len(new_parts) - folded, len(dropped), claims, clusters)


def _write_clusters(run_paths: list[Path], out: Path, window_days: int, fan_in: int) -> int:
    """Merge the runs into ``clusters.jsonl`` (atomically); the number of clusters."""
    scratch = out / ".scratch"
    tmp = out / f".{CLUSTERS_FILE}.tmp"
    count = 0
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            for cluster in iter_clusters(merged_rows(run_paths, scratch, fan_in), window_days):
                handle.write(json.dumps(cluster, ensure_ascii=False, separators=(",", ":")) + "\n")
                count += 1
        target = out / CLUSTERS_FILE
        if target.is_file() and target.read_bytes() == tmp.read_bytes():
            tmp.unlink()
        else:
            tmp.replace(target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        tmp.unlink(missing_ok=True)
    return count


def iter_cluster_records(agg_dir: Path) -> Iterator[dict]:
    """The clusters of an AGG directory, in file order (GC212 when it is not one)."""
    path = Path(agg_dir) / CLUSTERS_FILE
    if not path.is_file():
        raise GeoclaimsError("GC212", f"{str(agg_dir)!r} has no {CLUSTERS_FILE}")
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)

"""Aggregation: cluster contents, determinism, the on-disk (streaming) path, incremental reruns."""
import json
from pathlib import Path

import pytest

from geoclaims.errors import GeoclaimsError
from geoclaims.graph.aggregate import iter_cluster_records, run_aggregate, split_by_window

from graph_stores import build_store


def files_of(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def by_members(agg: Path) -> dict[tuple, dict]:
    return {tuple(c["members"]): c for c in iter_cluster_records(agg)}


def test_clusters_merge_the_same_claim_within_the_window(full_store, tmp_path):
    result = run_aggregate(full_store, tmp_path / "agg", window_days=30)
    clusters = by_members(tmp_path / "agg")
    assert (result.claims, result.clusters) == (7, 5)
    usa = clusters[("a1-0", "a2-0", "a3-0")]  # a3 is dated by its time (03-19), within 30 days of 03-05
    assert usa["subject"] == {"code": "USA", "name": "United States"} and usa["type"] == "SANCTION"
    assert (usa["support"], usa["articles"], usa["sources"]) == (3, 3, ["BBC", "Reuters"])
    assert (usa["first_seen"], usa["last_seen"]) == ("1987-03-02", "1987-03-25")
    assert usa["period"] == {"start": "1987-03-02", "end": "1987-03-19"}
    assert usa["confidence"] == {"mean": round((0.9 + 0.8 + 0.6) / 3, 4), "max": 0.9}
    assert usa["best_evidence"]["claim_id"] == "a1-0"
    assert usa["best_evidence"]["text"].startswith("Washington imposed sanctions")
    assert ("a4-0",) in clusters  # three months later: another cluster
    negated = clusters[("a5-0",)]
    assert negated["negated"] is True and negated["period"] is None and negated["sources"] == []
    igo = clusters[("a6-0",)]
    assert (igo["subject"]["name"], igo["object"]["name"]) == ("United Nations", "BRICS")


def test_a_wider_window_joins_the_june_report(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "agg", window_days=90)
    assert ("a1-0", "a2-0", "a3-0", "a4-0") in by_members(tmp_path / "agg")


def test_two_runs_are_byte_identical(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "one")
    run_aggregate(full_store, tmp_path / "two")
    assert files_of(tmp_path / "one") == files_of(tmp_path / "two")


def test_tiny_runs_and_fan_in_give_the_same_clusters(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "memory")
    run_aggregate(full_store, tmp_path / "disk", run_rows=1, fan_in=2)  # 7 runs, merged in passes
    assert len(list((tmp_path / "disk" / "runs").iterdir())) == 7
    assert (tmp_path / "disk" / "clusters.jsonl").read_bytes() == (tmp_path / "memory" / "clusters.jsonl").read_bytes()
    assert not (tmp_path / "disk" / ".scratch").exists()


def test_rerun_on_a_grown_store_folds_only_new_parts(tmp_path, first_input, later_input):
    store = build_store(tmp_path / "store", [first_input])
    first = run_aggregate(store, tmp_path / "agg")
    assert (first.parts_folded, first.claims) == (2, 5)
    build_store(store, [first_input, later_input])  # the same first chunks, one new chunk
    again = run_aggregate(store, tmp_path / "agg")
    assert (again.parts_folded, again.parts_kept, again.parts_dropped) == (1, 2, 0)
    run_aggregate(store, tmp_path / "fresh")
    assert files_of(tmp_path / "agg") == files_of(tmp_path / "fresh")
    unchanged = run_aggregate(store, tmp_path / "agg")
    assert (unchanged.parts_folded, unchanged.parts_kept) == (0, 3)


def test_rerun_drops_parts_that_left_the_store(tmp_path, first_input, later_input):
    store = build_store(tmp_path / "store", [first_input, later_input])
    run_aggregate(store, tmp_path / "agg")
    build_store(store, [first_input])
    shrunk = run_aggregate(store, tmp_path / "agg")
    assert (shrunk.parts_dropped, shrunk.claims) == (1, 5)
    run_aggregate(store, tmp_path / "fresh")
    assert files_of(tmp_path / "agg") == files_of(tmp_path / "fresh")


def test_out_that_is_not_an_aggregation_is_refused(full_store, tmp_path):
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    with pytest.raises(GeoclaimsError, match="GC212"):
        run_aggregate(full_store, other)


def test_split_by_window_keeps_undated_apart():
    rows = [["k", "", "u1"], ["k", "1987-01-01", "c1"], ["k", "1987-01-20", "c2"], ["k", "1987-03-01", "c3"]]
    groups = [[r[2] for r in g] for g in split_by_window(rows, 30)]
    assert groups == [["u1"], ["c1", "c2"], ["c3"]]


def test_state_records_folded_parts(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    state = json.loads((tmp_path / "agg" / "state.json").read_text())
    assert len(state["parts"]) == 3 and sum(p["claims"] for p in state["parts"].values()) == 7

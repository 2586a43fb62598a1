import gzip
import hashlib
import json
import os
from pathlib import Path

import pytest

from geoclaims.errors import GeoclaimsError
from geoclaims.store import ClaimStore, atomic_write, chunk_key, order_claim, part_name, write_if_changed

IDENTITY = {"schema_version": 1, "config_hash": "c1", "extractor": {"model": "m 1"}}


def test_atomic_write_and_write_if_changed(tmp_path: Path):
    path = tmp_path / "f.json"
    atomic_write(path, b"one")
    assert path.read_bytes() == b"one" and os.listdir(tmp_path) == ["f.json"]
    mtime = path.stat().st_mtime_ns
    assert write_if_changed(path, b"one") is False and path.stat().st_mtime_ns == mtime
    assert write_if_changed(path, b"two") is True and path.read_bytes() == b"two"


def test_chunk_key_depends_on_every_part():
    base = chunk_key("fp", 0, "c", {"model": "m"})
    assert base == chunk_key("fp", 0, "c", {"model": "m"})
    others = {chunk_key("fp2", 0, "c", {"model": "m"}), chunk_key("fp", 1, "c", {"model": "m"}),
              chunk_key("fp", 0, "c2", {"model": "m"}), chunk_key("fp", 0, "c", {"model": "m2"})}
    assert base not in others and len(others) == 4


def test_chunk_files_deterministic_and_readable(tmp_path: Path):
    store = ClaimStore.open_for_write(tmp_path / "s", IDENTITY)
    claims = [{"article_id": "a", "schema_version": 1, "claim_id": "x"}]
    marker = {"counts": {"read": 2, "processed": 1, "rejected": {"GC101": 1}, "claims": 1}}
    store.write_chunk(0, "k", claims, [{"code": "GC101"}], marker)
    gz = (tmp_path / "s" / "claims" / f"{part_name(0, 'k')}.jsonl.gz").read_bytes()
    store.write_chunk(0, "k", claims, [{"code": "GC101"}], marker)
    assert (tmp_path / "s" / "claims" / f"{part_name(0, 'k')}.jsonl.gz").read_bytes() == gz
    assert gz[4:8] == b"\x00\x00\x00\x00"  # gzip mtime 0
    written = store.read_marker(0, "k")
    assert written == dict(marker, sha256={"claims": hashlib.sha256(gz).hexdigest(),
                                           "rejects": hashlib.sha256(b'{"code":"GC101"}\n').hexdigest()})
    assert store.read_marker(1, "k") is None
    assert list(store.iter_claims()) == [order_claim(claims[0])]
    assert list(store.iter_claims())[0] == {"schema_version": 1, "claim_id": "x", "article_id": "a"}
    assert list(json.loads(l) for l in gzip.decompress(gz).splitlines()) == claims


def test_finish_rebuilds_rejects_drops_orphans_and_lists_parts(tmp_path: Path):
    store = ClaimStore.open_for_write(tmp_path, IDENTITY)
    for index, key in ((0, "a"), (1, "b"), (1, "old")):
        store.write_chunk(index, key, [{"claim_id": f"{index}{key}"}], [{"code": f"R{key}"}], {})
    parts = [part_name(0, "a"), part_name(1, "b")]
    assert store.finish(parts, {"parts": parts}) is True
    assert [r["code"] for r in map(json.loads, (tmp_path / "rejects.jsonl").read_text().splitlines())] == ["Ra", "Rb"]
    assert not list(tmp_path.glob("*/part-00001-old*"))
    assert [c["claim_id"] for c in ClaimStore.open_for_read(tmp_path).iter_claims()] == ["0a", "1b"]
    assert store.finish(parts, {"parts": parts}) is False


def test_stale_temp_files_removed(tmp_path: Path):
    ClaimStore.open_for_write(tmp_path, IDENTITY)
    stale = tmp_path / "claims" / ".part-00000-k.jsonl.gz.tmp-123"
    stale.write_bytes(b"half")
    ClaimStore.open_for_write(tmp_path, IDENTITY)
    assert not stale.exists()


def test_other_identity_is_refused(tmp_path: Path):
    ClaimStore.open_for_write(tmp_path, IDENTITY)
    with pytest.raises(GeoclaimsError, match="GC205"):
        ClaimStore.open_for_write(tmp_path, {**IDENTITY, "config_hash": "c2"})


def test_unwritable_and_not_a_store(tmp_path: Path):
    afile = tmp_path / "file"
    afile.write_text("x")
    with pytest.raises(GeoclaimsError, match="GC202"):
        ClaimStore.open_for_write(afile, IDENTITY)
    with pytest.raises(GeoclaimsError, match="GC202"):
        ClaimStore.open_for_write(afile / "sub", IDENTITY)
    with pytest.raises(GeoclaimsError, match="GC202"):
        ClaimStore.open_for_write(tmp_path, IDENTITY)  # not empty, not a store
    with pytest.raises(GeoclaimsError, match="GC207"):
        ClaimStore.open_for_read(tmp_path)


def test_a_record_is_one_line_even_with_unicode_line_separators_in_its_text():
    from geoclaims.store import jsonl_bytes

    records = [{"id": "a", "excerpt": "x\u2028y\u2029z\x85w\n"}, {"id": "b", "excerpt": "plain"}]
    text = jsonl_bytes(records).decode("utf-8")
    assert len(text.splitlines()) == 2
    assert [json.loads(line) for line in text.splitlines()] == records

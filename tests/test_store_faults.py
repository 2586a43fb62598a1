"""Issue 12 item 3: faults while writing (disk full, I/O errors), damaged files after a run, fsync order."""
from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from fault_cases import FailingFsync, SlowProcessor, store_files, write_articles
from geoclaims import cli
from geoclaims.commands import extract as extract_command
from geoclaims.config import defaults
from geoclaims.errors import GeoclaimsError
from geoclaims.extract import run_extract
from geoclaims.store import ClaimStore


def _config(chunk_size: int = 4) -> dict:
    return dict(defaults(), chunk_size=chunk_size)


@pytest.fixture
def reference(tmp_path: Path) -> tuple[Path, Path]:
    """An input of 18 articles (5 chunks) and the store an undisturbed run writes from it."""
    src = write_articles(tmp_path / "in.jsonl", 18)
    run_extract([src], tmp_path / "reference", SlowProcessor(), _config())
    return src, tmp_path / "reference"


@pytest.mark.parametrize("target,error", [
    ("claims/.part-00002", errno.ENOSPC), ("rejects/.part-00002", errno.ENOSPC),
    ("done/.part-00002", errno.EIO), ("/.manifest.json", errno.ENOSPC), ("/.rejects.jsonl", errno.EIO),
])
def test_a_failed_write_stops_cleanly_and_a_rerun_completes_the_store(tmp_path, reference, monkeypatch,
                                                                       target, error):
    src, ref = reference
    out = tmp_path / "out"
    failing = FailingFsync(target, error)
    monkeypatch.setattr(os, "fsync", failing)
    with pytest.raises(GeoclaimsError, match="GC221") as caught:
        run_extract([src], out, SlowProcessor(), _config())
    assert failing.hits == 1 and os.strerror(error) in str(caught.value)
    assert target.split("/.")[-1] in str(caught.value)  # names the file
    assert not list(out.rglob(".*.tmp-*")), "a temp file was left behind"
    assert not (out / "manifest.json").exists() and not (out / ".lock").exists()
    done = sorted(p.name for p in (out / "done").glob("part-*"))
    assert len(done) == (5 if "part-" not in target else 2)  # chunks 0 and 1 stay committed
    monkeypatch.setattr(os, "fsync", failing.real)
    again = run_extract([src], out, SlowProcessor(), _config())
    assert again.chunks_done_before == len(done)
    assert store_files(out) == store_files(ref)


def test_disk_full_on_the_command_line_is_one_line_and_exit_2(tmp_path, monkeypatch, capsys):
    src = write_articles(tmp_path / "in.jsonl", 10)
    monkeypatch.setattr(extract_command, "build_processor", lambda config, model: SlowProcessor())
    monkeypatch.setattr(os, "fsync", FailingFsync("claims/.part-00000"))
    assert cli.main(["extract", str(src), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("geoclaims: error GC221 ") and "No space left" in err
    assert "run the same command again" in err


def test_unwritable_out_is_gc202(tmp_path, capsys):
    src = write_articles(tmp_path / "in.jsonl", 2)
    (tmp_path / "file").write_text("x")
    for out in (tmp_path / "file" / "store", Path("/proc/geoclaims-store")):
        assert cli.main(["extract", str(src), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "GC202" in err and err.count("\n") == 1, err
    assert not Path("/proc/geoclaims-store").exists()


def _flip(path: Path, offset: int | None = None) -> None:
    """One flipped bit; an empty file (a chunk without rejects) gets a forged record instead."""
    data = bytearray(path.read_bytes())
    if not data:
        path.write_bytes(b'{"code":"GC101"}\n')
        return
    offset = len(data) // 2 if offset is None else offset
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("sub", ["claims", "rejects", "done"])
def test_a_flipped_byte_is_detected_by_cat_summary_aggregate_and_named(tmp_path, reference, capsys, sub):
    _, ref = reference
    damaged = sorted((ref / sub).glob("part-00003-*"))[0]
    _flip(damaged)
    commands = [["cat", str(ref)], ["summary", str(ref)], ["aggregate", str(ref), "--out", str(tmp_path / "agg")]]
    if sub == "rejects":  # aggregate reads no rejects
        commands.pop()
    for args in commands:
        assert cli.main(args) == 2, args
        out, err = capsys.readouterr()
        assert out == "" and "GC222" in err and damaged.name in err, (args, err)


def test_cat_refuses_a_store_whose_manifest_is_unreadable(reference, capsys):
    _, ref = reference
    (ref / "manifest.json").write_bytes((ref / "manifest.json").read_bytes()[:-20])
    assert cli.main(["cat", str(ref)]) == 2
    assert "GC222" in capsys.readouterr().err


@pytest.mark.parametrize("sub", ["claims", "rejects", "done"])
def test_a_resumed_extract_redoes_a_damaged_chunk(tmp_path, reference, capsys, sub):
    src, ref = reference
    out = tmp_path / "copy"
    run_extract([src], out, SlowProcessor(), _config())
    damaged = sorted((out / sub).glob("part-00001-*"))[0]
    _flip(damaged, 40 if sub == "done" else None)
    again = run_extract([src], out, SlowProcessor(), _config())
    assert (again.chunks_processed, again.chunks_done_before) == (1, 4)
    assert damaged.name in capsys.readouterr().err
    assert store_files(out) == store_files(ref)


def test_files_and_folders_are_fsynced_before_the_marker_counts(tmp_path, monkeypatch):
    events: list[tuple[str, str]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd):
        events.append(("fsync", os.readlink(f"/proc/self/fd/{fd}")))
        real_fsync(fd)

    def replace(src, dst):
        events.append(("replace", str(dst)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    src = write_articles(tmp_path / "in.jsonl", 3)
    run_extract([src], tmp_path / "out", SlowProcessor(), _config())
    out = str((tmp_path / "out").resolve())
    marker = next(i for i, (op, p) in enumerate(events) if op == "replace" and "/done/part-00000" in p)
    before = events[:marker]
    for sub in ("claims", "rejects"):
        replaced = max(i for i, (op, p) in enumerate(before) if op == "replace" and f"/{sub}/part-00000" in p)
        assert any(op == "fsync" and f"/{sub}/.part-00000" in p for op, p in before[:replaced])
        assert ("fsync", f"{out}/{sub}") in before[replaced:]
    assert any(op == "fsync" and "/done/.part-00000" in p for op, p in before)
    assert ("fsync", f"{out}/done") in events[marker:]
    assert ClaimStore.open_for_read(tmp_path / "out").manifest()["invariant"]["holds"] is True

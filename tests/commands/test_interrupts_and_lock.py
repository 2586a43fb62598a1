"""Issue 12 items 3 and 4 on the real command line: SIGTERM/Ctrl-C abandon the chunk cleanly and exit
143/130, the rerun completes the store; a second writer stops at once (GC223); a crashed writer's lock
is stale and taken over."""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from fault_cases import SlowProcessor, cli, markers, small_config, store_files, write_articles  # noqa: E402
from geoclaims.config import defaults, load_config  # noqa: E402
from geoclaims.errors import GeoclaimsError  # noqa: E402
from geoclaims.extract import run_extract  # noqa: E402

N_ARTICLES, CHUNK = 48, 4  # 12 chunks


def _wait_for(predicate, timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "timed out"
        time.sleep(0.02)


@pytest.fixture
def case(tmp_path: Path):
    src = write_articles(tmp_path / "in.jsonl", N_ARTICLES)
    config = small_config(tmp_path, CHUNK)
    reference = tmp_path / "reference"  # in this process: the same store as the command line writes
    run_extract([src], reference, SlowProcessor(), load_config(config))
    return src, config, reference


@pytest.mark.parametrize("sig,code,workers", [(signal.SIGTERM, 143, "1"), (signal.SIGINT, 130, "1"),
                                              (signal.SIGTERM, 143, "2")])
def test_a_signal_abandons_the_chunk_cleanly_and_the_rerun_completes(tmp_path, case, sig, code, workers):
    src, config, reference = case
    out = tmp_path / "out"
    args = ("extract", str(src), "--out", str(out), "--config", str(config), "--workers", workers)
    run = cli(*args, delay=0.25, start_new_session=True)
    _wait_for(lambda: markers(out) >= 2 or run.poll() is not None)
    if sig == signal.SIGINT:
        os.killpg(run.pid, sig)  # Ctrl-C reaches the whole process group, workers included
    else:
        run.send_signal(sig)
    stdout, stderr = run.communicate(timeout=60)
    assert run.returncode == code, stderr
    assert "Traceback" not in stderr and "run the same command again to resume" in stderr
    assert stderr.strip().count("\n") == 0, stderr
    assert 2 <= markers(out) < N_ARTICLES // CHUNK
    assert not list(out.rglob(".*.tmp-*")) and not (out / ".lock").exists()
    assert not (out / "manifest.json").exists()
    again = cli(*args, delay=0.0)
    stdout, stderr = again.communicate(timeout=120)
    assert again.returncode == 0, stderr
    assert "already done" in stdout and "chunks 0 processed" not in stdout
    assert store_files(out) == store_files(reference)


def test_a_second_writer_stops_at_once_and_a_crashed_writers_lock_is_stale(tmp_path, case):
    src, config, reference = case
    out = tmp_path / "out"
    args = ("extract", str(src), "--out", str(out), "--config", str(config))
    first = cli(*args, delay=1.0)  # 48 s in all: still running when the second one starts
    _wait_for(lambda: markers(out) >= 1)
    started = time.monotonic()
    second = cli(*args, delay=0.0)
    _, stderr = second.communicate(timeout=60)
    assert second.returncode == 2 and time.monotonic() - started < 30
    assert stderr.startswith("geoclaims: error GC223 ") and f"pid {first.pid}" in stderr
    assert stderr.count("\n") == 1 and "Traceback" not in stderr
    with pytest.raises(GeoclaimsError, match="GC223"):  # the library entry point is locked too
        run_extract([src], out, None, {})
    assert first.poll() is None, "the first run must go on"
    first.send_signal(signal.SIGKILL)  # a crash: the lock file stays behind, no process holds it
    first.wait()
    assert (out / ".lock").is_file()
    third = cli(*args, delay=0.0)
    stdout, stderr = third.communicate(timeout=120)
    assert third.returncode == 0, stderr
    assert f"last writer (pid {first.pid}) ended without releasing its lock" in stderr
    assert not (out / ".lock").exists()
    assert store_files(out) == store_files(reference)


def test_the_lock_is_released_when_a_run_fails(tmp_path):
    src = write_articles(tmp_path / "in.jsonl", 3)
    out = tmp_path / "out"

    class Broken:
        def identity(self):
            raise RuntimeError("cannot load")

    with pytest.raises(RuntimeError):
        run_extract([src], out, Broken(), {})
    assert not (out / ".lock").exists()
    result = run_extract([src], out, SlowProcessor(), dict(defaults(), chunk_size=2))  # the next writer
    assert result.counts.processed == 3

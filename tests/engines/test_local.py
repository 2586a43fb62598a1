"""``--workers N``: the store written by N worker processes is the one-process store, byte for byte."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from geoclaims.config import validate
from geoclaims.errors import GeoclaimsError
from geoclaims.extract import run_extract
from geoclaims.engines.local import run_extract_parallel
from parallel_cases import SMALL_CHUNKS, WordPairProcessor, make_processor, reuters_input, store_files

REPO_ROOT = Path(__file__).resolve().parents[2]


def test_two_workers_write_the_one_process_store(tmp_path: Path):
    source = reuters_input(tmp_path)
    config = validate(dict(SMALL_CHUNKS))
    one = run_extract([source], tmp_path / "one", WordPairProcessor(), config)
    two = run_extract_parallel([source], tmp_path / "two", make_processor, config, workers=2)
    assert one.counts.to_dict() == two.counts.to_dict()
    assert two.counts.rejected["GC115"] >= 1 and two.counts.rejected["GC106"] + two.counts.rejected["GC107"] >= 1
    assert store_files(tmp_path / "one") == store_files(tmp_path / "two")


def test_workers_resume_a_store_cut_short(tmp_path: Path):
    source = reuters_input(tmp_path)
    config = validate(dict(SMALL_CHUNKS))
    run_extract([source], tmp_path / "one", WordPairProcessor(), config)
    run_extract([source], tmp_path / "cut", WordPairProcessor(), config)
    markers = sorted((tmp_path / "cut" / "done").glob("part-*.json"))
    for marker in markers[2:5]:  # three chunks in the middle never committed
        marker.unlink()
    (tmp_path / "cut" / "manifest.json").unlink()
    result = run_extract_parallel([source], tmp_path / "cut", make_processor, config, workers=2)
    assert (result.chunks_processed, result.chunks_done_before) == (3, len(markers) - 3)
    assert store_files(tmp_path / "one") == store_files(tmp_path / "cut")


def test_zero_workers_is_an_error(tmp_path: Path):
    with pytest.raises(GeoclaimsError, match="GC220"):
        run_extract_parallel([reuters_input(tmp_path)], tmp_path / "s", make_processor, validate({}), workers=0)


@pytest.mark.slow
def test_cli_workers_match_one_process_with_the_real_model(tmp_path: Path):
    source = reuters_input(tmp_path, n=16)
    config = tmp_path / "run.toml"
    config.write_text("chunk_size = 4\nbatch_size = 4\n", encoding="utf-8")
    outputs = {}
    for workers in ("1", "2"):
        out = tmp_path / f"w{workers}"
        cmd = [sys.executable, "-m", "geoclaims.cli", "extract", str(source), "--out", str(out),
               "--config", str(config), "--workers", workers]
        done = subprocess.run(cmd, cwd=REPO_ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        cat = subprocess.run([sys.executable, "-m", "geoclaims.cli", "cat", str(out)], cwd=REPO_ROOT,
                             capture_output=True, text=True, timeout=120)
        outputs[workers] = (cat.stdout, (out / "manifest.json").read_text())
    assert outputs["1"] == outputs["2"]

"""Issue 12 item 6: the first run prints one "preparing" line while the ONNX model is built, not the
exporter's warnings; they come back only when the build fails; concurrent workers build it once."""
from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from geoclaims.ml.onnx_export import cached_build

REPO_ROOT = Path(__file__).resolve().parents[2]


def _noisy_build(tmp: Path) -> None:
    warnings.warn("Converting a tensor to a Python boolean might cause the trace to be incorrect", UserWarning)
    logging.getLogger("onnxruntime.quantization").warning("Please consider to run pre-processing")
    os.write(2, b"[W onnx] C++ level message\n")
    print("exporter chatter", file=sys.stderr)
    (tmp / "model.onnx").write_bytes(b"onnx")


def test_first_build_prints_one_line_and_no_warnings(tmp_path, capfd):
    folder = cached_build(tmp_path / "relations-abc-fp32", _noisy_build)
    assert (folder / "model.onnx").read_bytes() == b"onnx"
    out, err = capfd.readouterr()
    assert out == ""
    assert err.splitlines() == ["geoclaims: preparing the model for this machine (relations-abc-fp32; first run only)..."]
    cached_build(folder, _noisy_build)  # cached: silent
    assert capfd.readouterr() == ("", "")
    with warnings.catch_warnings(record=True) as seen:  # warnings work again afterwards
        warnings.simplefilter("always")
        warnings.warn("after", UserWarning)
    assert len(seen) == 1 and logging.root.manager.disable == logging.NOTSET


def test_a_failed_build_shows_what_the_exporter_said(tmp_path, capfd):
    def failing(tmp: Path) -> None:
        os.write(2, b"[E onnx] export failed: unsupported operator\n")
        raise RuntimeError("export failed")

    with pytest.raises(RuntimeError):
        cached_build(tmp_path / "broken", failing)
    err = capfd.readouterr().err
    assert "unsupported operator" in err and not (tmp_path / "broken").exists()
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]


def _slow_build(tmp: Path) -> None:
    time.sleep(1.0)
    (tmp / "model.onnx").write_bytes(str(os.getpid()).encode())


def _build_in_child(folder: str) -> None:
    cached_build(Path(folder), _slow_build)


def test_concurrent_workers_build_once_and_print_one_line(tmp_path):
    script = ("import sys; sys.path.insert(0, sys.argv[2]); from test_quiet_export import _build_in_child; "
              "_build_in_child(sys.argv[1])")
    folder = tmp_path / "relations-x-fp32"
    runs = [subprocess.Popen([sys.executable, "-c", script, str(folder), str(Path(__file__).parent)],
                             stderr=subprocess.PIPE, text=True) for _ in range(3)]
    errors = [run.communicate(timeout=120)[1] for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], errors
    assert sum(err.count("preparing the model") for err in errors) == 1
    assert int((folder / "model.onnx").read_text()) in {run.pid for run in runs}


@pytest.mark.slow
def test_first_extract_on_a_fresh_cache_prints_one_line_per_model(tmp_path):
    env = dict(os.environ, GEOCLAIMS_CACHE=str(tmp_path / "cache"))
    sample = REPO_ROOT / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"
    done = subprocess.run([sys.executable, "-m", "geoclaims.cli", "extract", str(sample), "--out",
                           str(tmp_path / "out")], cwd=REPO_ROOT, env=env, capture_output=True, text=True,
                          timeout=900)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()  # one line per model exported: the relation model and the motive tagger
    assert len(lines) == 2 and all(line.startswith("geoclaims: preparing the model") for line in lines), done.stderr
    assert "(relations-v2-" in lines[0] and "(motive-" in lines[1], done.stderr
    assert done.stdout.startswith("read 1, processed 1")

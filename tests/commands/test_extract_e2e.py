"""End-to-end ``geoclaims extract``/``cat`` through the real CLI and the real claim extractor.

They need the real claim extractor (``geoclaims.claims.ClaimExtractor``), the
``relation_model_dir`` fixture (tests/conftest.py) and BBC articles from the shared data (skipped
when missing). Articles are built from the shared data at test time; nothing is committed.
"""
from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest


REPO_ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "geoclaims.cli"]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bbc_articles(need_shared) -> list[dict]:
    folder = need_shared("bbc_news", "bbc", "business")
    files = sorted(folder.glob("*.txt"))[:24]
    assert len(files) == 24, f"shared BBC data incomplete under {folder}"
    return [{"id": f"bbc-business-{f.stem}", "text": f.read_text(encoding="utf-8")} for f in files]


@pytest.fixture(scope="module")
def model(request) -> Path:
    """The relation model dir; skips (before training one) while ClaimExtractor does not exist."""
    pytest.importorskip("geoclaims.claims", reason="geoclaims.claims.ClaimExtractor not written yet")
    return request.getfixturevalue("relation_model_dir")


def geoclaims(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], cwd=REPO_ROOT,
                          capture_output=True, text=True, timeout=600, **kwargs)


def extract_args(inputs: list[Path], out: Path, model: Path, config: Path) -> list[str]:
    return ["extract", *map(str, inputs), "--out", str(out), "--model", str(model), "--config", str(config)]


def small_chunks(tmp_path: Path, size: int) -> Path:
    path = tmp_path / f"chunk{size}.toml"
    path.write_text(f"chunk_size = {size}\nbatch_size = 8\n", encoding="utf-8")
    return path


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_bad_input_is_survived_with_reject_codes(tmp_path, model, bbc_articles):
    good = bbc_articles[:4]
    french = ("Le gouvernement français a annoncé lundi que les négociations commerciales avec ses "
              "partenaires européens reprendraient la semaine prochaine à Bruxelles, malgré les "
              "désaccords persistants sur les subventions agricoles et les quotas d'importation.")
    lines = [json.dumps(a).encode() for a in good] + [
        b'{"id": "broken", "text": ',                                       # GC101
        b'["not", "an", "object"]',                                        # GC102
        b'{"text": "no id here"}',                                          # GC103
        b'{"id": 12, "text": "numeric id"}',                               # GC103
        b'{"id": "no-text"}',                                               # GC104
        b'{"id": "blank", "text": "  \\n "}',                              # GC105
        json.dumps({"id": good[0]["id"], "text": "another text, same id"}).encode(),   # GC106
        json.dumps({"id": "copy", "text": good[1]["text"]}).encode(),      # GC107
        b'{"id": "latin1", "text": "caf\xe9 au lait"}',                    # GC108
        json.dumps({"id": "huge", "text": "word " * 1_000_000}).encode(),  # GC109 (5 MB)
        json.dumps({"id": "fr", "text": french}).encode(),                 # GC112
    ]
    main = tmp_path / "main.jsonl"
    main.write_bytes(b"\n".join(lines) + b"\n")
    junk = tmp_path / "junk.jsonl"
    junk.write_bytes(os.urandom(4096) + b"\x00" * 16)                     # GC110
    gz = gzip.compress("".join(json.dumps(a) + "\n" for a in bbc_articles[4:20]).encode(), mtime=0)
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(gz[: len(gz) * 2 // 3])                               # GC111 after some records
    out = tmp_path / "store"
    done = geoclaims(*extract_args([main, junk, cut], out, model, small_chunks(tmp_path, 4)))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    counts = manifest["counts"]
    expected = {f"GC{n}" for n in range(101, 113)}
    assert expected <= set(counts["rejected"]), counts
    assert counts["rejected"]["GC103"] == 2
    assert counts["read"] == counts["processed"] + sum(counts["rejected"].values())
    assert manifest["invariant"]["holds"] is True
    assert counts["processed"] >= len(good) + 1  # the good lines and records before the gzip damage
    rejects = [json.loads(l) for l in (out / "rejects.jsonl").read_text().splitlines()]
    assert len(rejects) == sum(counts["rejected"].values())
    assert "'fr'" in next(r["message"] for r in rejects if r["code"] == "GC112")
    assert done.stdout.strip().startswith(f"read {counts['read']}, processed {counts['processed']}")


def test_missing_input_and_unwritable_out_exit_2(tmp_path, model):
    done = geoclaims("extract", str(tmp_path / "none.jsonl"), "--out", str(tmp_path / "o"),
                     "--model", str(model))
    assert done.returncode == 2 and "GC201" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "o").exists()
    src = write_jsonl(tmp_path / "a.jsonl", [{"id": "a", "text": "Russia and China met in Astana."}])
    (tmp_path / "f").write_text("x")
    done = geoclaims("extract", str(src), "--out", str(tmp_path / "f" / "o"), "--model", str(model))
    assert done.returncode == 2 and "GC202" in done.stderr and "Traceback" not in done.stderr


def _kill_when(args: list[str], ready) -> None:
    proc = subprocess.Popen([*CLI, *args], cwd=REPO_ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while proc.poll() is None and not ready():
            time.sleep(0.01)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
        proc.wait()


def test_kill_and_resume_gives_the_uninterrupted_claims(tmp_path, model, bbc_articles):
    src = write_jsonl(tmp_path / "in.jsonl", bbc_articles + [bbc_articles[3]])  # + one GC106
    config = small_chunks(tmp_path, 3)
    full = geoclaims(*extract_args([src], tmp_path / "full", model, config))
    assert full.returncode == 0, full.stderr
    reference = geoclaims("cat", str(tmp_path / "full")).stdout
    assert reference.count("\n") > 0

    def markers(out: Path) -> int:
        return len(list((out / "done").glob("part-*.json"))) if (out / "done").is_dir() else 0

    def claims_ahead(out: Path) -> bool:  # a chunk's claims file is written, its marker not yet
        if markers(out) >= 5:  # the window is a few ms: kill here anyway rather than miss the run
            return True
        return (out / "claims").is_dir() and len(list((out / "claims").glob("part-*"))) > markers(out) >= 2

    points = {"after-1-marker": lambda o: markers(o) >= 1, "after-3-markers": lambda o: markers(o) >= 3,
              "mid-commit": claims_ahead}
    for name, ready in points.items():
        out = tmp_path / name
        _kill_when(extract_args([src], out, model, config), lambda: ready(out))
        assert not (out / "manifest.json").exists(), f"{name}: the run finished before the kill"
        again = geoclaims(*extract_args([src], out, model, config))
        assert again.returncode == 0, again.stderr
        assert geoclaims("cat", str(out)).stdout == reference, name
        assert (out / "manifest.json").read_bytes() == (tmp_path / "full" / "manifest.json").read_bytes()
        assert not list(out.rglob(".*.tmp-*"))


def test_second_run_does_no_work_and_changes_nothing(tmp_path, model, bbc_articles):
    src = write_jsonl(tmp_path / "in.jsonl", bbc_articles[:8])
    args = extract_args([src], tmp_path / "out", model, small_chunks(tmp_path, 3))
    assert geoclaims(*args).returncode == 0
    files = sorted(p for p in (tmp_path / "out").rglob("*") if p.is_file())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files}
    second = geoclaims(*args)
    assert second.returncode == 0
    assert "chunks 0 processed, 3 already done" in second.stdout
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before

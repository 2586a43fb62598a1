"""Issue 12 item 7: ``make test`` without root and without Chromium skips the browser test (one line),
except under CI (``CI=true``), where it must run; ``make browser`` never fails a non-root user."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from environment_checks import find_chromium

REPO_ROOT = Path(__file__).resolve().parents[1]
MISSING = "geoclaims-no-such-browser"


def _fake_bin(folder: Path, uid: int) -> Path:
    """``id`` answering ``uid`` and an ``apt-get`` that records its arguments and installs nothing."""
    folder.mkdir()
    (folder / "id").write_text(f"#!/bin/sh\necho {uid}\n")
    (folder / "apt-get").write_text(f"#!/bin/sh\necho \"$@\" >> {folder}/apt-get.log\n")
    for tool in ("id", "apt-get"):
        (folder / tool).chmod(0o755)
    return folder


def _make_browser(fake: Path, browser: str = MISSING) -> subprocess.CompletedProcess:
    env = dict(os.environ, PATH=f"{fake}:/usr/local/bin:/usr/bin:/bin")
    return subprocess.run(["make", "-s", "browser", f"CHROMIUM={browser}"], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_browser_without_root_says_so_and_succeeds(tmp_path):
    fake = _fake_bin(tmp_path / "bin", uid=1000)
    done = _make_browser(fake)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == (f"make browser: {MISSING} is not installed and installing it needs root; "
                                   "the browser test will be skipped")
    assert not (fake / "apt-get.log").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make not installed")
def test_make_browser_as_root_installs_and_does_nothing_when_present(tmp_path):
    fake = _fake_bin(tmp_path / "bin", uid=0)
    assert _make_browser(fake).returncode == 0
    assert (fake / "apt-get.log").read_text().splitlines() == ["update -qq", f"install -y -qq {MISSING}"]
    (fake / "apt-get.log").unlink()
    (fake / "present-browser").write_text("#!/bin/sh\n")
    (fake / "present-browser").chmod(0o755)
    assert _make_browser(fake, "present-browser").returncode == 0
    assert not (fake / "apt-get.log").exists()


def test_missing_chromium_skips_with_one_line_and_fails_under_ci(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        find_chromium()
    assert "\n" not in str(skipped.value) and "chromium not installed" in str(skipped.value)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true: chromium not found"):
        find_chromium()
    (tmp_path / "chromium").write_text("#!/bin/sh\n")
    (tmp_path / "chromium").chmod(0o755)
    assert find_chromium() == str(tmp_path / "chromium")


def test_missing_shared_data_skips_with_one_line_and_fails_under_ci(tmp_path, monkeypatch):
    from environment_checks import need_shared

    monkeypatch.setenv("GEOCLAIMS_SHARED", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        need_shared("reuters21578")
    assert "\n" not in str(skipped.value) and "needs ../shared data" in str(skipped.value)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        need_shared("reuters21578")
    (tmp_path / "data" / "reuters21578").mkdir(parents=True)
    assert need_shared("reuters21578") == tmp_path / "data" / "reuters21578"

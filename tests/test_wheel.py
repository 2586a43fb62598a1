"""``pip wheel .`` installs into a fresh venv and runs ``geoclaims extract`` from another folder (issue 13).

The models and configs are package data: the installed extract finds them with no checkout around and
writes the same claims as the checkout does. The fresh venv reuses this venv's dependencies through a
``.pth`` file (nothing is downloaded); the wheel itself is installed with ``--no-deps``.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SAMPLE = REPO_ROOT / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"
SHIPPED = ("geoclaims/models/relations/delta.safetensors", "geoclaims/models/motive/model.json",
           "geoclaims/configs/extract.toml")

pytestmark = pytest.mark.slow


def run(*args, fresh: bool = False, **kwargs) -> subprocess.CompletedProcess:
    """The command's result (it must succeed); ``fresh``: for the fresh venv, which sees only its own path."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} if fresh else None
    done = subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=600, env=env, **kwargs)
    assert done.returncode == 0, done.stderr[-2000:]
    return done


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of a clean copy of the checkout (setuptools' build/ folder keeps files a move left behind)."""
    source, out = tmp_path_factory.mktemp("source") / "geoclaims", tmp_path_factory.mktemp("wheel")
    shutil.copytree(REPO_ROOT, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "out", "__pycache__", "*.egg-info", ".pytest_cache", ".hypothesis"))
    run(sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation", "-q",
        "--disable-pip-version-check", "-w", out, cwd=source)
    (found,) = out.glob("geoclaims-*.whl")
    return found


def test_the_wheel_holds_the_models_and_configs(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert all(name in names for name in SHIPPED)
    assert "geoclaims/corpora/__init__.py" in names and "geoclaims/api.py" in names
    assert "geoclaims/relations/span_model.py" in names  # the shipped one-pass model's code
    assert not [name for name in names if name.startswith("experiments/")]  # experiments stay out


def fresh_venv(root: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed, this venv's site-packages (the dependencies) on its path."""
    base = getattr(sys, "_base_executable", sys.executable)
    run(base, "-m", "venv", "--without-pip", root, fresh=True)
    python = root / "bin" / "python"
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", fresh=True).stdout.strip()
    Path(purelib, "_geoclaims_deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    run(python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed",
        "--disable-pip-version-check", wheel, fresh=True)
    return root / "bin"


def test_the_installed_wheel_extracts_from_another_folder(wheel, tmp_path):
    bin_dir = fresh_venv(tmp_path / "venv", wheel)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(SAMPLE, elsewhere / SAMPLE.name)
    where = run(bin_dir / "python", "-c", "import geoclaims; print(geoclaims.__file__)", cwd=elsewhere,
                fresh=True).stdout
    assert where.startswith(str(tmp_path / "venv"))  # the wheel, not the checkout
    run(bin_dir / "geoclaims", "extract", SAMPLE.name, "--out", "store", cwd=elsewhere, fresh=True)
    run(sys.executable, "-m", "geoclaims.cli", "extract", SAMPLE, "--out", tmp_path / "checkout", cwd=REPO_ROOT)
    installed = run(bin_dir / "geoclaims", "cat", "store", cwd=elsewhere, fresh=True).stdout
    assert installed and installed == run(sys.executable, "-m", "geoclaims.cli", "cat", tmp_path / "checkout").stdout

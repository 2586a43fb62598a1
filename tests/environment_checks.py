"""What a test needs from outside the repository: ../shared data and Chromium.

Missing outside CI: the test skips with a one-line reason (a fresh clone, a user without root). Under CI
(``CI=true``), where both are there, a missing one fails the test instead: CI never skips them.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from geoclaims.corpora import shared_data_dir

BROWSER_NAMES = ("chromium", "chromium-browser")


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() == "true"


def need_shared(*parts: str) -> Path:
    """``<shared data>/<parts>``; skips the test when it is absent (fails under CI, where it must be there)."""
    path = shared_data_dir().joinpath(*parts)
    if not path.exists():
        message = f"needs ../shared data: {path} not found (set GEOCLAIMS_SHARED to the folder holding data/)"
        if under_ci():
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)
    return path


def find_chromium() -> str:
    """The Chromium binary; skips with one line when it is missing (no root to install it), fails under CI."""
    found = next((p for p in map(shutil.which, BROWSER_NAMES) if p), None)
    if found is None:
        if under_ci():
            pytest.fail("CI=true: chromium not found; CI must install it (make browser: apt-get install chromium)",
                        pytrace=False)
        pytest.skip("chromium not installed (make browser installs it, as root)")
    return found

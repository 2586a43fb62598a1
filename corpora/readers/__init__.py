"""Readers for public corpora (Reuters-21578, BBC, Multi-CoPED, CNC, CoNLL04) and the team's stand-off gold."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """The folder with the shared public datasets: $GEOCLAIMS_SHARED/data or <repo>/../shared/data."""
    root = os.environ.get("GEOCLAIMS_SHARED")
    base = Path(root) if root else REPO_ROOT.parent / "shared"
    return base / "data"

"""Readers for public corpora (Reuters-21578, BBC, Multi-CoPED, CNC, CoNLL04) and the team's stand-off gold.

``load(name, split=...)`` gives a registered dataset as a Hugging Face ``datasets.Dataset``.
"""
from __future__ import annotations

import os
from pathlib import Path

from .huggingface import load  # noqa: F401  (geoclaims.corpora.load: a dataset as a datasets.Dataset)

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """The folder with the shared public datasets: $GEOCLAIMS_SHARED/data or <repo>/../shared/data."""
    root = os.environ.get("GEOCLAIMS_SHARED")
    base = Path(root) if root else REPO_ROOT.parent / "shared"
    return base / "data"


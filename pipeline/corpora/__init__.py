"""Readers for public corpora (Reuters-21578, BBC, Multi-CoPED, CNC, CoNLL04) and the team's stand-off gold.

``load(name, split=...)`` gives a registered dataset as a Hugging Face ``datasets.Dataset``;
``read(name, **options)`` runs a registered corpus reader (``geoclaims.corpora.<name>.v1``: ``bbc``,
``reuters21578``, ``wikinews``, ``multicoped_class``, ``multicoped_roles``, ``cnc_sentences``, ``cnc_spans``).
"""
from __future__ import annotations

import os
from pathlib import Path

from .huggingface import load  # noqa: F401  (geoclaims.corpora.load: a dataset as a datasets.Dataset)

CORPUS_MODULES = ("bbc", "cnc", "multicoped", "reuters", "wikinews")  # importing them registers their readers

REPO_ROOT = Path(__file__).resolve().parents[2]


def shared_data_dir() -> Path:
    """The folder with the shared public datasets: $GEOCLAIMS_SHARED/data or <repo>/../shared/data."""
    root = os.environ.get("GEOCLAIMS_SHARED")
    base = Path(root) if root else REPO_ROOT.parent / "shared"
    return base / "data"



def read(name: str, **options):
    """What the corpus reader ``geoclaims.corpora.<name>.v1`` gives (articles or sentences) for ``options``."""
    import importlib

    from geoclaims import registry

    for module in CORPUS_MODULES:
        importlib.import_module(f"{__name__}.{module}")
    return registry.get(registry.corpora, f"geoclaims.corpora.{name}.v1")(**options)

"""Fixtures for tests/graph: claim stores written by ``run_extract`` (see graph_stores.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from graph_stores import FIRST, LATER, build_store, write_input


@pytest.fixture
def first_input(tmp_path: Path) -> Path:
    return write_input(tmp_path / "first.jsonl", FIRST)


@pytest.fixture
def later_input(tmp_path: Path) -> Path:
    return write_input(tmp_path / "later.jsonl", LATER)


@pytest.fixture
def full_store(tmp_path: Path, first_input: Path, later_input: Path) -> Path:
    """All six articles, three parts of two articles."""
    return build_store(tmp_path / "store", [first_input, later_input])


@pytest.fixture
def store_claims(full_store: Path) -> list[dict]:
    from geoclaims.store import ClaimStore

    return list(ClaimStore.open_for_read(full_store).iter_claims())

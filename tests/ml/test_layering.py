"""``relations/`` and ``motive/`` share code only through ``geoclaims.ml``: neither imports the other."""
from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "pipeline"


def imports_of(folder: str, other: str) -> list[str]:
    pattern = re.compile(rf"^\s*from\s+(\.\.{other}|geoclaims\.{other})\b|^\s*import\s+geoclaims\.{other}\b", re.M)
    return [f"{path.name}: {m.group(0).strip()}" for path in sorted((PACKAGE / folder).glob("*.py"))
            for m in pattern.finditer(path.read_text(encoding="utf-8"))]


def test_motive_does_not_import_relations():
    assert imports_of("motive", "relations") == []


def test_relations_does_not_import_motive():
    assert imports_of("relations", "motive") == []


def test_ml_imports_neither_model():
    assert imports_of("ml", "relations") == [] and imports_of("ml", "motive") == []

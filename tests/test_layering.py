"""The layers hold: relations/ and motive/ share code only through geoclaims.ml; no dev-only imports; commands on top."""
from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "pipeline"


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


DEV_ONLY = ("ladybug", "duckdb", "pytest", "hypothesis")


def test_no_module_imports_a_dev_only_package_at_top_level():
    pattern = re.compile(rf"^(import|from)\s+({'|'.join(DEV_ONLY)})\b", re.M)
    found = [f"{path.relative_to(PACKAGE)}: {m.group(0)}" for path in sorted(PACKAGE.rglob("*.py"))
             for m in pattern.finditer(path.read_text(encoding="utf-8"))]
    assert found == []


def test_only_the_cli_imports_the_commands():
    pattern = re.compile(r"^\s*from\s+(\.+commands|geoclaims\.commands)\b", re.M)
    found = [str(path.relative_to(PACKAGE)) for path in sorted(PACKAGE.rglob("*.py"))
             if path.parent.name != "commands" and pattern.search(path.read_text(encoding="utf-8"))]
    assert found == []


def test_experiments_are_not_in_the_package():
    assert not [p for p in PACKAGE.rglob("*.py") if "experiments" in p.parts]

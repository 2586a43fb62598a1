"""CAMEO event code -> PLOVER event type (the 18 current names).

Reads ``plover/CAMEO2PLOVER-2021.txt`` (PLOVER draft 0.8) and renames its 16 old type names to the
current 18 (see that folder's SOURCE.md):

- ACCUSE -> DISAPPROVE, except its ``investigate`` mode (CAMEO 09x) -> INVESTIGATE;
- REQUEST -> DEMAND;
- CAMEO 19x filed under ASSAULT -> FIGHT (ASSAULT keeps 18x and 20x; 191 blockade and 192 occupy
  stay COERCE, as the table files them);
- 163 (embargo, boycott, sanctions), which the table files under COERCE, -> SANCTION;
- CAMEO 02x (appeals, absent from the table; PLOVER folds them into REQUEST) -> DEMAND;
- CAMEO 01x (make a public statement) maps to nothing: ``None``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from geoclaims.records import PLOVER_TYPES

TABLE_NAME = "CAMEO2PLOVER-2021.txt"
OLD_NAMES = {"REQUEST": "DEMAND", "ACCUSE": "DISAPPROVE"}
OVERRIDES = {"163": "SANCTION", "02": "DEMAND"}
NO_EVENT_ROOTS = frozenset({"01"})  # statements: no PLOVER type
_LINE = re.compile(r"^\s*(\d{2,4})\s*:\s*([A-Za-z]+)\s*(?:,\s*([^,#]*))?")


def _table_path(shared_dir: Path | None) -> Path:
    if shared_dir is None:
        from geoclaims.corpora import shared_data_dir

        shared_dir = shared_data_dir()
    return Path(shared_dir) / "plover" / TABLE_NAME


def current_type(code: str, old_type: str, mode: str) -> str:
    """The current PLOVER name for a table row (code, old type, mode)."""
    old_type = old_type.upper()
    if old_type == "ACCUSE" and (mode.strip().lower() == "investigate" or code.startswith("09")):
        return "INVESTIGATE"
    if old_type == "ASSAULT" and code.startswith("19"):
        return "FIGHT"
    return OLD_NAMES.get(old_type, old_type)


def parse_table(text: str) -> dict[str, str]:
    """CAMEO code -> current PLOVER type, for every row of the table (first row of a code wins)."""
    mapping: dict[str, str] = {}
    for line in text.splitlines():
        match = _LINE.match(line)
        if not match:
            continue
        code, old_type, mode = match.group(1), match.group(2), match.group(3) or ""
        mapping.setdefault(code, current_type(code, old_type, mode))
    mapping.update(OVERRIDES)
    unknown = set(mapping.values()) - set(PLOVER_TYPES)
    if unknown:
        raise ValueError(f"unmapped PLOVER names in {TABLE_NAME}: {sorted(unknown)}")
    return mapping


@lru_cache(maxsize=4)
def load_mapping(shared_dir: Path | None = None) -> dict[str, str]:
    """The parsed table (cached)."""
    return parse_table(_table_path(shared_dir).read_text(encoding="utf-8"))


def normalise_code(code: str) -> str:
    """'[0871!]', ' 163 ' -> '0871', '163'; '42' -> '042'-style padding is not guessed."""
    return re.sub(r"[^0-9]", "", str(code))


def cameo_to_plover(code: str, shared_dir: Path | None = None) -> str | None:
    """The PLOVER type of a CAMEO code, falling back to parent codes; None for statements/unknown."""
    digits = normalise_code(code)
    if len(digits) < 2 or digits[:2] in NO_EVENT_ROOTS:
        return None
    mapping = load_mapping(shared_dir)
    for length in range(len(digits), 1, -1):
        found = mapping.get(digits[:length])
        if found is not None:
            return found
    return None

"""Parse the PETRARCH2/Phoenix actor and agent dictionaries (read from ../shared at build time only).

Actor files (``Phoenix.{Countries,International,MilNonState}.actors.txt``): an entry is a name line
(``VLADIMIR_PUTIN_  # comment``, perhaps with codes on the same line), ``+`` synonym lines, and indented
code lines ``[RUSGOV 991231-080507]``, ``[RUSGOV >080508]``, ``[RUSELI]``. Dates are YYMMDD (a two-digit
year up to 30 is 20YY: the files hold no year 21-30) or YYYYMMDD; ``>D`` = from D, ``<D`` = until D,
``A-B`` = A to B; no date = the default role. Agents file: ``FOREIGN_MINISTRY [~GOV]`` with the macros
``!PERSON!``/``!MINIST!`` and ``{plural}`` forms.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import NamedTuple

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENTS_FILE = "Phoenix.agents.txt"
_CODE_RE = re.compile(r"\[([A-Z]{3,})\s*([<>]?)\s*(\d{6,8})?\s*(?:-\s*(\d{6,8}))?\s*\]")
_PAREN_RE = re.compile(r"\([^)]*\)")


class Role(NamedTuple):
    """One coded role: the CAMEO code (``RUSGOV``) and its first and last day (None = open)."""

    code: str
    start: date | None
    end: date | None


class PhoenixEntry(NamedTuple):
    """A dictionary entry: its names (first = main name) and its roles."""

    names: tuple[str, ...]
    roles: tuple[Role, ...]


def parse_day(text: str | None) -> date | None:
    """YYMMDD or YYYYMMDD -> date; None for a missing or impossible date."""
    if not text:
        return None
    if len(text) == 6:
        year = int(text[:2])
        text = f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) != 8:
        return None
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def parse_roles(line: str) -> list[Role]:
    """The roles written on one line (bad dates drop the role, an unmarked one stays undated)."""
    roles = []
    for code, mark, first, second in _CODE_RE.findall(line):
        start, end = parse_day(first), parse_day(second)
        if (first and start is None) or (second and end is None):
            continue
        if mark == "<":
            start, end = None, start
        roles.append(Role(code, start, end))
    return roles


def clean_name(raw: str) -> str:
    """``VLADIMIR_V._PUTIN_`` -> ``VLADIMIR V. PUTIN``; parentheses ("(DFLP)") dropped."""
    name = _PAREN_RE.sub(" ", raw.split("[")[0]).replace("_", " ")
    return " ".join(name.split()).strip()


def read_entries(path: Path) -> list[PhoenixEntry]:
    """The entries of one actor file, in file order."""
    return list(_entries(path.read_text(encoding="utf-8", errors="replace").splitlines()))


def _entries(lines: Iterable[str]) -> Iterator[PhoenixEntry]:
    names: list[str] = []
    roles: list[Role] = []
    for raw in lines:
        line = raw.split("#")[0].rstrip()
        if not line.strip():
            continue
        if raw[:1] in " \t" or line.lstrip().startswith("["):
            roles += parse_roles(line)
            continue
        if not line.startswith("+") and names:
            if roles:
                yield PhoenixEntry(tuple(names), tuple(roles))
            names, roles = [], []
        name = clean_name(line.lstrip("+"))
        if name:
            names.append(name)
        roles += parse_roles(line)
    if names and roles:
        yield PhoenixEntry(tuple(names), tuple(roles))


def read_all_entries(folder: Path) -> list[PhoenixEntry]:
    """The entries of the three actor files of ``folder`` (the ``dictionaries`` directory)."""
    return [entry for name in ACTOR_FILES for entry in read_entries(folder / name)]


def read_agents(path: Path) -> dict[str, str]:
    """Agent phrase (upper case, spaces) -> its sector codes without '~' (``GOVMIL``); first wins."""
    macros: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#")[0].strip()
        macro = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if macro:
            macros[macro.group(1)] = [word.strip() for word in macro.group(2).split(",")]
            continue
        code = re.search(r"\[~([A-Z]+)\]", line)
        if not code:
            continue
        phrase_part = re.sub(r"\[[^\]]*\]", " ", line)
        plurals = re.findall(r"\{([^}]*)\}", phrase_part)
        phrase = re.sub(r"\{[^}]*\}", " ", phrase_part).strip()
        for form in [phrase, *(p.strip() for p in plurals if p.strip())]:
            for expanded in expand_macros(form, macros):
                agents.setdefault(clean_name(expanded), code.group(1))
    return agents


def expand_macros(phrase: str, macros: dict[str, list[str]]) -> list[str]:
    """Every spelling of a phrase with its ``!MACRO!`` parts replaced by each of their words."""
    match = re.search(r"![A-Z]+!", phrase)
    if not match:
        return [phrase]
    words = macros.get(match.group(0), [])
    return [form for word in words
            for form in expand_macros(phrase[: match.start()] + word + phrase[match.end():], macros)]

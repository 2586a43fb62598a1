"""Dated roles from ``data/roles.tsv`` (derived from PETRARCH2/Phoenix by ``build_roles``): name -> ``Actor`` at a date.

Which role a name has on a day (``role_on``):
1. the roles whose date range holds the day; among them the narrowest range (a term of office beats a
   lifelong "elite" range), then the one that starts last;
2. no dated role holds the day: the undated (default) role, as PETRARCH2 does;
3. no undated role either: the dated role nearest in time to the day.
Where no date is known (``published`` is None) the *current* role is taken: the role whose range is
open at the end (``>080508``), else the one that ends last, else the undated role. This is the role
the dictionary gave last, i.e. the most recent one it knows; for news after 2014 it is the best guess.
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .gazetteer import Actor, load_gazetteer, normalise

ROLES_PATH = Path(__file__).parent / "data" / "roles.tsv"
FAR = 10**6  # days: an open end or an undated role counts as this long


class DatedRole(NamedTuple):
    """A role in the table: ISO alpha-3 (or IGO/NGO/IMG, or None for companies), sector, first and last day."""

    code: str | None
    sector: str | None
    start: date | None
    end: date | None

    def holds(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def span_days(self) -> int:
        if self.start is None or self.end is None:
            return FAR
        return (self.end - self.start).days

    def distance(self, day: date) -> int:
        if self.holds(day):
            return 0
        edge = self.end if self.end is not None and self.end < day else self.start
        return abs((day - edge).days) if edge is not None else FAR


class RoleEntry(NamedTuple):
    """One name's entry: the organisation's name (empty for states) and its roles."""

    org: str
    roles: tuple[DatedRole, ...]


def parse_iso_day(text: str | None) -> date | None:
    """``2021-03-05``, ``2021-03-05T10:00:00Z`` or ``20210305`` -> date; None for None or unreadable text."""
    if not text:
        return None
    match = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})", str(text))
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _role(field: str) -> DatedRole:
    code, sector, start, end = field.split(":")
    return DatedRole(code or None, sector or None, parse_iso_day(start), parse_iso_day(end))


def role_on(roles: tuple[DatedRole, ...], day: date | None) -> DatedRole | None:
    """The role of a name on ``day`` (rules in the module docstring); None for no roles."""
    if not roles:
        return None
    if day is None:
        return current_role(roles)
    holding = [r for r in roles if r.dated() and r.holds(day)]
    if holding:
        return min(holding, key=lambda r: (r.span_days(), -(r.start or date.min).toordinal()))
    default = next((r for r in roles if not r.dated()), None)
    return default or min(roles, key=lambda r: r.distance(day))


def current_role(roles: tuple[DatedRole, ...]) -> DatedRole | None:
    """The most recent role: open-ended first, then the latest end; the undated role when none is dated."""
    dated = [r for r in roles if r.dated()]
    if not dated:
        return roles[0] if roles else None
    return max(dated, key=lambda r: ((r.end or date.max).toordinal(), (r.start or date.min).toordinal()))


class RoleTable:
    """Normalised lower-case alias -> ``RoleEntry``."""

    def __init__(self, entries: dict[str, RoleEntry]):
        self.entries = entries

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> RoleEntry | None:
        """The entry of ``text`` (normalised as the gazetteer does, case ignored), or None."""
        return self.entries.get(normalise(text).lower())

    def lookup(self, text: str, day: date | None = None, etype: str | None = None) -> Actor | None:
        """The actor ``text`` names on ``day``: state name and code, sector of the role, ``etype``."""
        entry = self.find(text)
        role = role_on(entry.roles, day) if entry else None
        if role is None:
            return None
        return Actor(actor_name(role.code, entry.org), role.code, role.sector, etype)


def actor_name(code: str | None, org: str) -> str:
    """The state's name from the gazetteer for a state code, else the organisation's name."""
    if org:
        return org
    entry = load_gazetteer().by_key(code.lower()) if code else None
    return entry.actor.name if entry else (code or "")


def read_roles(path: Path = ROLES_PATH) -> dict[str, RoleEntry]:
    """The role table's rows keyed by alias."""
    entries: dict[str, RoleEntry] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines[2:]:  # the notice line and the header
        aliases, org, fields = line.split("\t")
        entry = RoleEntry(org, tuple(_role(f) for f in fields.split(";")))
        for alias in aliases.split("|"):
            entries.setdefault(alias, entry)
    return entries


@lru_cache(maxsize=1)
def load_roles() -> RoleTable:
    """The packaged role table, read once."""
    return RoleTable(read_roles())

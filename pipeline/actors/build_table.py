"""Build ``data/actors.tsv`` from pycountry (ISO names and codes) and the hand-written tables in ``data/src``.

Run ``python -m geoclaims.actors.build_table`` after editing a source table; the output is committed.
Sources, in priority order (an alias keeps the first actor it is given):
countries.txt, orgs.txt, pycountry, demonyms.txt, capitals.txt, leaders.txt, cities.txt, regions.txt,
ISO alpha-3 codes. pycountry's fuzzy search is never used (it maps 'American' to American Samoa).
"""
from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pycountry

from .gazetteer import COLUMNS, TABLE_PATH, normalise

SRC = Path(__file__).parent / "data" / "src"
ORG_CODES = frozenset({"IGO", "NGO", "IMG"})
# aliases that are also ordinary English words: they only count when written as in the table
COMMON_WORDS = frozenset("""
turkey china chad guinea jersey bush trump tusk labour commons congress capitol fed pentagon amnesty
western arctic kiwi pole swede mecca conservatives gulf rio mod brit dane finn scot turk sino lao
democrat democrats republican republicans
""".split())
HISTORIC = {"SUN", "DDR", "YUG", "CSK", "XKX"}

Row = tuple[str, str, str, str, str, str, str]  # alias, name, code, sector, type, kind, key


def read_src(name: str) -> Iterator[list[str]]:
    """Non-comment, non-blank lines of a source table, split on tabs."""
    for line in (SRC / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.rstrip("\n").split("\t")


def slug(text: str) -> str:
    """A stable, lower-case, hyphenated form of a name (for actor keys)."""
    return re.sub(r"[^a-z0-9+]+", "-", normalise(text).lower()).strip("-")


def state_names() -> dict[str, str]:
    """Display name of each state code: countries.txt's first alias, else pycountry's common name."""
    names = {c.alpha_3: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    for code, aliases in read_src("countries.txt"):
        names[code] = aliases.split("|")[0]
    return names


def country_rows(names: dict[str, str]) -> Iterator[Row]:
    for code, aliases in read_src("countries.txt"):
        for alias in aliases.split("|"):
            yield alias, names[code], code, "", "GPE", "country", code.lower()


def pycountry_rows(names: dict[str, str]) -> Iterator[Row]:
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            alias = getattr(country, attr, None)
            if alias and "," not in alias and "Province of" not in alias:
                yield alias, names[country.alpha_3], country.alpha_3, "", "GPE", "country", country.alpha_3.lower()


def org_rows(names: dict[str, str]) -> Iterator[Row]:
    for fields in read_src("orgs.txt"):
        code, sector, etype, kind, aliases = fields[:5]
        alias_list = aliases.split("|")
        if code in ORG_CODES:
            name = fields[5] if len(fields) > 5 else alias_list[0]
        else:
            name = names[code]
        key = f"{code.lower()}:{slug(alias_list[0])}"
        for alias in alias_list:
            yield alias, name, code, sector, etype, kind, key


def plural(demonym: str) -> str | None:
    """'Kazakh' -> 'Kazakhs'; None for forms without a plain -s plural ('Chinese', 'French', 'Swiss')."""
    if demonym.endswith(("s", "sh", "ch", "ese", "x", "z")) or demonym in {"Sino", "Hellenic", "Turkic"}:
        return None
    return demonym + "s"


def simple_rows(filename: str, kind: str, etype: str, names: dict[str, str]) -> Iterator[Row]:
    for code, aliases in read_src(filename):
        alias_list = aliases.split("|")
        for alias in alias_list:
            key = code.lower() if kind == "demonym" else f"{code.lower()}:{slug(alias_list[0])}"
            yield alias, names[code], code, "", etype, kind, key
            if kind == "demonym" and plural(alias):
                yield plural(alias), names[code], code, "", etype, kind, key


def leader_rows(names: dict[str, str]) -> Iterator[Row]:
    for fields in read_src("leaders.txt"):
        code, aliases = fields[:2]
        alias_list = aliases.split("|")
        is_org = code in ORG_CODES
        name = fields[2] if is_org else names[code]
        sector = "" if is_org else "GOV"
        for alias in alias_list:
            yield alias, name, code, sector, "PERSON", "leader", f"{code.lower()}:{slug(alias_list[0])}"


def region_rows() -> Iterator[Row]:
    for (aliases,) in read_src("regions.txt"):
        alias_list = aliases.split("|")
        for alias in alias_list:
            adjectival = alias != alias_list[0] and alias.endswith(("an", "ern", "ans", "ic"))
            yield alias, alias_list[0], "", "", "NORP" if adjectival else "LOC", "region", f"region:{slug(alias_list[0])}"


def code_rows(names: dict[str, str]) -> Iterator[Row]:
    codes = sorted({c.alpha_3 for c in pycountry.countries} | HISTORIC)
    for code in codes:
        yield code, names[code], code, "", "GPE", "code", code.lower()


def is_cased(alias: str) -> bool:
    """True where the alias only counts in its written case: short acronyms, mixed case, common words."""
    norm = normalise(alias)
    compact = norm.replace(" ", "")
    if compact.isupper() and len(compact) <= 3:
        return True
    if " " not in norm and any(ch.isupper() for ch in norm[1:]) and not norm.isupper():
        return True
    return norm.lower() in COMMON_WORDS


def all_rows() -> list[Row]:
    """Every alias once, in source priority order."""
    names = state_names()
    sources = [
        country_rows(names), org_rows(names), pycountry_rows(names),
        simple_rows("demonyms.txt", "demonym", "NORP", names), simple_rows("capitals.txt", "capital", "GPE", names),
        leader_rows(names), simple_rows("cities.txt", "city", "GPE", names), region_rows(), code_rows(names),
    ]
    rows, seen = [], set()
    for source in sources:
        for row in source:
            norm = normalise(row[0])
            seen_key = norm if is_cased(row[0]) else norm.lower()
            if norm and seen_key not in seen:
                seen.add(seen_key)
                rows.append(row)
    return rows


def write_table(path: Path = TABLE_PATH) -> int:
    """Write the table; returns the number of aliases."""
    rows = all_rows()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", quoting=csv.QUOTE_NONE, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([*row, "1" if is_cased(row[0]) else "0"])
    return len(rows)


if __name__ == "__main__":
    print(f"wrote {write_table()} aliases to {TABLE_PATH}", file=sys.stderr)

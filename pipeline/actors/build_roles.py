"""Derive ``data/roles.tsv`` and ``data/agents.tsv`` from the PETRARCH2/Phoenix dictionaries in ../shared.

``python -m geoclaims.actors.build_roles`` (needs ``../shared/data/petrarch2``); the outputs are committed,
so a clone resolves roles without ../shared. The dictionaries are MIT-licensed (Open Event Data Alliance,
2014; see ``data/PHOENIX_NOTICE.md``): the derived tables carry that notice.

roles.tsv: ``aliases`` (``|``-joined, normalised, lower case), ``org`` (name of an IGO/NGO/IMG/company,
empty for states), ``roles`` (``;``-joined ``CODE:SECTOR:YYYYMMDD:YYYYMMDD``, empty date = open).
CAMEO state codes become ISO alpha-3 (KSV -> XKX, USR -> SUN); MNC (companies) keep no code and get
sector BUS; regions (MEA, WEU, ...) and sector-only codes are dropped. An alias of several entries
that share no code is ambiguous and dropped; otherwise it keeps its first entry.
agents.tsv: ``phrase`` (lower case) -> ``sector`` (the first sector of the agent's code).
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

import pycountry

from .build_table import HISTORIC
from .gazetteer import normalise
from .petrarch import AGENTS_FILE, PhoenixEntry, Role, read_agents, read_all_entries

DATA = Path(__file__).parent / "data"
ROLES_PATH = DATA / "roles.tsv"
AGENTS_PATH = DATA / "agents.tsv"
CAMEO_TO_ISO = {"KSV": "XKX", "USR": "SUN"}
ORG_CODES = frozenset({"IGO", "NGO", "IMG"})
HEADER = "# derived from PETRARCH2/Phoenix dictionaries (MIT, Open Event Data Alliance 2014): see PHOENIX_NOTICE.md"


def state_code(cameo: str) -> str | None:
    """ISO alpha-3 for a CAMEO country prefix, or None where it is no state."""
    iso = CAMEO_TO_ISO.get(cameo, cameo)
    return iso if iso in _iso_codes() else None


def _iso_codes() -> frozenset[str]:
    return frozenset({c.alpha_3 for c in pycountry.countries} | HISTORIC)


def role_field(role: Role) -> str | None:
    """``RUS:GOV:20080508:`` for one role; None for a code that names no state, organisation or company."""
    prefix, rest = role.code[:3], role.code[3:]
    if prefix in ORG_CODES:
        code, sector = prefix, ""
    elif prefix == "MNC":
        code, sector = "", "BUS"
    else:
        code = state_code(prefix)
        if code is None:
            return None
        sector = rest[:3]
    start = role.start.strftime("%Y%m%d") if role.start else ""
    end = role.end.strftime("%Y%m%d") if role.end else ""
    return f"{code}:{sector}:{start}:{end}"


def display_name(name: str) -> str:
    """``THE UNITED NATIONS`` -> ``United Nations``: title case, acronyms of up to three letters kept."""
    words = normalise(name).split()
    small = {"of", "the", "and", "for", "in", "on", "de", "al"}
    return " ".join(w if len(w) <= 3 and w.lower() not in small else (w.lower() if w.lower() in small else w.title())
                    for w in words)


def org_names(entries: list[PhoenixEntry]) -> dict[str, str]:
    """Full organisation code (``IGOUNO``; not the bare ``IGO``/``MNC``) -> the first entry coded with it alone."""
    names: dict[str, str] = {}
    for entry in entries:
        if len(entry.roles) == 1 and entry.roles[0].code[:3] in ORG_CODES and len(entry.roles[0].code) > 3:
            names.setdefault(entry.roles[0].code, display_name(entry.names[0]))
    return names


def entry_row(entry: PhoenixEntry, orgs: dict[str, str]) -> tuple[str, str] | None:
    """(org name, roles field) of an entry; None when none of its roles is usable."""
    fields = [f for f in (role_field(r) for r in entry.roles) if f is not None]
    if not fields:
        return None
    first_org = next((r.code for r in entry.roles if r.code[:3] in ORG_CODES | {"MNC"}), None)
    org = (orgs.get(first_org, "") or display_name(entry.names[0])) if first_org else ""
    return org, ";".join(dict.fromkeys(fields))


def identity(row: tuple[str, str]) -> frozenset[str]:
    """What an entry stands for, for the ambiguity check: its codes (with the org name for organisations)."""
    org, roles = row
    return frozenset(f"{field.split(':', 1)[0]}|{org}" for field in roles.split(";"))


def role_rows(entries: list[PhoenixEntry]) -> tuple[list[tuple[str, str, str]], int]:
    """(aliases, org, roles) per usable entry with its unambiguous aliases; and the number of dropped aliases."""
    orgs = org_names(entries)
    rows = [(entry, entry_row(entry, orgs)) for entry in entries]
    rows = [(entry, row) for entry, row in rows if row is not None]
    meanings: dict[str, list[frozenset[str]]] = defaultdict(list)
    for entry, row in rows:
        for name in set(entry.names):
            meanings[normalise(name).lower()].append(identity(row))
    ambiguous = {alias for alias, seen in meanings.items() if _disjoint(seen)}
    out, written = [], set()
    for entry, (org, roles) in rows:
        aliases = [a for a in dict.fromkeys(normalise(n).lower() for n in entry.names)
                   if a and a not in ambiguous and a not in written]
        written.update(aliases)
        if aliases:
            out.append(("|".join(aliases), org, roles))
    return out, len(ambiguous)


def _disjoint(meanings: list[frozenset[str]]) -> bool:
    """True when two entries of one alias share no code (two different actors)."""
    return any(not (a & b) for i, a in enumerate(meanings) for b in meanings[i + 1:])


def write_tables(folder: Path) -> tuple[int, int, int]:
    """Write roles.tsv and agents.tsv from the dictionaries in ``folder``; (aliases, dropped, agents)."""
    rows, dropped = role_rows(read_all_entries(folder))
    with ROLES_PATH.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(HEADER + "\naliases\torg\troles\n")
        handle.writelines(f"{aliases}\t{org}\t{roles}\n" for aliases, org, roles in rows)
    agents = read_agents(folder / AGENTS_FILE)
    with AGENTS_PATH.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(HEADER + "\nphrase\tsector\n")
        handle.writelines(f"{normalise(p).lower()}\t{code[:3]}\n" for p, code in sorted(agents.items()) if normalise(p))
    return sum(r[0].count("|") + 1 for r in rows), dropped, len(agents)


if __name__ == "__main__":
    from geoclaims.corpora import shared_data_dir

    aliases, dropped, agents = write_tables(shared_data_dir() / "petrarch2" / "dictionaries")
    print(f"wrote {aliases} aliases to {ROLES_PATH} ({dropped} ambiguous dropped), {agents} agents to {AGENTS_PATH}",
          file=sys.stderr)

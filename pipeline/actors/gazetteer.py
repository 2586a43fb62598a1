"""The team's actor gazetteer: ``data/actors.tsv`` -> alias lookup and spaCy EntityRuler patterns.

The table (written by ``build_table.py``) has one alias a row:
``alias, name, code, sector, type, kind, key, cased``. ``code`` is an ISO 3166-1 alpha-3 code, or
``IGO``/``NGO``/``IMG``, or empty (regions); ``cased`` = 1 where the alias only counts in its written
case (short acronyms such as "US", "UN", and aliases that are also common words: "Turkey", "Chad").
Importing this module loads nothing; ``load_gazetteer()`` reads the table once.
"""
from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

TABLE_PATH = Path(__file__).parent / "data" / "actors.tsv"
COLUMNS = ("alias", "name", "code", "sector", "type", "kind", "key", "cased")
RULER_KINDS = frozenset({"country", "demonym", "capital", "seat", "leader", "agency", "igo", "ngo", "img", "region"})
TITLES = (
    "president", "prime minister", "premier", "foreign minister", "minister", "chancellor", "secretary of state",
    "secretary", "king", "queen", "emir", "sheikh", "crown prince", "prince", "mr", "mrs", "ms", "dr",
    "general", "gen", "ayatollah", "pm", "vice president", "former president", "former prime minister",
)
_TITLE_RE = re.compile(r"^(?:%s)\s+" % "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True)), re.I)
_POSSESSIVE_RE = re.compile(r"(?:'s|')$")
_DROP_RE = re.compile(r"[.\"(),;:!?\[\]{}]")


def strip_title(text: str) -> str | None:
    """``text`` without a leading title ("President Putin" -> "Putin"), or None when it has none."""
    return _TITLE_RE.sub("", text) if _TITLE_RE.match(text) else None


class Actor(NamedTuple):
    """A resolved actor: ``name`` (state or organisation), CAMEO ``code``, ``sector``, spaCy ``type``."""

    name: str
    code: str | None
    sector: str | None
    type: str | None


class Entry(NamedTuple):
    """One table row: an alias and the actor it stands for."""

    alias: str
    actor: Actor
    kind: str
    key: str
    cased: bool


@lru_cache(maxsize=1 << 16)  # pure, and called for the same few thousand strings over and over
def normalise(text: str) -> str:
    """Case-preserving normal form: no accents, straight quotes, no leading 'the', no possessive, no dots."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = " ".join(text.split())
    text = re.sub(r"^the\s+", "", text, flags=re.I)
    text = _POSSESSIVE_RE.sub("", text)
    text = _DROP_RE.sub("", text).replace("-", " ").replace("'", " ")
    return " ".join(text.split())


class Gazetteer:
    """Alias -> ``Entry`` lookup over the actor table."""

    def __init__(self, entries: list[Entry]):
        self.entries = entries
        self._cased: dict[str, Entry] = {}
        self._uncased: dict[str, Entry] = {}
        self._by_key: dict[str, Entry] = {}
        for entry in entries:
            norm = normalise(entry.alias)
            if entry.cased:
                self._cased.setdefault(norm, entry)
            else:
                self._uncased.setdefault(norm.lower(), entry)
            self._by_key.setdefault(entry.key, entry)

    def __len__(self) -> int:
        return len(self.entries)

    def find(self, text: str) -> Entry | None:
        """The entry whose alias equals ``text`` up to case, punctuation, 'the', possessives, titles, plurals."""
        norm = normalise(text)
        if not norm:
            return None
        entry = self._exact(norm) or self._plural_demonym(norm)
        if entry is None and _TITLE_RE.match(norm):
            entry = self.find(_TITLE_RE.sub("", norm))
        return entry

    def lookup(self, text: str) -> Actor | None:
        """The actor ``text`` names, or None."""
        entry = self.find(text)
        return entry.actor if entry else None

    def by_key(self, key: str) -> Entry | None:
        """The first entry of the actor with this stable key (the EntityRuler pattern ``id``)."""
        return self._by_key.get(key)

    def _exact(self, norm: str) -> Entry | None:
        return self._cased.get(norm) or self._uncased.get(norm.lower())

    def _plural_demonym(self, norm: str) -> Entry | None:
        if len(norm) < 4 or not norm.lower().endswith("s"):
            return None
        entry = self._exact(norm[:-1])
        return entry if entry and entry.kind == "demonym" else None


def read_table(path: Path = TABLE_PATH) -> list[Entry]:
    """The rows of an actor table as entries."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [_entry(row) for row in rows]


def _entry(row: dict[str, str]) -> Entry:
    actor = Actor(row["name"], row["code"] or None, row["sector"] or None, row["type"] or None)
    return Entry(row["alias"], actor, row["kind"], row["key"], row["cased"] == "1")


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The team's gazetteer, read once from ``data/actors.tsv``."""
    return Gazetteer(read_table())


@lru_cache(maxsize=1)
def _tokenizer():
    import spacy  # local import: keep this module light

    return spacy.blank("en").tokenizer


def alias_pattern(alias: str, cased: bool) -> list[dict]:
    """Token pattern for one alias: ORTH for cased or one-word aliases, LOWER for other multi-word ones."""
    words = [token.text for token in _tokenizer()(alias)]
    attr = "ORTH" if cased or len(words) == 1 else "LOWER"
    return [{attr: word if attr == "ORTH" else word.lower()} for word in words]


def ruler_patterns(gazetteer: Gazetteer | None = None) -> list[dict]:
    """EntityRuler patterns for the table's actors: label = the table's type, ``id`` = the actor key."""
    gazetteer = gazetteer or load_gazetteer()
    patterns, seen = [], set()
    for entry in gazetteer.entries:
        if entry.kind not in RULER_KINDS or not entry.actor.type:
            continue
        pattern = alias_pattern(entry.alias, entry.cased)
        signature = (entry.actor.type, repr(pattern))
        if signature in seen:
            continue
        seen.add(signature)
        patterns.append({"label": entry.actor.type, "pattern": pattern, "id": entry.key})
    return patterns

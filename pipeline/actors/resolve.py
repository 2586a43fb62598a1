"""Span -> ``Actor``: the single entry point of the pipeline (``resolve_span``).

First the article's own links (``Doc._.actor_links``, set by ``geoclaims_actor_links_v1``: "Guaidó" after
"Venezuelan opposition leader Juan Guaidó", "he", "the ministry"); then the tables (``resolve_in_table``):
a person by name in PETRARCH2's dated roles at the article's ``published`` day (``role_table``), the
whole span in the gazetteer, the dated roles for other named spans, else its owner ("Russia's
Rosselkhoznadzor"), else its modifiers ("Kazakh agricultural imports", "the Russian government",
"Chinese troops"), else a named part of it (inside a PERSON span only a nationality, never a country
name: "Chad Wolf" is no TCD).

The sector comes from the span's head noun: an agency in the table ("Rosselkhoznadzor" -> GOV) or an
agent noun (``AGENT_SECTORS``: government -> GOV, troops -> MIL, exporters -> BUS, farmers -> AGR ...).
Works on parsed Docs (uses ``dep_``) and on unparsed ones (falls back to the tokens' order).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .context import NOT_LINKED, article_day, linked_actor
from .gazetteer import Actor, Entry, Gazetteer, load_gazetteer, normalise, strip_title
from .role_table import RoleTable, load_roles

if TYPE_CHECKING:  # spaCy itself is only needed by the caller's Doc
    from spacy.tokens import Span, Token

AGENT_SECTORS: dict[str, str] = {
    **dict.fromkeys(
        "government administration authority authorities ministry minister ministers official officials cabinet "
        "president premier leader leadership regime state embassy ambassador envoy diplomat diplomats delegation "
        "negotiator negotiators spokesman spokeswoman spokesperson regulator regulators agency watchdog "
        "chancellor secretary department kremlin presidency".split(),
        "GOV",
    ),
    **dict.fromkeys("parliament lawmakers legislators legislature senators deputies mps congressmen".split(), "LEG"),
    **dict.fromkeys(
        "troops army military forces soldiers navy airforce commanders generals officers warplanes jets "
        "tanks artillery militia".split(),
        "MIL",
    ),
    **dict.fromkeys("police policemen".split(), "COP"),
    **dict.fromkeys("intelligence spies".split(), "SPY"),
    **dict.fromkeys("court courts judges judiciary prosecutors prosecutor".split(), "JUD"),
    **dict.fromkeys(
        "firms firm companies company exporters exporter importers importer producers producer banks bank "
        "investors investor business businesses industry traders trader manufacturers manufacturer corporations "
        "lenders insurers airlines refiners miners".split(),
        "BUS",
    ),
    **dict.fromkeys("farmers farmer growers grower".split(), "AGR"),
    **dict.fromkeys("protesters protestors demonstrators opposition dissidents".split(), "OPP"),
    **dict.fromkeys("rebels insurgents separatists".split(), "REB"),
    **dict.fromkeys("civilians residents citizens people voters consumers workers villagers".split(), "CVL"),
    **dict.fromkeys("media press journalists newspaper newspapers broadcaster".split(), "MED"),
    **dict.fromkeys("students universities".split(), "EDU"),
    **dict.fromkeys("refugees migrants".split(), "REF"),
}
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "npadvmod", "poss", "appos"})
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})
ENTITY_TYPES = frozenset({"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
MAX_PART = 6  # longest sub-span tried as an alias
MAX_SPAN = 40  # spans longer than this are not searched for parts
PLACE_KINDS = frozenset({"country", "capital", "city", "code", "region"})  # not read inside a person's name


def resolve_span(span: Span, gazetteer: Gazetteer | None = None) -> Actor | None:
    """The actor a span names or belongs to in its article, or None."""
    linked = linked_actor(span)
    if linked is not NOT_LINKED:
        return linked
    return resolve_in_table(span, gazetteer)


def resolve_in_table(span: Span, gazetteer: Gazetteer | None = None, roles: RoleTable | None = None) -> Actor | None:
    """The actor a span names or belongs to by the tables alone (no in-article links), or None."""
    gazetteer = gazetteer or load_gazetteer()
    roles = load_roles() if roles is None else roles
    if span.label_ == "PERSON":
        dated = _dated_role(span, roles)
        if dated is not None:
            return dated
    whole = _whole(span, gazetteer)
    if whole is not None:
        return whole.actor._replace(type=_span_type(span) or whole.actor.type)
    if _span_type(span) or _all_names(span):
        dated = _dated_role(span, roles)
        if dated is not None:
            return dated
    base = _owner(span, gazetteer) or _modifier(span, gazetteer) or _part(span, gazetteer)
    if base is None:
        return None
    sector = head_sector(span.root, gazetteer) or base.actor.sector
    return Actor(base.actor.name, base.actor.code, sector, _span_type(span))


def _dated_role(span: Span, roles: RoleTable) -> Actor | None:
    """The span's role on the article's day in PETRARCH2's dictionaries (titles stripped), or None."""
    text = normalise(span.text)
    actor = roles.lookup(text, article_day(span.doc), _span_type(span))
    bare = strip_title(text) if actor is None else None
    return roles.lookup(bare, article_day(span.doc), _span_type(span)) if bare else actor


def _all_names(span: Span) -> bool:
    """True for a span of capitalised words only (a name, not a description)."""
    return all(t.text[:1].isupper() or not t.is_alpha for t in span) and any(t.is_alpha for t in span)


def _span_type(span: Span) -> str | None:
    """The span's entity label, or None (noun chunks carry the label "NP", which is no entity type)."""
    return span.label_ if span.label_ in ENTITY_TYPES else None


def head_sector(head: Token, gazetteer: Gazetteer) -> str | None:
    """Sector of a head noun: a state organ in the table, else the agent-noun table."""
    entry = gazetteer.find(head.text)
    if entry is not None and entry.actor.sector and entry.kind in {"agency", "seat", "leader"}:
        return entry.actor.sector
    return AGENT_SECTORS.get(head.lower_) or AGENT_SECTORS.get(head.lemma_.lower())


def _whole(span: Span, gazetteer: Gazetteer) -> Entry | None:
    key = span.ent_id_ if span.ent_id_ else ""
    entry = gazetteer.by_key(key) if key else None
    return entry or gazetteer.find(span.text)


def _owner(span: Span, gazetteer: Gazetteer) -> Entry | None:
    """The possessor: a ``poss`` child of the head, or the words before a possessive "'s"."""
    for child in span.root.children:
        if child.dep_ == "poss":
            entry = _lookup_tokens([t for t in child.subtree if t.dep_ != "case"], gazetteer)
            if entry is not None:
                return entry
    marks = [t.i for t in span if t.text in POSSESSIVE_MARKS and t.i > span.start]
    if marks:
        return gazetteer.find(span.doc[span.start : marks[0]].text)
    return None


def _modifier(span: Span, gazetteer: Gazetteer) -> Entry | None:
    """An adjectival, compound or nominal modifier of the head that names an actor."""
    for child in span.root.children:
        if child.dep_ in MODIFIER_DEPS and span.start <= child.i < span.end:
            entry = _lookup_tokens(list(child.subtree), gazetteer) or gazetteer.find(child.text)
            if entry is not None:
                return entry
    return None


def _part(span: Span, gazetteer: Gazetteer) -> Entry | None:
    """The longest (then leftmost) run of tokens that names an actor; premodifiers before the head first."""
    if len(span) > MAX_SPAN:
        return None
    head = span.root.i
    before = span.doc[span.start : head] if head > span.start else None
    for region in (before, span):
        if region is not None and len(region):
            entry = _longest_part(region, gazetteer)
            if entry is not None and not (span.label_ == "PERSON" and entry.kind in PLACE_KINDS):
                return entry
    return None


def _longest_part(region: Span, gazetteer: Gazetteer) -> Entry | None:
    for size in range(min(MAX_PART, len(region)), 0, -1):
        for start in range(region.start, region.end - size + 1):
            part = region.doc[start : start + size]
            if not any(t.is_alpha for t in part) or (size == 1 and not _nameish(part[0])):
                continue
            entry = gazetteer.find(part.text)
            if entry is not None:
                return entry
    return None


def _nameish(token: Token) -> bool:
    """A single token worth looking up: capitalised or an acronym, not a stop word."""
    if token.text.isupper() and len(token.text) > 1:
        return True
    return token.text[:1].isupper() and not token.is_stop


def _lookup_tokens(tokens: list[Token], gazetteer: Gazetteer) -> Entry | None:
    if not tokens:
        return None
    tokens = sorted(tokens, key=lambda t: t.i)
    doc = tokens[0].doc
    return gazetteer.find(doc[tokens[0].i : tokens[-1].i + 1].text)

"""What an article tells about its actors: the ``published`` date, the per-doc links, the focus country.

Doc extensions registered here (idempotent): ``Doc._.published`` (ISO date string or None, set by the
extractor before the pipeline runs) and ``Doc._.actor_links`` (dict: token index -> ``Link``, set by
the ``geoclaims_actor_links_v1`` component). ``linked_actor(span)`` is what ``resolve_span`` consults.
The focus country of an article is the state named most often by its entities (places, nationalities,
state organs and leaders of the team table; ties: the first named); "the Parliament" with no
antecedent in an Iraqi story is the Iraqi parliament.
"""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from .gazetteer import Actor, Gazetteer, load_gazetteer
from .role_table import parse_iso_day

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

NOT_LINKED = object()  # linked_actor's answer for a span no link covers
STATE_KINDS = frozenset({"country", "demonym", "capital", "seat", "city", "code", "agency", "leader"})
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG"})


class Link(NamedTuple):
    """A mention's actor in this article; ``actor`` None = known not to be an actor (a first name)."""

    start: int  # token offsets of the mention
    end: int
    actor: Actor | None
    source: tuple[int, int] | None  # token offsets of the mention it was carried from, None for itself
    rule: str  # descriptor | name | description | pronoun | focus | first-name


def register_context_extensions() -> None:
    """``Doc._.published`` and ``Doc._.actor_links`` (both default None); safe to call twice."""
    from spacy.tokens import Doc

    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    if not Doc.has_extension("actor_links"):
        Doc.set_extension("actor_links", default=None)


def article_day(doc: Doc) -> date | None:
    """The doc's publication day, or None (extension missing, unset or unreadable)."""
    if not doc.has_extension("published"):
        return None
    return parse_iso_day(doc._.published)


def doc_links(doc: Doc) -> dict[int, Link]:
    """The links the component stored on ``doc`` (empty when it did not run)."""
    if not doc.has_extension("actor_links"):
        return {}
    return doc._.actor_links or {}


def linked_actor(span: Span):
    """The in-article actor of ``span`` (an ``Actor`` or None), or ``NOT_LINKED`` where no link covers it.

    A link covers a span when it is stored on the span's root token, or on its last token when the doc
    has no parse (links sit on a name's tokens, a description's head noun, a pronoun).
    """
    links = doc_links(span.doc)
    if not links:
        return NOT_LINKED
    head = span.root.i if span.doc.has_annotation("DEP") else span.end - 1
    link = links.get(head)
    if link is None:
        return NOT_LINKED
    if link.actor is None:
        return None
    label = span.label_ if span.label_ in {"PERSON", "ORG", "NORP", "GPE"} else None
    return link.actor._replace(type=label or link.actor.type)


def state_entry_code(text: str, gazetteer: Gazetteer) -> str | None:
    """The state code of a place, nationality, state organ or leader of the team table, or None."""
    entry = gazetteer.find(text)
    if entry is None or entry.kind not in STATE_KINDS or not entry.actor.code:
        return None
    return entry.actor.code if entry.actor.code not in NON_STATE_CODES else None


def focus_country(doc: Doc, gazetteer: Gazetteer | None = None) -> Actor | None:
    """The state the article is most about (most entity mentions coded with it, ties: first named), or None."""
    gazetteer = gazetteer or load_gazetteer()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "NORP", "ORG", "PERSON"}:
            continue
        code = state_entry_code(ent.text, gazetteer)
        if code:
            counts[code] += 1
            first.setdefault(code, ent.start)
    if not counts:
        return None
    code = max(counts, key=lambda c: (counts[c], -first[c]))
    entry = gazetteer.by_key(code.lower())
    name = entry.actor.name if entry else code
    return Actor(name, code, None, "GPE")

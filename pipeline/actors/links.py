"""In-article actor linking: the ``geoclaims_actor_links_v1`` component (``Doc._.actor_links``).

The rule, read left to right through the article (the focus country is the state its entities name
most often, see ``context.focus_country``):
1. A person's first mention takes the actor its descriptor states (the title words, nationality and
   possessive just before the name, or an apposition after it: "Venezuelan opposition leader Juan
   Guaidó", "Ukraine's foreign minister Dmytro Kuleba", "Ned Price, a State Department spokesman");
   without one, its role in the tables at the ``published`` day; without that, the focus country
   (sector unknown). A sports or entertainment descriptor makes the person no state actor (None).
2. A later mention of the same person (full name or surname, with or without a title) takes the first
   mention's actor.
3. A description with a country ("Israel's defence minister", "the Iraqi parliament") is resolved by
   the tables; a definite one without ("the minister", "the Parliament", "the commission") takes the
   actor of the most recent earlier mention with the same head noun (a person's title, a description,
   an organisation's last word); "the bloc" the most recent IGO, "the country" the most recent state.
   With no antecedent, a state organ ("the parliament", "the president"), an indefinite person title
   ("a High Court judge") or a group ("soldiers", "protesters") is the focus country's, with the
   sector its head states.
4. "he", "she", "him", "her", "his" take the actor of the most recent person mention (a name or a
   title description) in the same sentence or the two before; in a parsed doc a subject pronoun takes
   the most recent person that was a subject, if any.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import Link, focus_country, register_context_extensions
from .descriptions import (BODY_HEADS, GROUP_HEADS, HEAD_WORDS, IGO_HEADS, ORGAN_HEADS, PERSON_TITLES, STATE_HEADS,
                           name_like, title_like, descriptor_sector, first_name_spans, head_word,
                           is_non_political, left_descriptor, right_descriptor, word)
from .gazetteer import Actor, normalise
from .resolve import resolve_in_table

FACTORY = "geoclaims_actor_links_v1"
PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PRONOUN_SENTENCES = 2  # sentences before the pronoun's own that are searched
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


class Mention(NamedTuple):
    """A linked mention: token offsets, its actor, the head words it answers to, whether it is a person."""

    start: int
    end: int
    actor: Actor | None
    heads: frozenset[str]
    person: bool
    keys: frozenset[str] = frozenset()


class ActorLinker:
    """Sets ``doc._.actor_links`` (token index -> ``Link``) by the rule of the module docstring."""

    def __init__(self):
        register_context_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_links = article_links(doc)
        return doc


def article_links(doc: Doc) -> dict[int, Link]:
    """Token index -> ``Link`` for the names, descriptions and pronouns of ``doc``."""
    sentence_of = sentence_ids(doc)
    mentions: list[Mention] = []
    links: dict[int, Link] = {}
    names = person_names(doc)
    name_at = {span.start: span for span in names}
    focus = focus_country(doc)
    i = 0
    while i < len(doc):
        if i in name_at:
            span = name_at[i]
            mention, source, resume, rule = _person(doc, span, mentions, focus)
            _store(links, span.start, span.end, mention.actor, source, rule)
            mentions.append(mention)
            i = resume
            continue
        token = doc[i]
        if token.lower_ in PRONOUNS:
            _pronoun(doc, i, mentions, sentence_of, links)
        elif word(token) in HEAD_WORDS and not _modifies_next(doc, i, name_at):
            mention = _description(doc, i, mentions, focus, links)
            if mention is not None:
                mentions.append(mention)
        i += 1
    return links


def _modifies_next(doc: Doc, i: int, name_at: dict[int, Span]) -> bool:
    """True for a head word that is a title of the next name or modifies the next title ("opposition leader")."""
    return i + 1 < len(doc) and ((i + 1) in name_at or title_like(doc[i + 1]))


def person_names(doc: Doc) -> list[Span]:
    """Names of people: PERSON entities without their leading title words, first names read as
    countries ("Chad Wolf"), and later bare surnames of those people outside any entity."""
    firsts = first_name_spans(doc)
    spans = [s for s in (_strip_titles(e) for e in doc.ents if e.label_ == "PERSON") if s is not None
             and not any(s.start < f.end and f.start < s.end for f in firsts)] + firsts
    keys = {normalise(s[-1].text).lower() for s in spans if len(s) > 1}
    covered = {t for s in spans for t in range(s.start, s.end)}
    if keys:  # a bare surname needs a full name before it
        spans += [doc[t.i : t.i + 1] for t in doc if t.i not in covered and not t.ent_type_ and name_like(t)
                  and normalise(t.text).lower() in keys]
    return sorted(spans, key=lambda s: s.start)


def _strip_titles(ent: Span) -> Span | None:
    start = ent.start
    while start < ent.end and (title_like(ent.doc[start]) or not name_like(ent.doc[start])):
        start += 1
    return ent.doc[start : ent.end] if start < ent.end else None


def _person(doc: Doc, span: Span, mentions: list[Mention], focus: Actor | None):
    """The person's mention, the mention it was carried from (or None), where reading resumes, the rule."""
    keys = frozenset({normalise(span.text).lower(), normalise(span[-1].text).lower()})
    earlier = next((m for m in reversed(mentions) if m.person and m.keys & keys), None)
    if earlier is not None:
        mention = Mention(span.start, span.end, earlier.actor, earlier.heads, True, keys)
        return mention, (earlier.start, earlier.end), span.end, "name"
    left, _ = left_descriptor(doc, span.start)
    right = right_descriptor(doc, span.end)
    resume = right.end if right is not None else span.end
    heads = frozenset(head_word(d) for d in (left, right) if d is not None)
    if is_non_political(left) or is_non_political(right):
        return Mention(span.start, span.end, None, heads, True, keys), None, resume, "non-political"
    actor, rule = _described(left, right), "descriptor"
    if actor is None:
        actor, rule = resolve_in_table(Span(doc, span.start, span.end, label="PERSON")), "table"
    if (actor is None or not actor.code) and focus is not None:
        sector = descriptor_sector(left) if left is not None else descriptor_sector(right)
        actor, rule = Actor(focus.name, focus.code, sector, "PERSON"), "focus"
    if actor is not None:
        actor = actor._replace(type="PERSON")
    return Mention(span.start, span.end, actor, heads, True, keys), None, resume, rule


def _described(*descriptors: Span | None) -> Actor | None:
    """The state (or organisation) a descriptor names, with the sector it states."""
    for descriptor in descriptors:
        if descriptor is None:
            continue
        base = resolve_in_table(descriptor)
        if base is not None and base.code:
            return Actor(base.name, base.code, descriptor_sector(descriptor, base.sector), "PERSON")
    return None


def _description(doc: Doc, i: int, mentions: list[Mention], focus: Actor | None,
                 links: dict[int, Link]) -> Mention | None:
    head = word(doc[i])
    person = head in PERSON_TITLES
    named = _named_entity(doc, i)
    if named is not None:
        _store(links, i, i + 1, named.actor, None, "descriptor")
        return named._replace(heads=frozenset({head}))
    left, definite = left_descriptor(doc, i)
    span = doc[left.start if left is not None else i : _of_end(doc, i)]
    base = resolve_in_table(span)
    if base is not None and base.code:
        actor = Actor(base.name, base.code, descriptor_sector(span, base.sector), "PERSON" if person else "ORG")
        _store(links, i, i + 1, actor, None, "descriptor")
        return Mention(span.start, span.end, actor, frozenset({head}), person)
    source = _antecedent(doc, i, head, mentions) if definite or doc[i].text[:1].isupper() else None
    if source is not None:
        _store(links, i, i + 1, source.actor, (source.start, source.end), "description")
        return Mention(span.start, span.end, source.actor, frozenset({head}), person)
    if focus is not None and (head in ORGAN_HEADS or head in GROUP_HEADS or (person and not definite)):
        sector = descriptor_sector(span) or PERSON_TITLES.get(head) or BODY_HEADS.get(head) or GROUP_HEADS.get(head)
        actor = Actor(focus.name, focus.code, sector, "PERSON" if person else "ORG")
        _store(links, i, i + 1, actor, None, "focus")
        return Mention(span.start, span.end, actor, frozenset({head}), person)
    return None


def _named_entity(doc: Doc, i: int) -> Mention | None:
    """The organisation or place entity around token ``i`` when the tables resolve it ("European Union")."""
    if doc[i].ent_type_ not in {"ORG", "GPE", "NORP", "FAC"}:
        return None
    ent = next((e for e in doc.ents if e.start <= i < e.end), None)
    actor = resolve_in_table(ent) if ent is not None else None
    if actor is None or not actor.code:
        return None
    return Mention(ent.start, ent.end, actor, frozenset(), False)


def _of_end(doc: Doc, i: int) -> int:
    """End of "the president of France": past an entity right after "of", else just past the head."""
    if i + 2 < len(doc) and doc[i + 1].lower_ == "of" and doc[i + 2].ent_type_ in {"GPE", "ORG", "NORP"}:
        j = i + 2
        while j < len(doc) and doc[j].ent_iob_ in {"B", "I"} and (j == i + 2 or doc[j].ent_iob_ == "I"):
            j += 1
        return j
    return i + 1


def _antecedent(doc: Doc, i: int, head: str, mentions: list[Mention]) -> Mention | None:
    """The most recent mention or entity before token ``i`` that answers to ``head``."""
    found = next((m for m in reversed(mentions) if head in m.heads and m.actor is not None), None)
    for ent in reversed([e for e in doc.ents if e.end <= i and e.label_ in {"ORG", "GPE", "NORP"}]):
        if found is not None and found.start >= ent.start:
            break
        if not (head in IGO_HEADS or head in STATE_HEADS or word(ent[-1]) == head):
            continue
        actor = resolve_in_table(ent)
        if actor is not None and _answers(head, actor):
            return Mention(ent.start, ent.end, actor, frozenset({head}), False)
    return found


def _answers(head: str, actor: Actor) -> bool:
    """Whether an entity's actor can be what ``head`` refers to (a bloc is an IGO, a country a state)."""
    if head in IGO_HEADS:
        return actor.code == "IGO"
    if head in STATE_HEADS:
        return bool(actor.code) and actor.code not in {"IGO", "NGO", "IMG"} and actor.type in {"GPE", None}
    return bool(actor.code)


def _pronoun(doc: Doc, i: int, mentions: list[Mention], sentence_of: list[int], links: dict[int, Link]) -> None:
    """Link a personal pronoun to the most recent person mention in its sentence or the two before; in a
    parsed doc a subject pronoun prefers the most recent person that is a subject."""
    floor = sentence_of[i] - PRONOUN_SENTENCES
    people = [m for m in mentions if m.person and m.start < i and sentence_of[m.start] >= floor]
    if not people:
        return
    chosen = people[-1]
    if doc.has_annotation("DEP") and doc[i].dep_ in SUBJECT_DEPS:
        chosen = next((m for m in reversed(people) if doc[m.end - 1].dep_ in SUBJECT_DEPS), chosen)
    if chosen.actor is not None:
        _store(links, i, i + 1, chosen.actor, (chosen.start, chosen.end), "pronoun")


def _store(links: dict[int, Link], start: int, end: int, actor: Actor | None, source, rule: str) -> None:
    for index in range(start, end):
        links[index] = Link(start, end, actor, source, rule)


def sentence_ids(doc: Doc) -> list[int]:
    """Sentence number of each token: the parser's sentences, else split after ". ! ?"."""
    ids, current = [], 0
    if doc.has_annotation("SENT_START"):  # from the token array: no Token object per word
        for i, start in enumerate(doc.to_array("SENT_START").tolist()):
            current += start == 1 and i > 0
            ids.append(current)
        return ids
    for token in doc:
        ids.append(current)
        if token.text in {".", "!", "?"}:
            current += 1
    return ids


@Language.factory(FACTORY)
def make_actor_links(nlp: Language, name: str) -> ActorLinker:
    """Factory for ``nlp.add_pipe(FACTORY, name="geoclaims_actor_links", before="geoclaims_actors")``."""
    return ActorLinker()

"""Who asserts a claim when the article reports someone's words: a Doc in, an ``Attribution`` out.

Sources, in order: the subject of a reporting verb whose complement holds the predicate ("X said
(that) ...", "..., X said.", "X told reporters", "X announced", "X was quoted as saying"); the object
of "according to X"; for a predicate inside quotation marks with no speaker in its own sentence, the
speaker of a reporting verb in the next (or previous) sentence of the same paragraph. The source span
is the speaker's noun phrase without relative clauses, appositions or trailing phrases ("Peskov",
"the Foreign Ministry", "a U.S. official"), resolved with the actor resolver (code may be None).

A claim whose subject speaks its own speech act ("Russia condemned ...", "X said it backs Y" for a
SUPPORT claim) has no separate attribution (guide rule 8), unless someone else reports the sentence.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..actors.resolve import resolve_span
from ..candidates import PredicateWords
from ..lang.en import KEPT_PREPS as _KEPT_PREPS
from ..lang.en import QUOTES, REPORTING_LEMMAS
from .clause import SPEECH_TYPES, clause_heads, predicate_span, reporting_verb, speaker_is_subject

_SPEAKER_DEPS = ("nsubj", "nsubjpass")
_CUT_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "ccomp", "parataxis"})


class Attribution(NamedTuple):
    text: str
    start: int  # character offsets into the doc text
    end: int
    name: str | None
    code: str | None
    sector: str | None
    type: str | None


def speaker_span(head: Token) -> Span:
    """The speaker's noun phrase: left modifiers, the head, and "of/for ..." phrases up to a clause."""
    start = min([head.i] + [c.left_edge.i for c in head.lefts if c.dep_ not in _CUT_DEPS])
    end = head.i + 1
    for child in head.rights:
        if child.dep_ in _CUT_DEPS or (child.dep_ == "prep" and child.lower_ not in _KEPT_PREPS):
            break
        end = child.right_edge.i + 1
    while start < end - 1 and head.doc[start].is_punct:
        start += 1
    return head.doc[start:end]


def _speaker_of(verb: Token) -> Token | None:
    """The subject of a reporting verb; for "X was quoted as saying", X."""
    subject = next((c for c in verb.children if c.dep_ in _SPEAKER_DEPS), None)
    if subject is None and verb.head.lemma_ in ("quote", "cite") and verb.head.i != verb.i:
        subject = next((c for c in verb.head.children if c.dep_ in _SPEAKER_DEPS), None)
    if subject is None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        subject = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if subject is not None and subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        subject = verb.head  # "Hajime Tamura, who said ...": the antecedent speaks
    return subject


def _according_to(sentence: Span) -> Token | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end and token.nbor(1).lower_ == "to":
            return next((c for c in token.nbor(1).children if c.dep_ == "pobj"), None) or \
                next((c for t in (token, token.nbor(1)) for c in t.children if c.dep_ == "pobj"), None)
    return None


def _inside_quote(doc: Doc, sentence: Span, root: Token) -> bool:
    """The predicate lies between quotation marks opened in its paragraph."""
    before = paragraph_text_before(doc, root)
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def paragraph_text_before(doc: Doc, token: Token) -> str:
    """The text from just after the last blank line ("\\n\\n") before ``token`` up to it: read back token by
    token, not from ``doc.text``, which spaCy rebuilds from every token at each call."""
    for k in range(token.i - 1, -1, -1):
        text = doc[k].text_with_ws
        cut = text.rfind("\n\n")
        if cut >= 0:
            return text[cut + 1:] + doc[k + 1:token.i].text_with_ws
    return doc[:token.i].text_with_ws


def _sentence_reporter(sentence: Span) -> Token | None:
    """A reporting verb heading the sentence, with a speaker ("..., the ministry said.")."""
    root = sentence.root
    if root.lemma_.lower() in REPORTING_LEMMAS and _speaker_of(root) is not None:
        return root
    return None


def _neighbour_sentences(doc: Doc, sentence: Span) -> list[Span]:
    """The next, then the previous, sentence of the same paragraph."""
    sentences = list(doc.sents)
    index = next((n for n, s in enumerate(sentences) if s.start == sentence.start), None)
    if index is None:
        return []
    found = []
    for other in (index + 1, index - 1):
        if 0 <= other < len(sentences):
            first, second = sorted((sentences[index], sentences[other]), key=lambda s: s.start)
            if "\n\n" not in doc.text[first.end_char:second.start_char + 1]:
                found.append(sentences[other])
    return found


def attribution_source(doc: Doc, sentence: Span, root: Token, *, event_type: str | None = None) -> Token | None:
    """The head word of whoever the text says asserts the predicate's claim, or None."""
    reporter = reporting_verb(clause_heads(root))
    if reporter is not None:
        if event_type in SPEECH_TYPES and speaker_is_subject(reporter, root):
            reporter = reporting_verb(clause_heads(reporter))  # reported by someone else?
        if reporter is not None and _speaker_of(reporter) is not None:
            return _speaker_of(reporter)
    according = _according_to(sentence)
    if according is not None:
        return according
    if _inside_quote(doc, sentence, root):
        own = _sentence_reporter(sentence)
        if own is not None and own.i != root.i:
            return _speaker_of(own)
        for other in _neighbour_sentences(doc, sentence):
            found = _sentence_reporter(other)
            if found is not None and any(t.text in QUOTES for t in other):
                return _speaker_of(found)
    return None


def claim_attribution(
    doc: Doc,
    sentence_span: Span,
    predicate: PredicateWords | Span | Token,
    *,
    resolver: Callable[[Span], object | None] = resolve_span,
    event_type: str | None = None,
) -> Attribution | None:
    """Who asserts the claim whose predicate is ``predicate`` in ``sentence_span``, resolved; or None."""
    root, _ = predicate_span(doc, predicate)
    head = attribution_source(doc, sentence_span, root, event_type=event_type)
    if head is None:
        return None
    span = speaker_span(head)
    actor = resolver(span) if resolver is not None else None
    if actor is None:
        return Attribution(span.text, span.start_char, span.end_char, None, None, None, None)
    return Attribution(span.text, span.start_char, span.end_char, actor.name, actor.code, actor.sector, actor.type)

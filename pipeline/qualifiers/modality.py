"""Negation and modality of a claim's predicate (v2 rules, issue 4): a Doc in, ``Qualifiers`` out.

The predicate's *clause* is its head word plus the words that govern it without starting a new
clause (xcomp "decided to hold", nominal links "announced plans for", the verb of a noun predicate);
cues are read from that clause's children (aux, neg, advmod, mark) and lemmas, then from the clause
above it (a reporting verb, an "if" clause). Precedence, checked against the annotation guide
(corpora/ANNOTATION.md) and the train split of the relation gold:
hedged > hypothetical (condition, directive, "should") > intended > future > reported > asserted.
"reportedly"/"allegedly" are hedges (the guide lists them under ``hedged``); "X said it will" is
future (the guide's rule 8 keeps the more specific modality of the reported event).

Negation follows the guide's rule 5: a refusal is its own type (REJECT), so when the refusal is the
predicate itself ("refused to join", "refusal to join", "denied breaking") or the event type is
REJECT, ``negated`` is False; "did not", "never", "no", "failed to", "without", and a refusal verb
governing another act ("declined to join" read as JOIN) make it True.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..candidates import PredicateWords
from ..lang.en import (CONDITION_MARKS, DIRECTIVE_LEMMAS, FAILURE_LEMMAS, FUTURE_LEMMAS, FUTURE_WORDS, HEDGE_LEMMAS,
                       HEDGE_WORDS, HYPOTHETICAL_WORDS, INTENT_LEMMAS, OBLIGATION_WORDS, REFUSAL_LEMMAS)
from .clause import (SPEECH_TYPES, clause_cues, clause_heads, outer_head, predicate_span, reporting_verb,
                     speaker_is_subject)


class Qualifiers(NamedTuple):
    negated: bool
    modality: str
    cue: str | None  # the word that decided the modality (or the negation when asserted), else None


def _is_refusal_predicate(span: Span, event_type: str | None) -> bool:
    return event_type == "REJECT" or any(t.lemma_.lower() in REFUSAL_LEMMAS for t in span)


def predicate_negated(root: Token, span: Span, *, event_type: str | None = None) -> tuple[bool, str | None]:
    """(negated, cue): "did not", "never", "no", "failed to", "without"; never for refusals (rule 5)."""
    if _is_refusal_predicate(span, event_type):
        return False, None
    heads = clause_heads(root)
    for cue in clause_cues(heads):
        if (cue.dep_ == "neg" and not _not_only(cue)) or cue.lower_ in ("never", "neither", "nor"):
            return True, cue.text
        if cue.dep_ == "det" and cue.lower_ == "no" and cue.head in heads:
            return True, cue.text
    for head in heads + list(span):
        if head.lemma_.lower() in FAILURE_LEMMAS and head.pos_ == "VERB" \
                and any(c.dep_ in ("xcomp", "pcomp") or (c.dep_ == "dobj" and c.tag_ == "VBG") for c in head.children):
            return True, head.text  # "failed to renew", "denied imposing", "declined to join" read as JOIN
    top = heads[-1]
    if top.dep_ == "pcomp" and top.head.lower_ == "without":
        return True, top.head.text
    return False, None


def _not_only(token: Token) -> bool:
    """ "not only ... but also": no negation."""
    return token.i + 1 < len(token.doc) and token.nbor(1).lower_ in ("only", "just", "merely")


def _first(tokens: list[Token], words: frozenset) -> Token | None:
    return next((t for t in tokens if t.lower_ in words or t.lemma_.lower() in words), None)


def _according_to(sentence: Span) -> Token | None:
    return next((t for t in sentence if t.lower_ == "according" and t.nbor(1).lower_ == "to"), None) \
        if len(sentence) > 1 and sentence[-1].lower_ != "according" else None


COMMITMENT_TYPES = frozenset({"AGREE", "THREATEN"})  # "willing to provide", "threatened to": the act itself


def _hedge(root: Token, span: Span, heads: list[Token], cues: list[Token]) -> Token | None:
    modal = _first([c for c in cues if c.dep_ in ("aux", "advmod")] + [t for t in span if t.dep_ in ("aux", "advmod")],
                   HEDGE_WORDS)
    verb = next((h for h in heads[1:] + list(span) if h.lemma_.lower() in HEDGE_LEMMAS and h.i != root.i
                 and h.pos_ == "VERB" and any(c.dep_ == "xcomp" or c.i == root.i for c in h.children)), None)
    sentence_adverb = _first([t for t in root.sent if t.dep_ == "advmod" and t.head.dep_ == "ROOT"
                              and t.head.i in {h.i for h in heads}],
                             frozenset({"reportedly", "allegedly", "apparently", "ostensibly"}))
    return modal or verb or sentence_adverb


def _condition(heads: list[Token], cues: list[Token]) -> Token | None:
    mark = next((c for c in cues if c.dep_ == "mark" and c.lower_ in CONDITION_MARKS), None)
    if mark is None and heads[-1].dep_ == "advcl":
        mark = next((c for c in heads[-1].children if c.lower_ in ("if", "unless", "until")), None)
    return mark


def _directive(heads: list[Token], outer: Token | None) -> Token | None:
    governors = [h for h in heads[1:] if h.pos_ == "VERB"]
    if outer is not None and heads[-1].dep_ in ("xcomp", "advcl", "ccomp"):
        governors.append(outer)
    for verb in governors:
        lemma = verb.lemma_.lower()
        if lemma in DIRECTIVE_LEMMAS and (lemma != "call" or any(c.lower_ in ("on", "upon", "for") for c in verb.children)):
            return verb
    return None


def _intent(root: Token, span: Span, heads: list[Token]) -> Token | None:
    """ "plans to", "seeks to", "decided to" (governing or inside the predicate words); purpose "to" clauses."""
    for token in heads[1:] + list(span):
        if token.lemma_.lower() in INTENT_LEMMAS and token.pos_ in ("VERB", "NOUN", "ADJ") and token.dep_ != "amod":
            if token.i != root.i or any(c.dep_ == "xcomp" or (c.dep_ == "acl" and c.i > token.i) for c in token.children):
                return token
    top = heads[-1]
    if top.dep_ == "acl" and span.start <= top.head.i < span.end:
        return None  # the complement of the predicate's own noun ("refusal to join"), not a purpose
    if top.pos_ == "VERB" and top.dep_ in ("advcl", "acl", "relcl") and not any(c.dep_.startswith("nsubj") for c in top.children):
        to = next((c for c in top.children if c.dep_ == "aux" and c.lower_ == "to"), None)
        if to is not None:
            return to  # purpose: "an appeal for $80 million to provide help"
    return None


def predicate_modality(root: Token, span: Span, *, event_type: str | None = None) -> tuple[str, str | None]:
    """(modality, cue) for the predicate whose head word is ``root`` and words ``span``."""
    heads = clause_heads(root)
    cues = clause_cues(heads)
    outer = outer_head(heads)
    hedge = _hedge(root, span, heads, cues)
    if hedge is not None:
        return "hedged", hedge.text
    condition = _condition(heads, cues)
    if condition is not None:
        return "hypothetical", condition.text
    directive = _directive(heads, outer)
    if directive is not None:
        return "hypothetical", directive.text
    intent = _intent(root, span, heads) if event_type not in COMMITMENT_TYPES else None
    if intent is not None:
        return "intended", intent.text
    reporter = reporting_verb(heads)
    if reporter is not None and event_type in SPEECH_TYPES and speaker_is_subject(reporter, root):
        reporter = None  # "X said it agrees with Y": the speaking is the event (guide rule 8)
    future = _first([c for c in cues if c.dep_ in ("aux", "auxpass")], FUTURE_WORDS)
    future = future or next((h for h in heads[1:] if h.lemma_.lower() in FUTURE_LEMMAS and h.pos_ in ("VERB", "ADJ")), None)
    future = future or _be_to(heads)
    if future is not None:
        return "future", future.text
    modal = _first([c for c in cues if c.dep_ == "aux"], HYPOTHETICAL_WORDS)
    if modal is not None and not (event_type == "DEMAND" and modal.lower_ in OBLIGATION_WORDS):
        perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in cues)
        if modal.lower_ in ("would", "'d") and reporter is not None and not perfect:
            return "future", modal.text  # "X said it would ...": reported future
        return "hypothetical", modal.text
    if reporter is not None:
        return "reported", reporter.text
    according = _according_to(root.sent)
    if according is not None:
        return "reported", according.text
    return "asserted", None


def _be_to(heads: list[Token]) -> Token | None:
    """ "is to visit": a form of *be* whose complement is the predicate's to-infinitive."""
    for lower, upper in zip(heads, heads[1:]):
        if lower.dep_ == "xcomp" and upper.lemma_ == "be" and any(c.lower_ == "to" for c in lower.children):
            return upper
    return None


def predicate_qualifiers_v2(
    doc: Doc, predicate: PredicateWords | Span | Token, *, event_type: str | None = None,
) -> Qualifiers:
    """Negation and modality of ``predicate`` (a PredicateWords, its token span, or its head token).

    ``event_type`` is the claim's PLOVER type when known: REJECT is never negated (guide rule 5).
    """
    root, span = predicate_span(doc, predicate)
    negated, negation_cue = predicate_negated(root, span, event_type=event_type)
    modality, cue = predicate_modality(root, span, event_type=event_type)
    return Qualifiers(negated, modality, cue or negation_cue)

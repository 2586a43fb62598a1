"""Negation and modality of a predicate, from the parse around it (a doc in, a typed tuple out).

v0.1 rules (issue 4 will replace them with evaluated ones): ``negated`` when the predicate word or
the verb governing it has a ``neg`` child ("did not impose"); ``modality`` from modal auxiliaries,
hedging adverbs, intention verbs governing the predicate, conditional clauses and reporting verbs.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

HEDGES = frozenset({"ostensibly", "allegedly", "reportedly", "apparently", "possibly", "perhaps", "purportedly", "seemingly"})
HEDGING_MODALS = frozenset({"may", "might", "could"})
FUTURE_MODALS = frozenset({"will", "shall", "'ll"})
HYPOTHETICAL_MODALS = frozenset({"would", "should"})
INTENT_VERBS = frozenset({"plan", "seek", "aim", "intend", "want", "hope", "try", "attempt", "propose", "prepare", "decide", "vow", "pledge"})
REPORTING_VERBS = frozenset({"say", "tell", "report", "announce", "claim", "state", "add", "quote", "confirm", "allege"})


class Qualifiers(NamedTuple):
    negated: bool
    modality: str


def _governors(token: Token, depth: int = 3) -> list[Token]:
    chain, current = [], token
    for _ in range(depth):
        if current.head.i == current.i:
            break
        current = current.head
        chain.append(current)
    return chain


def predicate_qualifiers(root: Token) -> Qualifiers:
    """Negation and modality of the predicate whose head word is ``root``."""
    around = [root] + [g for g in _governors(root) if g.pos_ in ("VERB", "AUX")][:1]
    children = [c for t in around for c in t.children]
    negated = any(c.dep_ == "neg" for c in children)
    words = {c.lower_ for c in children}
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in children):
        return Qualifiers(negated, "hypothetical")
    if words & HEDGING_MODALS or words & HEDGES:
        return Qualifiers(negated, "hedged")
    if words & FUTURE_MODALS or ({"to"} & words and "going" in {g.lower_ for g in _governors(root)}):
        return Qualifiers(negated, "future")
    if words & HYPOTHETICAL_MODALS:
        return Qualifiers(negated, "hypothetical")
    governors = _governors(root)
    if any(g.lemma_.lower() in INTENT_VERBS for g in governors[:2] if root.dep_ in ("xcomp", "ccomp")):
        return Qualifiers(negated, "intended")
    if any(g.lemma_.lower() in REPORTING_VERBS for g in governors) or _according_to(root):
        return Qualifiers(negated, "reported")
    return Qualifiers(negated, "asserted")


def _according_to(root: Token) -> bool:
    sentence = root.sent
    lowered = sentence.text.lower()
    return "according to" in lowered

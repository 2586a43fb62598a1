"""The purpose a sentence gives for a claim's act, read from the parse: the infinitive of purpose.

News often states why an actor acted as a purpose clause rather than as a cause: "imposed sanctions
*to punish Kiev*", "erect trade barriers *in a bid to protect its domestic market*", "the restrictions,
imposed by Rosselkhoznadzor, were clearly *intended to pressure Astana* ...". The Causal News Corpus
tagger marks few of these (its sentences have explicit causes and connectives), so the motive
component v2 (``geoclaims.motive.v2``) uses this rule where the tagger links nothing in the claim's
own sentence, like ``linking.copular_cause``.

``purpose_clause`` walks from the claim's predicate up to its clause root and takes the first
infinitive of purpose attached on the way:

* an adverbial infinitive (``advcl`` with *to*): "imposed sanctions to punish Kiev";
* a purpose noun with an infinitive ("in a bid / an effort / an attempt / order to ..."):
  "in a bid to protect its domestic market";
* a participle of intent with its complement ("intended / designed / meant to ...", "aimed at ..."):
  "were intended to pressure Astana" (the claim inside the participle's subject), "pressure designed
  to coerce Astana" (the participle attached to the claim's own words).

The walk stops at a reported clause (``ccomp``, ``parataxis``): in "officials said Russia imposed
sanctions to ...", the purpose of the saying is not the purpose of the sanctions. The span is the
infinitive's phrase without "to" (the team's gold marks "support peace building in Colombia", not
"to support ..."). Pure: a Candidate in, a Span or None out.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..candidates import Candidate

PURPOSE_NOUNS = frozenset({"bid", "effort", "attempt", "order", "push", "drive", "move", "hope", "aim"})
INTENT_PARTICIPLES = frozenset({"intend", "design", "aim", "mean", "calculate"})
PURPOSE_PREPOSITIONS = frozenset({"in", "with"})
REPORTED = frozenset({"ccomp", "parataxis"})
# verbs whose infinitive is what someone is urged to do, not why the act was done ("urging North Korea to comply")
CONTROL_VERBS = frozenset({"urge", "ask", "call", "appeal", "press", "force", "persuade", "pressure", "encourage",
                           "invite", "order", "tell", "allow", "permit", "request", "compel", "push", "lobby", "want",
                           "expect", "require", "demand", "warn", "advise", "instruct", "authorize", "authorise"})


def own_to(verb: Token) -> int | None:
    """The index of the verb's own "to" (its ``aux`` child before it), or None."""
    return next((c.i for c in verb.children if c.dep_ == "aux" and c.lower_ == "to" and c.i < verb.i), None)


def is_to_infinitive(token: Token) -> bool:
    """A base-form verb with its own "to" before it."""
    return token.tag_ == "VB" and own_to(token) is not None


def purpose_noun_infinitive(prep: Token) -> Token | None:
    """The infinitive of "in a bid / an effort / order to VERB" under the preposition ``prep``."""
    if prep.dep_ != "prep" or prep.lower_ not in PURPOSE_PREPOSITIONS:
        return None
    for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in PURPOSE_NOUNS):
        for verb in noun.children:
            if verb.dep_ in ("acl", "relcl") and is_to_infinitive(verb):
                return verb
    return None


def intent_complement(participle: Token) -> Token | None:
    """The complement of "intended / designed / meant to VERB" or of "aimed at VERB-ing"."""
    if participle.lemma_.lower() not in INTENT_PARTICIPLES or participle.tag_ not in ("VBN", "VBD"):
        return None
    for child in participle.children:
        if child.dep_ == "xcomp" and is_to_infinitive(child):
            return child
        if child.dep_ == "prep" and child.lower_ == "at":
            return next((g for g in child.children if g.dep_ == "pcomp" and g.pos_ == "VERB"), None)
    return None


def purpose_of(token: Token, skip: set[int]) -> Token | None:
    """The first infinitive of purpose attached to ``token`` (none of its children in ``skip``)."""
    found = intent_complement(token)
    if found is not None and found.i not in skip:
        return found
    for child in token.children:
        if child.i in skip:
            continue
        if (child.dep_ == "advcl" and is_to_infinitive(child) and token.lemma_.lower() not in CONTROL_VERBS
                and not after_control_object(child, token)):
            return child
        verb = purpose_noun_infinitive(child)
        if verb is None and child.dep_ == "acl":
            verb = intent_complement(child)
        if verb is not None:
            return verb
    return None


def infinitive_phrase(verb: Token) -> Span:
    """The verb's phrase from after its "to" (or from its left edge), less trailing punctuation."""
    doc, to = verb.doc, own_to(verb)
    start, end = (to + 1 if to is not None else verb.left_edge.i), verb.right_edge.i + 1
    while start < verb.i and doc[start].dep_ in ("aux", "mark", "punct"):
        start += 1
    while end > verb.i + 1 and doc[end - 1].dep_ == "punct":
        end -= 1
    return doc[start:end]


def after_control_object(verb: Token, head: Token) -> bool:
    """True for "urging North Korea to comply" however it is attached: the word before the infinitive's
    "to" belongs to a control verb's phrase ("urge", "ask", "call on") below ``head``."""
    to = own_to(verb)
    if not to:
        return False
    for ancestor in [verb.doc[to - 1], *verb.doc[to - 1].ancestors]:
        if ancestor.i == head.i:
            return False
        if ancestor.lemma_.lower() in CONTROL_VERBS:
            return True
    return False


def purpose_clause(cand: Candidate) -> Span | None:
    """The purpose the claim's sentence gives for its predicate's act, or None."""
    if cand.predicate is None:
        return None
    doc, sentence = cand.sentence.doc, cand.sentence
    token = doc[cand.predicate.root]
    chain: set[int] = set()
    while True:
        chain.add(token.i)
        verb = purpose_of(token, chain)
        if verb is not None and not (verb.left_edge.i <= cand.predicate.root <= verb.right_edge.i):
            return infinitive_phrase(verb)
        if token.dep_ in REPORTED or token.head.i == token.i or not (sentence.start <= token.head.i < sentence.end):
            return None
        token = token.head

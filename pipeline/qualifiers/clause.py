"""The predicate's clause, shared by the qualifier rules: its head words, their cues, the verb reporting it.

The *clause* of a predicate is its head word plus the words that govern it without starting a new
clause (xcomp "decided to hold", nominal links "announced plans for", the verb of a noun predicate);
``clause_cues`` are those words' function-word children (aux, neg, advmod, mark); ``reporting_verb``
is the "said"/"told" whose complement holds the clause. Modality, attribution and time all read them.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..candidates import PredicateWords
from ..lang.en import NEGATORS, REPORTING_LEMMAS

SPEECH_TYPES = frozenset({"SUPPORT", "DISAPPROVE", "DEMAND", "REJECT", "THREATEN", "AGREE"})
_MAX_CLIMB = 6


def predicate_span(doc: Doc, predicate: PredicateWords | Span | Token) -> tuple[Token, Span]:
    """(head word, predicate words) of a PredicateWords, a token span or one token."""
    if isinstance(predicate, Token):
        return predicate, doc[predicate.i:predicate.i + 1]
    if isinstance(predicate, Span):
        return predicate.root, predicate
    span = doc.char_span(predicate.start, predicate.end, alignment_mode="expand")
    root = doc[predicate.root]
    if span is None or not span.start <= root.i < span.end:
        span = doc[root.i:root.i + 1]
    return root, span


def clause_heads(root: Token) -> list[Token]:
    """The predicate word and the words that govern it inside its clause: the xcomp chain ("decided to
    hold"), and for a noun predicate the verb it is the object of ("announced plans for")."""
    chain, current = [root], root
    for _ in range(_MAX_CLIMB):
        head = current.head
        if head.i == current.i:
            break
        nominal = current.pos_ in ("NOUN", "PROPN", "NUM")
        if current.dep_ == "xcomp" or (current.dep_ in ("compound", "amod") and head.pos_ in ("NOUN", "PROPN")):
            current = head
        elif nominal and current.dep_ in ("dobj", "attr", "oprd") and head.pos_ in ("VERB", "AUX"):
            current = head
        elif nominal and current.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            chain.append(head)
            current = head.head
        else:
            break
        chain.append(current)
        if current.pos_ in ("VERB", "AUX") and current.dep_ != "xcomp":
            break
    return [chain[0]] + [t for t in chain[1:] if t.dep_ != "prep"]


def clause_cues(heads: list[Token]) -> list[Token]:
    """Function words and adverbs attached to the clause heads (aux, neg, advmod, mark...)."""
    cues = [c for h in heads for c in h.children
            if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark", "det", "preconj", "prep") or c.lower_ in NEGATORS]
    top = heads[-1]
    if top.dep_ == "conj" and not any(c.dep_ in ("aux", "nsubj") for c in top.children):
        cues += [c for c in top.head.children if c.dep_ in ("aux", "neg", "advmod")]  # "will meet and sign"
    return cues


def outer_head(heads: list[Token]) -> Token | None:
    """The word that governs the predicate's clause (the verb of "said", the head of an if clause)."""
    top = heads[-1]
    if top.dep_ == "conj":
        top = top.head
    return None if top.head.i == top.i else top.head


def reporting_verb(heads: list[Token]) -> Token | None:
    """The reporting verb whose complement holds the predicate ("X said (that) ...", "..., X said")."""
    outer = outer_head(heads)
    top = heads[-1] if heads[-1].dep_ != "conj" else heads[-1].head
    hops = 0
    while outer is not None and hops < 3:
        if outer.lemma_.lower() in REPORTING_LEMMAS and top.dep_ in ("ccomp", "parataxis", "conj", "xcomp", "dobj", "advcl"):
            if not any(t.i == outer.i for t in heads):
                return outer
        if outer.dep_ in ("ROOT",) or outer.head.i == outer.i:
            break
        top, outer, hops = outer, outer.head, hops + 1
    return None


def speaker_is_subject(reporter: Token, root: Token) -> bool:
    """The speaker of ``reporter`` and the subject of the predicate are one (pronoun or same words)."""
    speaker = next((c for c in reporter.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    subject = next((c for t in [root, *clause_heads(root)] for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if speaker is None or subject is None:
        return False
    return subject.pos_ == "PRON" or subject.lower_ == speaker.lower_

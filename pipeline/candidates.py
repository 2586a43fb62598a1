"""Candidate pairs: who might act on whom, within one sentence (textacy style: a doc in, tuples out).

A *mention* grows from a named entity up through the noun phrase it owns or modifies ("Russia" ->
"Russia's Rosselkhoznadzor", "Kazakh" -> "Kazakh agricultural imports"). A *subject* is a mention
headed by an actor (an entity or an agent noun); an *object* is any mention. Each ordered pair in a
sentence is linked by the predicate words on its dependency path ("restrictions imposed by").
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from .lang.en import AGENT_NOUNS, NOMINAL_VERBS

ACTOR_LABELS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_CLIMB_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
_NOMINAL_POS = frozenset({"NOUN", "PROPN"})
_NOT_NAMES = frozenset({"ADV", "VERB", "AUX", "PRON", "DET", "ADP", "SCONJ", "CCONJ", "PART", "INTJ"})
MAX_PATH = 7  # dependency edges between the two heads


class PredicateWords(NamedTuple):
    text: str
    lemma: str
    start: int  # character offsets into the doc text
    end: int
    root: int  # token index of the predicate's head word


class Candidate(NamedTuple):
    sentence: Span
    subject: Span
    object: Span
    predicate: PredicateWords | None
    subject_actor: object | None = None
    object_actor: object | None = None


def mention_head(token: Token) -> Token:
    """The noun an entity token owns or modifies, climbing poss/compound/amod links."""
    while token.dep_ in _CLIMB_DEPS and token.head.pos_ in _NOMINAL_POS and token.head.i != token.i:
        token = token.head
    return token


def mention_span(head: Token) -> Span:
    """The head noun with its left modifiers ("the Croatian government's request")."""
    start = min([head.i] + [child.left_edge.i for child in head.lefts])
    return head.doc[start:head.i + 1]


def sentence_mentions(sentence: Span) -> list[tuple[Span, bool]]:
    """(mention, can_be_subject) for each distinct mention grown from an entity in the sentence."""
    found: dict[tuple[int, int], tuple[Span, bool]] = {}
    for ent in sentence.ents:
        if ent.label_ not in ACTOR_LABELS or ent.root.pos_ in _NOT_NAMES:
            continue  # "Ultimately", "Simultaneously": sentence adverbs the tagger took for names
        head = mention_head(ent.root)
        span = mention_span(head)
        actor_headed = head.ent_type_ in ACTOR_LABELS or head.lower_ in AGENT_NOUNS or head.pos_ == "PROPN"
        _add_mention(found, span, actor_headed)
        if not actor_headed and ent.root.dep_ == "poss":
            _add_mention(found, ent, True)  # "Kazakhstan's refusal": the owner acts
    return [found[key] for key in sorted(found)]


def _add_mention(found: dict, span: Span, can_subject: bool) -> None:
    key = (span.start, span.end)
    previous = found.get(key)
    found[key] = (span, can_subject or (previous[1] if previous else False))


def path_to_root(token: Token) -> list[Token]:
    path = [token]
    while path[-1].head.i != path[-1].i:
        path.append(path[-1].head)
    return path


def linking_path(a: Token, b: Token) -> tuple[Token, list[Token]] | None:
    """The lowest common ancestor of two tokens and the tokens on the path between them."""
    up_a, up_b = path_to_root(a), path_to_root(b)
    ids_b = {t.i: n for n, t in enumerate(up_b)}
    for n, token in enumerate(up_a):
        if token.i in ids_b:
            return token, up_a[:n] + up_b[:ids_b[token.i]][::-1]
    return None


def predicate_words(subject: Span, obj: Span) -> PredicateWords | None:
    """The verb (or nominal predicate) that links two mentions, with its surface words."""
    found = linking_path(subject.root, obj.root)
    if found is None or len(found[1]) > MAX_PATH:
        return None
    lca, path = found
    inside = set(range(subject.start, subject.end)) | set(range(obj.start, obj.end))
    root = _lowest_predicate(obj.root, lca, inside)
    if root is None:
        return None
    words = [root] + [t for t in root.children if t.dep_ in ("neg", "prt", "agent")
                      or (t.dep_ == "amod" and t.pos_ == "VERB" and t.i < root.i)]
    head_noun = lca if lca.pos_ == "NOUN" and lca.i not in inside and lca.i != root.i else None
    if root.dep_ == "acl" and root.head.pos_ == "NOUN" and root.head.i not in inside:
        head_noun = root.head  # "restrictions imposed by"
    if head_noun is not None and abs(head_noun.i - root.i) <= 3:
        words.append(head_noun)  # "refusal to join"
    start, end = min(t.i for t in words), max(t.i for t in words) + 1
    span = subject.doc[start:end]
    lemma_token = head_noun if head_noun is not None and head_noun in words else root
    verbs_before = [t for t in words if t.dep_ == "amod" and t.pos_ == "VERB"]
    lemma_token = verbs_before[0] if root.pos_ == "NOUN" and verbs_before else lemma_token
    return PredicateWords(span.text, verb_lemma(lemma_token), span.start_char, span.end_char, root.i)


def _lowest_predicate(start: Token, lca: Token, inside: set[int]) -> Token | None:
    """Walking up from the object to the common ancestor: the first verb or event noun."""
    chain = path_to_root(start)
    upto = [t for t in chain[: [t.i for t in chain].index(lca.i) + 1] if t.i not in inside]
    for token in upto:
        if token.pos_ == "VERB" or (token.pos_ == "NOUN" and token.lemma_.lower() in NOMINAL_VERBS):
            return token
    auxiliaries = [t for t in upto if t.pos_ == "AUX"]
    if auxiliaries:
        return auxiliaries[0]
    return lca if lca.i not in inside and lca.pos_ in ("NOUN", "VERB", "AUX") else None


def verb_lemma(token: Token) -> str:
    """The predicate's verb lemma; nominalisations map to their verb ("restrictions" -> "restrict")."""
    lemma = token.lemma_.lower()
    return NOMINAL_VERBS.get(lemma, lemma) if token.pos_ == "NOUN" else lemma


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def candidate_pairs(
    doc: Doc,
    *,
    max_pairs_per_sentence: int = 12,
    resolver: Callable[[Span], object | None] | None = None,
) -> list[Candidate]:
    """Ordered (subject, object) mention pairs per sentence, nearest pairs first."""
    result: list[Candidate] = []
    for sentence in doc.sents:
        mentions = sentence_mentions(sentence)
        pairs = [(s, o) for s, can_subject in mentions if can_subject
                 for o, _ in mentions if not _overlap(s, o)]
        pairs.sort(key=lambda p: (abs(p[0].root.i - p[1].root.i), p[0].start, p[1].start))
        for subject, obj in pairs[:max_pairs_per_sentence]:
            predicate = predicate_words(subject, obj)
            if predicate is None:
                continue
            actors = (resolver(subject), resolver(obj)) if resolver else (None, None)
            result.append(Candidate(sentence, subject, obj, predicate, *actors))
    result.sort(key=lambda c: (c.sentence.start, c.subject.start, c.object.start))
    return result

"""Event candidates (v2): the pair candidates of v1, plus events with one actor and coordinated actors.

A candidate is still scored as a (subject, second mention) pair by the relation classifier; what is
new is the second mention of a **no-target** candidate: the trigger itself (the classifier marks the
trigger where a pair would mark the object, and learns "who did what" with no one named as target).

- **Pairs** (v1, ``geoclaims.candidates``): subject mention x other mention with the predicate words
  on their dependency path — passives, reduced relatives ("restrictions imposed by X on Y") and
  nominal predicates ("X's refusal to join Y") included.
- **Agents of passives**: in "Y, imposed by X, ..." and "Y was condemned by X" the agent X is the
  subject and Y the object; the pair (Y, X) is dropped, so a passive never reads backwards.
- **No-target events**: every actor mention that is the subject (``nsubj``), the agent of a passive,
  the owner of an event noun ("Iran's threat") or the object that controls an infinitive ("forcing
  Moscow to erect barriers") gets a candidate with its governing predicate. Its trigger is the
  predicate with its particle, negation and open complement ("threatened to close"); for
  ``geoclaims.relations.v3`` (``object_in_trigger``) also the last verb's direct object with its
  compounds and adjectives ("erect trade barriers", "held border talks"): the noun often says what the
  event is.
- **Linked mentions**: a personal pronoun ("he", "her") or a description ("the minister", "the
  commission") that the article's actor links (``geoclaims_actor_links_v1``) resolve to an actor is a
  mention too; unlinked ones are not (a claim needs someone to stand for).
- **Coordination**: conjuncts share their first conjunct's role ("France and Germany met": both are
  subjects of "met"); two conjuncts are never paired with each other as source and target — their
  relation comes from the event's type (mutual types link co-sources both ways, ``decide``).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..actors.context import doc_links

from ..candidates import (AGENT_NOUNS, NOMINAL_VERBS, Candidate, PredicateWords, mention_span, predicate_words,
                          sentence_mentions, verb_lemma)

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
MAX_SINGLE_PER_SENTENCE = 6
LINKED_PRONOUNS = frozenset({"he", "she", "him", "her"})
SUBJECT_PRONOUNS = frozenset({"he", "she"})
VENUE_PREPOSITIONS = frozenset({"in", "at", "near", "outside", "inside"})
QUANTITY_HEADS = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "group", "crowd",
                            "crowds", "number", "members"})


class EventCandidate(NamedTuple):
    """One candidate: a Candidate whose ``object`` is None for a no-target event."""

    candidate: Candidate
    co_sources: tuple[Span, ...] = ()  # the subject's conjuncts, sharing its predicate


def event_mentions(sentence: Span) -> list[tuple[Span, bool]]:
    """v1's entity mentions plus unnamed agent nouns ("protesters", "the government", "police") and
    the pronouns and descriptions the article's actor links resolve."""
    found = {(m.start, m.end): (m, can) for m, can in sentence_mentions(sentence)}
    taken = {i for m, _ in found.values() for i in range(m.start, m.end)}
    links = doc_links(sentence.doc)
    for token in sentence:
        if token.i in taken or token.ent_type_:
            continue
        if token.lower_ in AGENT_NOUNS and token.pos_ == "NOUN":
            span = mention_span(token)
            found.setdefault((span.start, span.end), (span, True))
        elif token.i in links and links[token.i].actor is not None:
            linked = linked_mention(token)
            if linked is not None:
                found.setdefault((linked[0].start, linked[0].end), linked)
    return [found[key] for key in sorted(found)]


def linked_mention(token: Token) -> tuple[Span, bool] | None:
    """A linked personal pronoun (subject pronouns may be sources) or a linked description's noun phrase."""
    if token.pos_ == "PRON" and token.lower_ in LINKED_PRONOUNS and token.dep_ != "poss":
        return token.doc[token.i:token.i + 1], token.lower_ in SUBJECT_PRONOUNS
    if token.pos_ in ("NOUN", "PROPN") and token.dep_ != "compound":
        return mention_span(token), True
    return None


def first_conjunct(token: Token) -> Token:
    """The head of a coordination chain ("Germany" in "France and Germany" -> "France")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def conjuncts_of(mention: Span, mentions: list[Span]) -> tuple[Span, ...]:
    """The other mentions coordinated with ``mention`` (same first conjunct)."""
    head = first_conjunct(mention.root)
    return tuple(m for m in mentions if m != mention and first_conjunct(m.root) == head
                 and (m.root.dep_ == "conj" or mention.root.dep_ == "conj"))


def governing_predicate(mention: Span) -> Token | None:
    """The verb (or event noun) a mention is the subject, agent or owner of; None otherwise."""
    token = first_conjunct(mention.root)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lower_ in QUANTITY_HEADS:
        token = token.head.head  # "thousands of protesters marched"
    if token.dep_ in SUBJECT_DEPS and token.head.pos_ in ("VERB", "AUX"):
        if token.dep_ == "nsubjpass":
            return None  # the patient of a passive is no source
        return token.head
    if token.dep_ == "pobj" and token.head.dep_ == "agent":
        return token.head.head  # "imposed by X"
    if token.dep_ == "dobj":
        controlled = [t for t in token.head.children if t.dep_ == "xcomp" and t.pos_ == "VERB" and t.i > token.i]
        if controlled:
            return controlled[0]  # "forcing Moscow to erect barriers": Moscow erects
    if token.dep_ == "poss" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in NOMINAL_VERBS:
        return token.head  # "Iran's threat"
    return None


def trigger_words(predicate: Token, *, with_object: bool = False) -> PredicateWords:
    """The trigger of a no-target event: the predicate with its particle/negation and open complement;
    ``with_object`` (``geoclaims.relations.v3``) adds the last verb's direct object with its compounds and
    adjectives ("erect trade barriers", "held border talks", "threatened to close the Strait")."""
    words = [predicate] + [t for t in predicate.children if t.dep_ in ("neg", "prt")]
    complement = [t for t in predicate.children if t.dep_ == "xcomp" and t.pos_ == "VERB"]
    if complement:
        words += [complement[0]] + [t for t in complement[0].children if t.dep_ == "aux" and t.i < complement[0].i]
    if with_object:
        words += object_words(complement[0] if complement else predicate)
    start, end = min(t.i for t in words), max(t.i for t in words) + 1
    span = predicate.doc[start:end]
    return PredicateWords(span.text, verb_lemma(predicate), span.start_char, span.end_char, predicate.i)


def object_words(verb: Token) -> list[Token]:
    """A verb's direct object after it, with the compounds and adjectives before the noun ([] if none)."""
    objects = [t for t in verb.children if t.dep_ == "dobj" and t.i > verb.i]
    if not objects:
        return []
    noun = objects[0]
    return [noun] + [t for t in noun.children if t.dep_ in ("compound", "amod") and t.i < noun.i]


def is_agent(mention: Span) -> bool:
    root = first_conjunct(mention.root)
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def pair_reads_backwards(cand: Candidate) -> bool:
    """True for (patient, agent) pairs of a passive (the agent must be the subject), for the patient of an
    agentless passive as the subject ("protesters were arrested in Cairo": no source is named) and for a
    venue as the subject (a place in a locative phrase of the predicate: "... in Cairo")."""
    root = first_conjunct(cand.subject.root)
    if root.dep_ == "nsubjpass" and root.head.i == cand.predicate.root:
        return True
    if root.dep_ == "pobj" and root.head.lower_ in VENUE_PREPOSITIONS and root.head.head.i == cand.predicate.root:
        return True
    return is_agent(cand.object) and not is_agent(cand.subject)


def coordinated(a: Span, b: Span) -> bool:
    return first_conjunct(a.root) == first_conjunct(b.root) and (a.root.dep_ == "conj" or b.root.dep_ == "conj")


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def agent_predicate(agent: Span, patient: Span) -> PredicateWords | None:
    """"Y, imposed by X" / "restrictions on Y imposed by X": the passive verb's words when Y is its patient."""
    verb = first_conjunct(agent.root).head.head
    if verb.dep_ != "acl":
        return None
    noun = verb.head
    attached = patient.root == noun or (patient.root.dep_ == "pobj" and patient.root.head.head == noun)
    if not attached:
        return None
    words = [verb] + [t for t in verb.children if t.dep_ == "agent"]
    start, end = min(t.i for t in words), max(t.i for t in words) + 1
    span = verb.doc[start:end]
    return PredicateWords(span.text, verb_lemma(verb), span.start_char, span.end_char, verb.i)


def pair_candidates(sentence: Span, mentions: list[tuple[Span, bool]], *, limit: int, resolver) -> list[Candidate]:
    """Ordered (subject, object) pairs linked by predicate words, nearest first (v1's rule, more mentions)."""
    pairs = [(s, o) for s, can_subject in mentions if can_subject for o, _ in mentions if not _overlap(s, o)]
    pairs.sort(key=lambda p: (abs(p[0].root.i - p[1].root.i), p[0].start, p[1].start))
    found = []
    for subject, obj in pairs[:limit]:
        predicate = predicate_words(subject, obj)
        if predicate is None and is_agent(subject):
            predicate = agent_predicate(subject, obj)
        if predicate is None:
            continue
        actors = (resolver(subject), resolver(obj)) if resolver else (None, None)
        found.append(Candidate(sentence, subject, obj, predicate, *actors))
    return found


def single_actor_candidates(sentence: Span, mentions: list[tuple[Span, bool]], resolver, *,
                            object_in_trigger: bool = False) -> list[EventCandidate]:
    mentions = [m for m, can_subject in mentions if can_subject]
    found = []
    for mention in mentions:
        predicate = governing_predicate(mention)
        if predicate is None:
            continue
        actor = resolver(mention) if resolver else None
        cand = Candidate(sentence, mention, None, trigger_words(predicate, with_object=object_in_trigger), actor, None)
        found.append(EventCandidate(cand, conjuncts_of(mention, mentions)))
    return found[:MAX_SINGLE_PER_SENTENCE]


def resolved_once(resolver: Callable[[Span], object | None] | None) -> Callable[[Span], object | None] | None:
    """``resolver`` answering each span (offsets and label) of one doc once: a mention is in many pairs."""
    if resolver is None:
        return None
    answers: dict[tuple[int, int, int], object | None] = {}

    def resolve(span: Span) -> object | None:
        key = (span.start, span.end, span.label)
        if key not in answers:
            answers[key] = resolver(span)
        return answers[key]
    return resolve


def event_candidates(doc: Doc, *, max_pairs_per_sentence: int = 12,
                     resolver: Callable[[Span], object | None] | None = None,
                     object_in_trigger: bool = False) -> list[EventCandidate]:
    """Pair and no-target candidates of every sentence, in text order (``object_in_trigger``: the no-target
    triggers of ``geoclaims.relations.v3``, see ``trigger_words``)."""
    every, resolver = [], resolved_once(resolver)
    for sentence in doc.sents:
        mentions = event_mentions(sentence)
        pairs = pair_candidates(sentence, mentions, limit=max_pairs_per_sentence, resolver=resolver)
        every += [EventCandidate(c) for c in pairs if not pair_reads_backwards(c) and not coordinated(c.subject, c.object)]
        every += single_actor_candidates(sentence, mentions, resolver, object_in_trigger=object_in_trigger)
    every.sort(key=lambda e: (e.candidate.sentence.start, e.candidate.subject.start,
                              e.candidate.object.start if e.candidate.object is not None else -1))
    return every


def classifier_item(cand: Candidate) -> tuple[str, tuple[int, int], tuple[int, int]]:
    """(sentence text, subject offsets, second-mention offsets): the trigger stands in for a missing target."""
    base = cand.sentence.start_char
    second = cand.object if cand.object is not None else None
    if second is not None:
        other = (second.start_char - base, second.end_char - base)
    else:
        other = (cand.predicate.start - base, cand.predicate.end - base)
    return cand.sentence.text, (cand.subject.start_char - base, cand.subject.end_char - base), other

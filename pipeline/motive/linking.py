"""Which cause explains which claim: a Doc, its claims and the model's spans in, ``MotiveLink``s out.

The motive model finds cause and effect spans sentence by sentence; this module decides which claim
a cause explains. Candidates come from the claim's sentence, the sentence before it and the
``after`` sentences after it, never across a paragraph break (a blank line, as
``geoclaims_paragraphs_v1`` marks them).

* **Same sentence**: a cause span that does not contain the claim's predicate, when the model's
  effect span in that sentence overlaps the claim's predicate or object ("One of the key triggers
  behind [Russia's recent restrictions on Kazakh imports]effect was [Kazakhstan's refusal to join
  BRICS]cause"), or when the cause hangs off the claim's predicate in the parse (the cause clause is
  attached to the claim's clause).
* **Other sentences**: a sentence whose effect span mentions the claim's event (the predicate's
  lemma, or a nominalisation of it: "restrictions" for ``restrict``) or both of its actors links its
  cause to the claim.

* **Parse fallback** (only when the tagger gives no same-sentence link): a cause noun ("trigger",
  "reason", ...) on one side of *be* whose phrase holds the claim's predicate makes the other side
  the cause (``copular_cause``): "One of the key triggers behind Russia's recent restrictions ...
  was Kazakhstan's refusal to join BRICS". CNC has few such sentences, so the tagger misses them.
  The motive component v2 then tries the infinitive of purpose (``purpose.purpose_clause``: "imposed
  sanctions to punish Kiev", "in a bid to protect its domestic market", "were intended to pressure Astana").

Cause spans are grown to the phrase their head word owns (``phrase_of``) before they are linked.
Same-sentence links win over nearer-sentence links, which win over farther ones; ties go to the
higher span score. Only sentences whose causal probability reaches ``threshold`` and cause spans
scoring at least ``min_score`` take part.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

from spacy.tokens import Doc, Span

from ..candidates import Candidate, verb_lemma
from .model import SentenceCauses
from .purpose import purpose_clause


class MotiveLink(NamedTuple):
    """The cause chosen for one claim."""

    cause: Span
    score: float  # the cause span's score; for "copular-cause" the sentence's causal probability
    distance: int  # sentences from the claim's sentence (0: same, -1: previous, 1: next, ...)
    reason: str  # "effect-overlap", "attached", "event-mention", "actor-mention", "copular-cause" or "purpose"


def candidate_of(item: Any) -> Candidate:
    """The Candidate of a ClaimSpan (``.candidate``) or the item itself."""
    return getattr(item, "candidate", item)


def paragraph_index(doc: Doc) -> dict[int, int]:
    """Sentence start token -> paragraph number (blank-line whitespace tokens before it)."""
    spaces = doc.to_array("IS_SPACE").nonzero()[0]  # a whole-doc pass without a Token object per token
    index, paragraph, breaks = {}, 0, {int(i) for i in spaces if "\n\n" in doc[int(i)].text}
    cursor = 0
    for sentence in doc.sents:
        paragraph += sum(1 for i in range(cursor, sentence.start) if i in breaks)
        cursor = sentence.start
        index[sentence.start] = paragraph
    return index


class SentenceLayout(NamedTuple):
    """Where a doc's sentences start and which paragraph each is in: computed once per doc
    (``sentence_layout``) and handed to every claim's ``context_sentences``."""

    starts: list[int]
    paragraphs: dict[int, int]


def sentence_layout(doc: Doc) -> SentenceLayout:
    return SentenceLayout([s.start for s in doc.sents], paragraph_index(doc))


def context_sentences(doc: Doc, sentence: Span, *, before: int = 1, after: int = 2,
                      layout: SentenceLayout | None = None) -> list[tuple[int, Span]]:
    """(distance, sentence) for the claim's sentence and its neighbours in the same paragraph; pass the doc's
    ``layout`` when asking for many claims (computing it walks the whole doc)."""
    starts, paragraphs = layout or sentence_layout(doc)
    position = starts.index(sentence.start)
    own = paragraphs[sentence.start]
    return [(i - position, doc[starts[i]].sent) for i in range(max(0, position - before), min(len(starts), position + after + 1))
            if paragraphs[starts[i]] == own]


def doc_span(sentence: Span, start: int, end: int) -> Span | None:
    """The doc span for sentence-relative character offsets (expanded to whole tokens)."""
    return sentence.doc.char_span(sentence.start_char + start, sentence.start_char + end, alignment_mode="expand")


def _overlaps(span: Span, start_char: int, end_char: int) -> bool:
    return span.start_char < end_char and start_char < span.end_char


def attached_to(cause: Span, predicate_root: int) -> bool:
    """True when the cause's head word lies in the predicate's subtree (the claim's own clause)."""
    return any(t.i == predicate_root for t in cause.root.ancestors)


def mentions_event(span: Span, cand: Candidate) -> bool:
    lemma = cand.predicate.lemma if cand.predicate else None
    return lemma is not None and any(verb_lemma(t) == lemma or t.lemma_.lower() == lemma for t in span)


def mentions_actors(span: Span, cand: Candidate) -> bool:
    """Both the subject's and the object's head words occur in the span."""
    words = {t.lower_ for t in span}
    target_named = cand.object is None or cand.object.root.lower_ in words
    return cand.subject.root.lower_ in words and target_named


def could_explain(sentence: Span, cand: Candidate) -> bool:
    """True when a neighbouring ``sentence`` can hold an effect span that names the claim's event or both
    its actors: the only way ``other_sentence_link`` links its causes (so the tagger can skip the others)."""
    return mentions_event(sentence, cand) or mentions_actors(sentence, cand)


NOUN_COMPLEMENTS = frozenset({"acl", "xcomp", "prep", "pobj", "pcomp", "relcl"})
EDGE_DEPS = frozenset({"mark", "cc", "punct"})


def phrase_of(span: Span) -> Span:
    """The span grown to the phrase its head word owns, never past its sentence.

    A clause or prepositional phrase that completes a noun goes up to that noun ("to join BRICS"
    -> "Kazakhstan's refusal to join BRICS"); the result covers the head's whole subtree, less a
    leading subordinator or conjunction and trailing punctuation the model did not mark.
    """
    sentence, root = span.sent, span.root
    while root.dep_ in NOUN_COMPLEMENTS and root.head.pos_ in ("NOUN", "PROPN") and root.head.i != root.i \
            and sentence.start <= root.head.i < sentence.end:
        root = root.head
    start = max(sentence.start, min(span.start, root.left_edge.i))
    end = min(sentence.end, max(span.end, root.right_edge.i + 1))
    while start < span.start and span.doc[start].dep_ in EDGE_DEPS:
        start += 1  # "because", "and": the signal or a conjunction, not the cause
    while end > max(start + 1, span.end) and span.doc[end - 1].dep_ in EDGE_DEPS:
        end -= 1
    return span.doc[start:end]


def _spans(sentence: Span, found: Sequence, min_score: float) -> list[tuple[Span, float]]:
    pairs = [(doc_span(sentence, s.start, s.end), s.score) for s in found if s.score >= min_score]
    return [(span, score) for span, score in pairs if span is not None]


def _causes(sentence: Span, found: Sequence, min_score: float) -> list[tuple[Span, float]]:
    """Cause spans grown to whole phrases (the tagger often marks only part of one)."""
    return [(phrase_of(span), score) for span, score in _spans(sentence, found, min_score)]


def same_sentence_link(cand: Candidate, sentence: Span, causes: SentenceCauses, min_score: float) -> MotiveLink | None:
    predicate = cand.predicate
    if predicate is None:
        return None
    effects = _spans(sentence, causes.effects, min_score)
    supported = any(_overlaps(e, predicate.start, predicate.end)
                    or (cand.object is not None and _overlaps(e, cand.object.start_char, cand.object.end_char))
                    for e, _ in effects)
    options = []
    for cause, score in _causes(sentence, causes.causes, min_score):
        if _overlaps(cause, predicate.start, predicate.end) or cause.start <= predicate.root < cause.end:
            continue  # the claim itself is marked as a cause of something else
        if supported:
            options.append(MotiveLink(cause, score, 0, "effect-overlap"))
        elif attached_to(cause, predicate.root):
            options.append(MotiveLink(cause, score, 0, "attached"))
    return max(options, key=lambda link: link.score, default=None)


def other_sentence_link(cand: Candidate, distance: int, sentence: Span, causes: SentenceCauses,
                        min_score: float) -> MotiveLink | None:
    options = []
    for effect, _ in _spans(sentence, causes.effects, min_score):
        reason = "event-mention" if mentions_event(effect, cand) else "actor-mention" if mentions_actors(effect, cand) else None
        if reason is None:
            continue
        for cause, score in _causes(sentence, causes.causes, min_score):
            if not _overlaps(cause, effect.start_char, effect.end_char):
                options.append(MotiveLink(cause, score, distance, reason))
    return max(options, key=lambda link: link.score, default=None)


CAUSE_NOUNS = frozenset({"trigger", "reason", "cause", "motive", "driver", "catalyst", "motivation"})


def copular_cause(cand: Candidate) -> Span | None:
    """The parse fallback for "the trigger behind <claim> was <cause>" and "<cause> was the reason for <claim>".

    The claim's predicate hangs (through prepositions) off a cause noun on one side of a form of
    *be*; the other side (its ``attr`` or ``nsubj``) is the cause. The tagger, trained on news
    sentences with explicit verbs and connectives, rarely marks this construction.
    """
    if cand.predicate is None:
        return None
    doc = cand.sentence.doc
    chain = [doc[cand.predicate.root]] + list(doc[cand.predicate.root].ancestors)
    for below, token in zip(chain, chain[1:]):
        if token.lemma_ != "be" or not any(t.lemma_.lower() in CAUSE_NOUNS for t in chain[:chain.index(token)]):
            continue
        other = {"nsubj": "attr", "attr": "nsubj"}.get(below.dep_)
        side = [child for child in token.children if child.dep_ == other]
        if side:
            return phrase_of(doc[side[0].i:side[0].i + 1])
    return None


def link_motive(doc: Doc, cand: Candidate, found: Mapping[int, SentenceCauses], *, threshold: float = 0.5,
                min_score: float = 0.5, before: int = 1, after: int = 2, purpose: bool = False,
                layout: SentenceLayout | None = None) -> MotiveLink | None:
    """The cause that explains one claim, or None. ``found``: sentence start token -> model output.
    ``purpose`` (motive v2): with no same-sentence link, the infinitive of purpose (``purpose.purpose_clause``)
    is tried after the copular rule."""
    links = []
    for distance, sentence in context_sentences(doc, cand.sentence, before=before, after=after, layout=layout):
        causes = found.get(sentence.start)
        if causes is None or causes.causal_probability < threshold:
            continue
        link = (same_sentence_link(cand, sentence, causes, min_score) if distance == 0
                else other_sentence_link(cand, distance, sentence, causes, min_score))
        if link is not None:
            links.append(link)
    if not any(link.distance == 0 for link in links):
        cause = copular_cause(cand)
        if cause is not None:
            causes = found.get(cand.sentence.start)
            links.append(MotiveLink(cause, causes.causal_probability if causes else 0.0, 0, "copular-cause"))
        elif purpose and (goal := purpose_clause(cand)) is not None:
            links.append(MotiveLink(goal, 1.0, 0, "purpose"))
    return min(links, key=lambda link: (abs(link.distance), link.distance < 0, -link.score), default=None)


def link_motives(doc: Doc, claims: Sequence[Any], found: Mapping[int, SentenceCauses], *, threshold: float = 0.5,
                 min_score: float = 0.5, before: int = 1, after: int = 2, purpose: bool = False) -> list[MotiveLink | None]:
    """One MotiveLink (or None) per claim of ``doc`` (ClaimSpans or Candidates), in order."""
    layout = sentence_layout(doc)
    return [link_motive(doc, candidate_of(item), found, threshold=threshold, min_score=min_score, before=before, after=after,
                        purpose=purpose, layout=layout)
            for item in claims]

"""Linking causes to claims on hand-built Docs (no model)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc, Span

from geoclaims.candidates import Candidate, PredicateWords
from geoclaims.motive.encoding import ScoredSpan
from geoclaims.motive.linking import context_sentences, link_motives
from geoclaims.motive.model import SentenceCauses
from geoclaims.ml.component import ClaimSpan

VOCAB = spacy.blank("en").vocab
SAME = "Russia imposed restrictions on Kazakh imports because Kazakhstan refused to join BRICS .".split()
SAME_HEADS = [1, 1, 1, 2, 5, 3, 8, 8, 1, 10, 8, 10, 1]
SAME_DEPS = ["nsubj", "ROOT", "dobj", "prep", "amod", "pobj", "mark", "nsubj", "advcl", "aux", "xcomp", "dobj", "punct"]
SAME_POS = ["PROPN", "VERB", "NOUN", "ADP", "ADJ", "NOUN", "SCONJ", "PROPN", "VERB", "PART", "VERB", "PROPN", "PUNCT"]


def same_sentence_doc() -> Doc:
    return Doc(VOCAB, words=SAME, heads=SAME_HEADS, deps=SAME_DEPS, pos=SAME_POS,
               lemmas=["Russia", "impose", "restriction", "on", "kazakh", "import", "because", "Kazakhstan",
                       "refuse", "to", "join", "BRICS", "."])


def claim(doc: Doc, sentence: Span, subject: tuple[int, int], obj: tuple[int, int], predicate: int,
          lemma: str) -> ClaimSpan:
    word = doc[predicate]
    words = PredicateWords(word.text, lemma, word.idx, word.idx + len(word), predicate)
    return ClaimSpan(Candidate(sentence, doc[subject[0]:subject[1]], doc[obj[0]:obj[1]], words), "SANCTION", 0.9)


def local(sentence: Span, start: int, end: int, score: float = 0.9) -> ScoredSpan:
    """Token range of the doc -> a ScoredSpan relative to ``sentence``."""
    doc = sentence.doc
    return ScoredSpan(doc[start].idx - sentence.start_char, doc[end - 1].idx + len(doc[end - 1]) - sentence.start_char,
                      score)


def causes(sentence: Span, cause=None, effect=None, probability: float = 0.9) -> SentenceCauses:
    return SentenceCauses(probability, [local(sentence, *cause)] if cause else [],
                          [local(sentence, *effect)] if effect else [], [])


def test_same_sentence_effect_overlap_links_the_cause():
    doc = same_sentence_doc()
    sentence = doc[:]
    claims = [claim(doc, sentence, (0, 1), (4, 6), 1, "impose")]
    found = {0: causes(sentence, cause=(7, 12), effect=(0, 6))}
    link, = link_motives(doc, claims, found)
    assert link.cause.text == "Kazakhstan refused to join BRICS" and link.reason == "effect-overlap"
    assert link.distance == 0


def test_same_sentence_attached_cause_without_effect_span():
    doc = same_sentence_doc()
    claims = [claim(doc, doc[:], (0, 1), (4, 6), 1, "impose")]
    link, = link_motives(doc, claims, {0: causes(doc[:], cause=(7, 12))})
    assert link.reason == "attached" and link.cause.text.startswith("Kazakhstan")


def test_the_claim_itself_is_not_its_own_motive():
    doc = same_sentence_doc()
    # the REJECT claim "Kazakhstan refused ... BRICS" is marked as a cause: it gets no motive
    reject = claim(doc, doc[:], (7, 8), (11, 12), 8, "refuse")
    found = {0: causes(doc[:], cause=(7, 12), effect=(0, 6))}
    assert link_motives(doc, [reject], found) == [None]


def test_low_causal_probability_or_score_gives_no_link():
    doc = same_sentence_doc()
    claims = [claim(doc, doc[:], (0, 1), (4, 6), 1, "impose")]
    assert link_motives(doc, claims, {0: causes(doc[:], cause=(7, 12), effect=(0, 6), probability=0.2)}) == [None]
    assert link_motives(doc, claims, {0: causes(doc[:], cause=(7, 12), effect=(0, 6))}, min_score=0.95) == [None]


ACROSS = ["Russia", "restricted", "Kazakh", "imports", ".", "Analysts", "were", "surprised", ".",
          "The", "restrictions", "followed", "Kazakhstan", "'s", "refusal", "to", "join", "BRICS", "."]
ACROSS_POS = ["PROPN", "VERB", "ADJ", "NOUN", "PUNCT", "NOUN", "AUX", "ADJ", "PUNCT",
              "DET", "NOUN", "VERB", "PROPN", "PART", "NOUN", "PART", "VERB", "PROPN", "PUNCT"]


def across_doc(blank_line: bool = False) -> Doc:
    words, pos = list(ACROSS), list(ACROSS_POS)
    lemmas = [w.lower() for w in words]
    lemmas[1], lemmas[10] = "restrict", "restriction"
    starts = [1 if i in (0, 5, 9) else 0 for i in range(len(words))]
    if blank_line:
        for seq, value in ((words, "\n\n"), (pos, "SPACE"), (lemmas, "\n\n"), (starts, 0)):
            seq.insert(9, value)
        starts[10] = 1
    return Doc(VOCAB, words=words, pos=pos, lemmas=lemmas, sent_starts=starts)


def test_a_later_sentence_whose_effect_names_the_event_explains_the_claim():
    doc = across_doc()
    first, _, third = doc.sents
    claims = [claim(doc, first, (0, 1), (2, 4), 1, "restrict")]
    found = {first.start: SentenceCauses(0.1, [], [], []),
             third.start: causes(third, cause=(12, 18), effect=(9, 11))}
    link, = link_motives(doc, claims, found)
    assert link.cause.text == "Kazakhstan 's refusal to join BRICS"
    assert (link.distance, link.reason) == (2, "event-mention")


def test_effects_that_do_not_mention_the_claim_are_ignored():
    doc = across_doc()
    first, second, third = doc.sents
    claims = [claim(doc, first, (0, 1), (2, 4), 1, "restrict")]
    found = {third.start: causes(third, cause=(12, 18), effect=(16, 18))}
    assert link_motives(doc, claims, found) == [None]


def test_no_link_across_a_paragraph_break():
    doc = across_doc(blank_line=True)
    sentences = list(doc.sents)
    first = sentences[0]
    assert [d for d, _ in context_sentences(doc, first)] == [0, 1]
    claims = [claim(doc, first, (0, 1), (2, 4), 1, "restrict")]
    found = {sentences[-1].start: causes(sentences[-1], cause=(13, 19), effect=(10, 12))}
    assert link_motives(doc, claims, found) == [None]


def test_a_partial_cause_grows_to_the_noun_phrase_it_completes():
    words = "Russia restricted imports over Kazakhstan 's refusal to join BRICS .".split()
    doc = Doc(VOCAB, words=words, heads=[1, 1, 1, 1, 6, 4, 3, 8, 6, 8, 1],
              deps=["nsubj", "ROOT", "dobj", "prep", "poss", "case", "pobj", "aux", "acl", "dobj", "punct"],
              pos=["PROPN", "VERB", "NOUN", "ADP", "PROPN", "PART", "NOUN", "PART", "VERB", "PROPN", "PUNCT"],
              lemmas=["Russia", "restrict", "import", "over", "Kazakhstan", "'s", "refusal", "to", "join", "BRICS", "."])
    claims = [claim(doc, doc[:], (0, 1), (2, 3), 1, "restrict")]
    link, = link_motives(doc, claims, {0: causes(doc[:], cause=(7, 9), effect=(0, 3))})
    assert link.cause.text == "Kazakhstan 's refusal to join BRICS"


def test_copular_cause_construction_when_the_tagger_marks_nothing():
    words = "One of the triggers behind Russia 's restrictions was Kazakhstan 's refusal to join BRICS .".split()
    heads = [8, 0, 3, 1, 3, 7, 5, 4, 8, 11, 9, 8, 13, 11, 13, 8]
    deps = ["nsubj", "prep", "det", "pobj", "prep", "poss", "case", "pobj", "ROOT", "poss", "case", "attr",
            "aux", "acl", "dobj", "punct"]
    pos = ["NUM", "ADP", "DET", "NOUN", "ADP", "PROPN", "PART", "NOUN", "AUX", "PROPN", "PART", "NOUN",
           "PART", "VERB", "PROPN", "PUNCT"]
    lemmas = ["one", "of", "the", "trigger", "behind", "Russia", "'s", "restriction", "be", "Kazakhstan", "'s",
              "refusal", "to", "join", "BRICS", "."]
    doc = Doc(VOCAB, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    sanction = claim(doc, doc[:], (5, 6), (5, 6), 7, "restrict")
    reject = claim(doc, doc[:], (9, 10), (14, 15), 11, "refuse")
    found = {0: SentenceCauses(0.4, [], [], [])}
    link, no_link = link_motives(doc, [sanction, reject], found)
    assert link.cause.text == "Kazakhstan 's refusal to join BRICS" and link.reason == "copular-cause"
    assert no_link is None


def test_score_links_counts_exact_overlap_and_nulls():
    from geoclaims.motive.link_eval import score_links
    from geoclaims.motive.linking import MotiveLink

    doc = same_sentence_doc()
    found = MotiveLink(doc[7:12], 0.9, 0, "effect-overlap")  # characters 50..82
    start, end = found.cause.start_char, found.cause.end_char
    metrics = score_links([(start, end), (start + 1, end), None, None, (0, 5)], [found, found, None, found, None])
    assert (metrics["gold"], metrics["predicted"]) == (3, 3)
    assert metrics["exact"]["precision"] == pytest.approx(1 / 3) and metrics["overlap"]["recall"] == pytest.approx(2 / 3)
    assert metrics["accuracy"] == pytest.approx(3 / 5)  # two overlaps + one null-null


def test_only_neighbours_that_name_the_event_or_its_actors_could_explain_a_claim():
    from geoclaims.motive.component import MotiveComponent
    from geoclaims.motive.linking import could_explain
    from geoclaims.ml.component import register_extensions

    register_extensions()
    doc = across_doc()
    first, second, third = doc.sents
    cand = claim(doc, first, (0, 1), (2, 4), 1, "restrict").candidate
    assert [could_explain(s, cand) for s in (second, third)] == [False, True]
    doc._.claims = [claim(doc, first, (0, 1), (2, 4), 1, "restrict")]
    component = MotiveComponent.__new__(MotiveComponent)  # no model: only the choice of sentences
    component.before, component.after = 1, 2
    assert sorted(component.sentences_near_claims(doc)) == [first.start, third.start]

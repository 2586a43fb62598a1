"""candidate_pairs on hand-built parses: mentions grow from entities, predicates come from the path."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from geoclaims.candidates import candidate_pairs, mention_head, mention_span, sentence_mentions


def parsed(words, heads, deps, pos, ents, lemmas=None):
    """A Doc with a dependency parse and entities set by hand (heads are absolute indices)."""
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas or [w.lower() for w in words],
              sent_starts=[True] + [False] * (len(words) - 1))
    doc.ents = [Span(doc, s, e, label=l) for s, e, l in ents]
    return doc


def restrictions_doc():
    words = ["Restrictions", "imposed", "by", "Russia", "'s", "Rosselkhoznadzor", "on", "Kazakh",
             "agricultural", "imports", "hurt", "trade", "."]
    heads = [10, 0, 1, 5, 3, 2, 1, 9, 9, 6, 10, 10, 10]
    deps = ["nsubj", "acl", "agent", "poss", "case", "pobj", "prep", "amod", "amod", "pobj", "ROOT", "dobj", "punct"]
    pos = ["NOUN", "VERB", "ADP", "PROPN", "PART", "PROPN", "ADP", "ADJ", "ADJ", "NOUN", "VERB", "NOUN", "PUNCT"]
    lemmas = ["restriction", "impose", "by", "Russia", "'s", "Rosselkhoznadzor", "on", "Kazakh", "agricultural",
              "import", "hurt", "trade", "."]
    return parsed(words, heads, deps, pos, [(3, 4, "GPE"), (5, 6, "ORG"), (7, 8, "NORP")], lemmas)


def test_mentions_grow_to_owned_and_modified_phrases():
    doc = restrictions_doc()
    assert mention_span(mention_head(doc[3])).text == "Russia 's Rosselkhoznadzor"
    assert mention_span(mention_head(doc[7])).text == "Kazakh agricultural imports"
    mentions = {span.text: can_subject for span, can_subject in sentence_mentions(doc[:])}
    assert mentions == {"Russia 's Rosselkhoznadzor": True, "Kazakh agricultural imports": False}


def test_nominal_predicate_with_agent():
    pairs = candidate_pairs(restrictions_doc())
    assert [(c.subject.text, c.object.text) for c in pairs] == [("Russia 's Rosselkhoznadzor", "Kazakh agricultural imports")]
    predicate = pairs[0].predicate
    assert predicate.text == "Restrictions imposed by"
    assert predicate.lemma == "restrict"
    assert restrictions_doc().text[predicate.start:predicate.end] == "Restrictions imposed by"


def test_possessor_of_event_noun_can_act():
    words = ["Kazakhstan", "'s", "refusal", "to", "join", "BRICS", "angered", "Moscow", "."]
    heads = [2, 0, 6, 4, 2, 4, 6, 6, 6]
    deps = ["poss", "case", "nsubj", "aux", "acl", "dobj", "ROOT", "dobj", "punct"]
    pos = ["PROPN", "PART", "NOUN", "PART", "VERB", "PROPN", "VERB", "PROPN", "PUNCT"]
    lemmas = ["Kazakhstan", "'s", "refusal", "to", "join", "BRICS", "anger", "Moscow", "."]
    doc = parsed(words, heads, deps, pos, [(0, 1, "GPE"), (5, 6, "ORG"), (7, 8, "GPE")], lemmas)
    found = {(c.subject.text, c.object.text): c.predicate for c in candidate_pairs(doc)}
    assert ("Kazakhstan", "BRICS") in found
    assert found[("Kazakhstan", "BRICS")].text == "refusal to join"
    assert found[("Kazakhstan", "BRICS")].lemma == "refuse"
    assert ("Moscow", "BRICS") in found  # the classifier, not the candidate step, says NONE


def test_resolver_is_applied_and_pairs_are_capped():
    doc = restrictions_doc()
    pairs = candidate_pairs(doc, resolver=lambda span: span.text.upper())
    assert pairs[0].subject_actor == "RUSSIA 'S ROSSELKHOZNADZOR"
    assert candidate_pairs(doc, max_pairs_per_sentence=0) == []


def test_sentence_adverbs_tagged_as_names_are_not_mentions():
    words = ["Ultimately", ",", "Japan", "imposed", "tariffs", "on", "China", "."]
    heads = [3, 3, 3, 3, 3, 3, 5, 3]
    deps = ["advmod", "punct", "nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
    pos = ["ADV", "PUNCT", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "PUNCT"]
    doc = parsed(words, heads, deps, pos, [(0, 1, "ORG"), (2, 3, "GPE"), (6, 7, "GPE")])
    assert {span.text for span, _ in sentence_mentions(doc[:])} == {"Japan", "China"}

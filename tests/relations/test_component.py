"""The relation component's pure helpers (the classifier itself is covered by tests/test_claims.py)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc

from geoclaims.candidates import Candidate, PredicateWords
from geoclaims.relations.component import distinct_actors, relation_items


def candidate(words, subject, obj, actors=(None, None)):
    doc = Doc(spacy.blank("en").vocab, words=words)
    sentence = doc[:]
    predicate = PredicateWords("x", "x", 0, 1, 0)
    return Candidate(sentence, doc[subject[0]:subject[1]], doc[obj[0]:obj[1]], predicate, *actors)


def test_items_are_sentence_relative():
    cand = candidate(["Headline", ".", "Russia", "banned", "Kazakh", "grain"], (2, 3), (4, 6))
    base = cand.sentence.start_char
    (text, subj, obj), = relation_items([cand])
    assert text[subj[0]:subj[1]] == "Russia" and text[obj[0]:obj[1]] == "Kazakh grain"
    assert base == 0


def test_same_actor_twice_is_not_a_pair():
    assert not distinct_actors(candidate(["the", "EU", "and", "EU"], (0, 2), (3, 4)))
    russia = ("Russia", "RUS", None, "GPE")
    assert not distinct_actors(candidate(["Moscow", "and", "Russia"], (0, 1), (2, 3), (russia, russia)))
    assert distinct_actors(candidate(["Russia", "and", "Kazakhstan"], (0, 1), (2, 3),
                                     (russia, ("Kazakhstan", "KAZ", None, "GPE"))))

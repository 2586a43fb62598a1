from __future__ import annotations

import spacy
from spacy.tokens import Doc

from geoclaims.qualifiers import predicate_qualifiers


LEMMAS = {"said": "say", "did": "do"}


def doc(words, heads, deps, pos):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, pos=pos,
               lemmas=[LEMMAS.get(w, w.lower()) for w in words], sent_starts=[True] + [False] * (len(words) - 1))


def test_negation_and_assertion():
    d = doc(["Japan", "did", "not", "impose", "tariffs"], [3, 3, 3, 3, 3], ["nsubj", "aux", "neg", "ROOT", "dobj"],
            ["PROPN", "AUX", "PART", "VERB", "NOUN"])
    assert predicate_qualifiers(d[3]) == (True, "asserted")


def test_hedged_future_and_reported():
    hedged = doc(["Russia", "may", "restrict", "imports"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"],
                 ["PROPN", "AUX", "VERB", "NOUN"])
    assert predicate_qualifiers(hedged[2]).modality == "hedged"
    future = doc(["Russia", "will", "restrict", "imports"], [2, 2, 2, 2], ["nsubj", "aux", "ROOT", "dobj"],
                 ["PROPN", "AUX", "VERB", "NOUN"])
    assert predicate_qualifiers(future[2]).modality == "future"
    reported = doc(["Officials", "said", "Russia", "restricted", "imports"], [1, 1, 3, 1, 3],
                   ["nsubj", "ROOT", "nsubj", "ccomp", "dobj"], ["NOUN", "VERB", "PROPN", "VERB", "NOUN"])
    assert predicate_qualifiers(reported[3]).modality == "reported"

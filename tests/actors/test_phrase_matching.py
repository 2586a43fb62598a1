"""``TokenSequenceMatcher`` finds exactly what spaCy's ``Matcher`` finds for exact-token patterns."""
from __future__ import annotations

import spacy
from spacy.matcher import Matcher

from geoclaims.actors.phrase_matching import TokenSequenceMatcher, phrase_attr, use_phrase_matching

PATTERNS = {
    "GPE||usa": [[{"LOWER": "united"}, {"LOWER": "states"}], [{"ORTH": "America"}]],
    "ORG||eu": [[{"LOWER": "european"}, {"LOWER": "union"}], [{"ORTH": "EU"}]],
    "GPE||odd": [[{"LOWER": "new"}, {"IS_TITLE": True}]],  # not an exact phrase: stays in a Matcher
}


def test_phrase_attr():
    assert phrase_attr([{"ORTH": "EU"}]) == "ORTH"
    assert phrase_attr([{"LOWER": "a"}, {"LOWER": "b"}]) == "LOWER"
    assert phrase_attr([{"LOWER": "a"}, {"ORTH": "B"}]) is None
    assert phrase_attr([{"LOWER": "new"}, {"IS_TITLE": True}]) is None


def test_same_matches_as_the_token_matcher():
    nlp = spacy.blank("en")
    doc = nlp("The United States and the european Union met; america and EU and eu, New York and UNITED STATES.")
    reference = Matcher(nlp.vocab)
    for key, patterns in PATTERNS.items():
        reference.add(key, patterns)
    fast = TokenSequenceMatcher(nlp.vocab, PATTERNS)
    assert len(fast.fallback) == 1
    assert sorted(fast(doc)) == sorted(reference(doc))


def test_entity_ruler_gives_the_same_entities():
    texts = ["Talks between the United States and the EU in New York.", "america said no to Europe."]
    patterns = [{"label": key.split("||")[0], "id": key.split("||")[1], "pattern": p}
                for key, ps in PATTERNS.items() for p in ps]
    results = []
    for fast in (False, True):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("entity_ruler", config={"validate": False})
        ruler.add_patterns(patterns)
        if fast:
            use_phrase_matching(ruler)
        results.append([[(e.text, e.label_, e.ent_id_) for e in nlp(t).ents] for t in texts])
    assert results[0] == results[1] and results[0][0]

"""The stand-ins of ``geoclaims.lang.fast_rules`` annotate exactly as spaCy's attribute ruler and lemmatizer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.lookups import Lookups
from spacy.tokens import Doc

from geoclaims.lang.fast_rules import (
    NAME, RULER, TableAttributeRuler, UnsupportedPattern, speed_up, use_attribute_table, use_lemma_index_sets,
)

SAMPLE = Path(__file__).resolve().parents[2] / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"
PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBD", "VBZ"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"LOWER": "sanctions", "TAG": "NNS"}]], "attrs": {"LEMMA": "sanction", "POS": "NOUN"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["aux"]}}]], "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
    {"patterns": [[{"DEP": "expl"}, {"LOWER": {"IN": ["is", "was"]}}]], "attrs": {"POS": "VERB"}, "index": -1},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"TAG": "_SP", "POS": "SPACE"}},
    # later patterns win: "Russia" is first a NOUN (pattern 0), then PROPN
    {"patterns": [[{"LOWER": "russia"}], [{"LOWER": "moscow"}]], "attrs": {"POS": "PROPN"}},
]
WORDS = ["Russia", "gon", "na", "impose", "sanctions", ";", "there", "was", "nothin'", "\n\n", "Moscow", "has", "fallen"]
TAGS = ["NN", "VBG", "TO", "VB", "NNS", ":", "EX", "VBD", "NN", "_SP", "NNP", "VBZ", "VBN"]
DEPS = ["nsubj", "aux", "aux", "ROOT", "dobj", "punct", "expl", "ROOT", "attr", "dep", "nsubj", "aux", "ROOT"]
HEADS = [3, 3, 3, 3, 3, 3, 7, 7, 7, 7, 12, 12, 12]


def annotated(nlp, words=WORDS) -> Doc:
    return Doc(nlp.vocab, words=words, tags=TAGS, deps=DEPS, heads=HEADS)


def signature(doc: Doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def ruler_nlp(patterns=PATTERNS):
    nlp = spacy.blank("en")
    nlp.add_pipe(RULER).add_patterns(patterns)
    return nlp


def test_the_table_sets_what_the_ruler_sets():
    nlp = ruler_nlp()
    by_ruler = nlp.get_pipe(RULER)(annotated(nlp))
    by_table = TableAttributeRuler(nlp.get_pipe(RULER))(annotated(nlp))
    assert signature(by_table) == signature(by_ruler)
    assert [t.pos_ for t in by_table][:2] == ["PROPN", "AUX"]  # a later pattern overrides an earlier one
    assert by_table[2].lemma_ == "to" and by_table[7].pos_ == "VERB" and by_table[8].lemma_ == "nothing"


def test_matches_are_in_the_rulers_order():
    nlp = ruler_nlp()
    doc = annotated(nlp)
    ruler = nlp.get_pipe(RULER)
    assert TableAttributeRuler(ruler).matches(doc) == [(n, s, e) for n, _id, s, e in ruler.match(doc)]


def test_use_attribute_table_swaps_the_ruler_in_place():
    nlp = ruler_nlp()
    assert use_attribute_table(nlp)
    assert nlp.pipe_names == [NAME]
    assert signature(nlp(annotated(nlp))) == signature(ruler_nlp().get_pipe(RULER)(annotated(nlp)))


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "talks", "OP": "+"}],  # an operator
    [{"LEMMA": "talk"}],  # an attribute it does not read
    [{"LOWER": {"FUZZY": "talks"}}],  # a predicate it does not read
])
def test_a_pattern_it_cannot_read_leaves_the_ruler(pattern):
    nlp = ruler_nlp([*PATTERNS, {"patterns": [pattern], "attrs": {"POS": "NOUN"}}])
    with pytest.raises(UnsupportedPattern):
        TableAttributeRuler(nlp.get_pipe(RULER))
    assert not use_attribute_table(nlp)
    assert nlp.pipe_names == [RULER]


def lemmatizer_nlp():
    nlp = spacy.blank("en")
    lookups = Lookups()
    lookups.add_table("lemma_index", {"noun": ["sanction", "barrier"], "verb": ["impose", "walk"]})
    lookups.add_table("lemma_exc", {"noun": {}, "verb": {"imposed": ["impose"]}})
    lookups.add_table("lemma_rules", {"noun": [["s", ""], ["ies", "y"]], "verb": [["ed", "e"], ["ed", ""]]})
    nlp.add_pipe("lemmatizer", config={"mode": "rule"}).initialize(lookups=lookups)
    return nlp


def lemmas(nlp) -> list[str]:
    doc = Doc(nlp.vocab, words=["sanctions", "barriers", "imposed", "tariffs", "walked"],
              pos=["NOUN", "NOUN", "VERB", "NOUN", "VERB"], morphs=["Number=Plur"] * 2 + ["VerbForm=Fin"] + ["Number=Plur", "Tense=Past"])
    return [t.lemma_ for t in nlp.get_pipe("lemmatizer")(doc)]


def test_lemma_index_sets_keep_every_lemma():
    stock, fast = lemmatizer_nlp(), lemmatizer_nlp()
    assert use_lemma_index_sets(fast)
    assert all(isinstance(words, frozenset) for words in fast.get_pipe("lemmatizer").lookups.get_table("lemma_index").values())
    assert lemmas(fast) == lemmas(stock) == ["sanction", "barrier", "impose", "tariff", "walk"]


def test_nothing_to_speed_up_in_a_blank_pipeline():
    assert speed_up(spacy.blank("en")) == []


@pytest.mark.slow
def test_en_core_web_sm_annotates_the_same_with_both():
    from geoclaims.nlp import english

    texts = [json.loads(line)["text"] for line in SAMPLE.read_text(encoding="utf-8").splitlines()]
    texts += ["Y'all ain't gonna believe it: there were nothin' but sanctions.\n\nIran's navy has seized a tanker."]
    stock, fast = english(), english()
    assert speed_up(fast) == ["attribute table", "lemma index sets"]
    assert RULER not in fast.pipe_names
    assert [signature(d) for d in fast.pipe(texts)] == [signature(d) for d in stock.pipe(texts)]

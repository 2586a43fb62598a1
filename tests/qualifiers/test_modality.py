"""Negation and modality v2 rules on hand-built parses, plus real sentences through en_core_web_sm (slow)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from geoclaims.candidates import PredicateWords
from geoclaims.qualifiers.modality import predicate_qualifiers_v2

VOCAB = spacy.blank("en").vocab
LEMMAS = {"said": "say", "did": "do", "declined": "decline", "failed": "fail", "denied": "deny", "imposing": "impose",
          "plans": "plan", "is": "be", "urged": "urge", "agrees": "agree", "restricted": "restrict",
          "according": "accord", "detained": "detain", "suspects": "suspect"}


def parse(spec: str) -> Doc:
    """'word/HEAD/DEP/POS ...' with HEAD an absolute index."""
    rows = [item.split("/") for item in spec.split()]
    words = [r[0] for r in rows]
    return Doc(VOCAB, words=words, heads=[int(r[1]) for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[LEMMAS.get(w, w.lower()) for w in words],
               sent_starts=[True] + [False] * (len(words) - 1))


def test_did_not_is_negated_and_asserted():
    doc = parse("Japan/3/nsubj/PROPN did/3/aux/AUX not/3/neg/PART impose/3/ROOT/VERB tariffs/3/dobj/NOUN")
    assert predicate_qualifiers_v2(doc, doc[3]) == (True, "asserted", "not")


def test_refusal_as_predicate_is_not_negated():
    doc = parse("Astana/1/nsubj/PROPN declined/1/ROOT/VERB to/3/aux/PART join/1/xcomp/VERB BRICS/3/dobj/PROPN")
    refusal = PredicateWords("declined to join", "decline", doc[1].idx, doc[3].idx + 4, 3)
    assert predicate_qualifiers_v2(doc, refusal).negated is False
    assert predicate_qualifiers_v2(doc, doc[3], event_type="REJECT").negated is False
    assert predicate_qualifiers_v2(doc, doc[3], event_type="AGREE").negated is True  # JOIN that did not happen


def test_failed_to_and_denied_imposing_are_negated():
    failed = parse("The/1/det/DET UN/2/nsubj/PROPN failed/2/ROOT/VERB to/4/aux/PART renew/2/xcomp/VERB "
                   "the/6/det/DET embargo/4/dobj/NOUN")
    assert predicate_qualifiers_v2(failed, failed[2:5]).negated is True
    denied = parse("Japan/1/nsubj/PROPN denied/1/ROOT/VERB imposing/1/xcomp/VERB tariffs/2/dobj/NOUN")
    assert predicate_qualifiers_v2(denied, denied[2]).negated is True
    assert predicate_qualifiers_v2(denied, denied[1], event_type="REJECT").negated is False


MODALITY_CASES = [  # (parse, index of the predicate token, expected modality)
    pytest.param("Russia/2/nsubj/PROPN may/2/aux/AUX restrict/2/ROOT/VERB imports/2/dobj/NOUN", 2, "hedged",
                 id="may-hedged"),
    pytest.param("Russia/1/nsubj/PROPN plans/1/ROOT/VERB to/3/aux/PART restrict/1/xcomp/VERB imports/3/dobj/NOUN", 3,
                 "intended", id="plans-to-intended"),
    pytest.param("Russia/2/nsubj/PROPN will/2/aux/AUX restrict/2/ROOT/VERB imports/2/dobj/NOUN", 2, "future",
                 id="will-future"),
    pytest.param("Officials/1/nsubj/NOUN said/1/ROOT/VERB Russia/4/nsubj/PROPN would/4/aux/AUX "
                 "restrict/1/ccomp/VERB imports/4/dobj/NOUN", 4, "future", id="said-would-future"),
    pytest.param("Russia/2/nsubj/PROPN would/2/aux/AUX restrict/2/ROOT/VERB imports/2/dobj/NOUN "
                 "if/6/mark/SCONJ Kazakhstan/6/nsubj/PROPN refuses/2/advcl/VERB", 2, "hypothetical",
                 id="would-if-hypothetical"),
    pytest.param("Senate/1/nsubj/PROPN urged/1/ROOT/VERB Reagan/1/dobj/PROPN to/4/aux/PART impose/1/xcomp/VERB "
                 "tariffs/4/dobj/NOUN", 4, "hypothetical", id="directive-hypothetical"),
    pytest.param("if/2/mark/SCONJ Washington/2/nsubj/PROPN imposes/5/advcl/VERB sanctions/2/dobj/NOUN "
                 "Tokyo/5/nsubj/PROPN retaliates/5/ROOT/VERB", 2, "hypothetical", id="condition-hypothetical"),
]
QUALIFIER_CASES = [  # (parse, index of the predicate token, expected (negated, modality, cue))
    pytest.param("Reportedly/3/advmod/ADV ,/3/punct/PUNCT police/3/nsubj/NOUN detained/3/ROOT/VERB "
                 "suspects/3/dobj/NOUN", 3, (False, "hedged", "Reportedly"), id="reportedly-hedged"),
    pytest.param("Straw/1/nsubj/PROPN is/1/ROOT/AUX to/3/aux/PART visit/1/xcomp/VERB Thailand/3/dobj/PROPN", 3,
                 (False, "future", "is"), id="be-to-future"),
    pytest.param("Officials/1/nsubj/NOUN said/1/ROOT/VERB Russia/3/nsubj/PROPN restricted/1/ccomp/VERB "
                 "imports/3/dobj/NOUN", 3, (False, "reported", "said"), id="said-reported"),
    pytest.param("Russia/1/nsubj/PROPN restricted/1/ROOT/VERB imports/1/dobj/NOUN ,/1/punct/PUNCT "
                 "according/1/prep/VERB to/4/prep/ADP officials/5/pobj/NOUN", 1, (False, "reported", "according"),
                 id="according-to-reported"),
]


@pytest.mark.parametrize("spec, index, modality", MODALITY_CASES)
def test_modality_of_predicate(spec: str, index: int, modality: str):
    doc = parse(spec)
    assert predicate_qualifiers_v2(doc, doc[index]).modality == modality


@pytest.mark.parametrize("spec, index, expected", QUALIFIER_CASES)
def test_qualifiers_of_predicate(spec: str, index: int, expected: tuple):
    doc = parse(spec)
    assert predicate_qualifiers_v2(doc, doc[index]) == expected


def test_speaker_of_own_speech_act_is_asserted():
    doc = parse("Ministers/1/nsubj/NOUN said/1/ROOT/VERB they/3/nsubj/PRON agree/1/ccomp/VERB with/3/prep/ADP "
                "Tantan/4/pobj/PROPN")
    assert predicate_qualifiers_v2(doc, doc[3], event_type="SUPPORT").modality == "asserted"
    assert predicate_qualifiers_v2(doc, doc[3], event_type="COOPERATE").modality == "reported"


@pytest.fixture(scope="module")
def nlp():
    from geoclaims.nlp import build_nlp

    return build_nlp(relations=False)


def _qualify(nlp, text: str, predicate: str, **kwargs):
    doc = nlp(text)
    start = text.index(predicate)
    return predicate_qualifiers_v2(doc, doc.char_span(start, start + len(predicate), alignment_mode="expand"), **kwargs)


@pytest.mark.slow
def test_real_sentences(nlp):
    assert _qualify(nlp, "Astana declined to join BRICS last year.", "declined to join").negated is False
    assert _qualify(nlp, "Kazakhstan's refusal to join BRICS angered Moscow.", "refusal to join") == (False, "asserted", None)
    assert _qualify(nlp, "Russia may restrict imports from Kazakhstan.", "restrict").modality == "hedged"
    assert _qualify(nlp, "Japan did not impose tariffs on U.S. goods.", "impose").negated is True
    assert _qualify(nlp, "The EU said on Tuesday it would impose tariffs on Chinese steel.",
                    "impose tariffs on").modality == "future"
    assert _qualify(nlp, "Turkish police detained 12 activists, media reported.", "detained").modality == "reported"
    assert _qualify(nlp, "The Centre has decided to hold talks with the United Naga Council.",
                    "decided to hold talks with").modality == "intended"


@pytest.mark.slow
def test_refusal_noun_with_infinitive_complement_is_asserted_not_intended(nlp):
    """The sample article: "Kazakhstan's refusal to join BRICS" as predicate words rooted at "join"."""

    doc = nlp("One of the key triggers behind Russia's recent restrictions on Kazakh imports was "
                 "Kazakhstan's refusal to join BRICS.")
    start = doc.text.index("refusal")
    join = next(t for t in doc if t.text == "join")
    words = PredicateWords("refusal to join", "refuse", start, start + len("refusal to join"), join.i)
    qualifiers = predicate_qualifiers_v2(doc, words, event_type="REJECT")
    assert (qualifiers.negated, qualifiers.modality) == (False, "asserted")

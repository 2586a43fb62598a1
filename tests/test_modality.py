"""Negation and modality v2 rules on hand-built parses, plus real sentences through en_core_web_sm (slow)."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from geoclaims.candidates import PredicateWords
from geoclaims.modality import predicate_qualifiers_v2

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


def test_hedges():
    may = parse("Russia/2/nsubj/PROPN may/2/aux/AUX restrict/2/ROOT/VERB imports/2/dobj/NOUN")
    assert predicate_qualifiers_v2(may, may[2]).modality == "hedged"
    reportedly = parse("Reportedly/3/advmod/ADV ,/3/punct/PUNCT police/3/nsubj/NOUN detained/3/ROOT/VERB "
                       "suspects/3/dobj/NOUN")
    assert predicate_qualifiers_v2(reportedly, reportedly[3]) == (False, "hedged", "Reportedly")


def test_intended_future_and_be_to():
    plans = parse("Russia/1/nsubj/PROPN plans/1/ROOT/VERB to/3/aux/PART restrict/1/xcomp/VERB imports/3/dobj/NOUN")
    assert predicate_qualifiers_v2(plans, plans[3]).modality == "intended"
    will = parse("Russia/2/nsubj/PROPN will/2/aux/AUX restrict/2/ROOT/VERB imports/2/dobj/NOUN")
    assert predicate_qualifiers_v2(will, will[2]).modality == "future"
    is_to = parse("Straw/1/nsubj/PROPN is/1/ROOT/AUX to/3/aux/PART visit/1/xcomp/VERB Thailand/3/dobj/PROPN")
    assert predicate_qualifiers_v2(is_to, is_to[3]) == (False, "future", "is")


def test_reported_future_and_hypothetical_would():
    said_would = parse("Officials/1/nsubj/NOUN said/1/ROOT/VERB Russia/4/nsubj/PROPN would/4/aux/AUX "
                       "restrict/1/ccomp/VERB imports/4/dobj/NOUN")
    assert predicate_qualifiers_v2(said_would, said_would[4]).modality == "future"
    would_if = parse("Russia/2/nsubj/PROPN would/2/aux/AUX restrict/2/ROOT/VERB imports/2/dobj/NOUN "
                     "if/6/mark/SCONJ Kazakhstan/6/nsubj/PROPN refuses/2/advcl/VERB")
    assert predicate_qualifiers_v2(would_if, would_if[2]).modality == "hypothetical"
    said = parse("Officials/1/nsubj/NOUN said/1/ROOT/VERB Russia/3/nsubj/PROPN restricted/1/ccomp/VERB "
                 "imports/3/dobj/NOUN")
    assert predicate_qualifiers_v2(said, said[3]) == (False, "reported", "said")


def test_directive_and_condition_are_hypothetical():
    urged = parse("Senate/1/nsubj/PROPN urged/1/ROOT/VERB Reagan/1/dobj/PROPN to/4/aux/PART impose/1/xcomp/VERB "
                  "tariffs/4/dobj/NOUN")
    assert predicate_qualifiers_v2(urged, urged[4]).modality == "hypothetical"
    condition = parse("if/2/mark/SCONJ Washington/2/nsubj/PROPN imposes/5/advcl/VERB sanctions/2/dobj/NOUN "
                      "Tokyo/5/nsubj/PROPN retaliates/5/ROOT/VERB")
    assert predicate_qualifiers_v2(condition, condition[2]).modality == "hypothetical"


def test_speaker_of_own_speech_act_is_asserted():
    doc = parse("Ministers/1/nsubj/NOUN said/1/ROOT/VERB they/3/nsubj/PRON agree/1/ccomp/VERB with/3/prep/ADP "
                "Tantan/4/pobj/PROPN")
    assert predicate_qualifiers_v2(doc, doc[3], event_type="SUPPORT").modality == "asserted"
    assert predicate_qualifiers_v2(doc, doc[3], event_type="COOPERATE").modality == "reported"


def test_according_to_is_reported():
    doc = parse("Russia/1/nsubj/PROPN restricted/1/ROOT/VERB imports/1/dobj/NOUN ,/1/punct/PUNCT "
                "according/1/prep/VERB to/4/prep/ADP officials/5/pobj/NOUN")
    assert predicate_qualifiers_v2(doc, doc[1]) == (False, "reported", "according")


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

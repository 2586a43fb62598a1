"""Attribution of reported claims on hand-built parses, plus real sentences through en_core_web_sm (slow)."""
from __future__ import annotations

from typing import NamedTuple

import pytest
import spacy
from spacy.tokens import Doc

from geoclaims.qualifiers.attribution import claim_attribution, speaker_span

VOCAB = spacy.blank("en").vocab
LEMMAS = {"said": "say", "told": "tell", "restricted": "restrict", "condemned": "condemn", "according": "accord"}


class FakeActor(NamedTuple):
    name: str
    code: str | None
    sector: str | None
    type: str | None


def parse(spec: str, sent_starts: list[int] = (0,)) -> Doc:
    rows = [item.split("/") for item in spec.split()]
    words = [r[0] for r in rows]
    return Doc(VOCAB, words=words, heads=[int(r[1]) for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[LEMMAS.get(w, w.lower()) for w in words],
               sent_starts=[i in sent_starts for i in range(len(words))])


def resolver(span):
    return FakeActor("Russia", "RUS", "GOV", "PERSON") if "Peskov" in span.text else None


def test_trailing_said_gives_the_speaker():
    doc = parse("Russia/1/nsubj/PROPN restricted/7/ccomp/VERB imports/1/dobj/NOUN ,/7/punct/PUNCT "
                "Kremlin/5/compound/PROPN spokesman/6/compound/NOUN Peskov/7/nsubj/PROPN said/7/ROOT/VERB "
                "./7/punct/PUNCT")
    found = claim_attribution(doc, doc[:], doc[1], resolver=resolver)
    assert found == ("Kremlin spokesman Peskov", doc[4].idx, doc[6].idx + 6, "Russia", "RUS", "GOV", "PERSON")


def test_according_to_and_unresolved_speaker():
    doc = parse("Russia/1/nsubj/PROPN restricted/1/ROOT/VERB imports/1/dobj/NOUN ,/1/punct/PUNCT "
                "according/1/prep/VERB to/4/prep/ADP the/8/det/DET Foreign/8/compound/PROPN Ministry/5/pobj/PROPN")
    found = claim_attribution(doc, doc[:], doc[1], resolver=resolver)
    assert (found.text, found.code) == ("the Foreign Ministry", None)


def test_speaker_span_drops_relative_clause():
    doc = parse("a/2/det/DET U.S./2/compound/PROPN official/5/nsubj/NOUN who/4/nsubj/PRON spoke/2/relcl/VERB "
                "said/5/ROOT/VERB")
    assert speaker_span(doc[2]).text == "a U.S. official"


def test_own_speech_act_has_no_attribution():
    doc = parse("Russia/1/nsubj/PROPN condemned/1/ROOT/VERB Ukraine/1/dobj/PROPN")
    assert claim_attribution(doc, doc[:], doc[1], resolver=resolver) is None
    said = parse("Ministers/1/nsubj/NOUN said/1/ROOT/VERB they/3/nsubj/PRON agree/1/ccomp/VERB with/3/prep/ADP "
                 "Tantan/4/pobj/PROPN")
    assert claim_attribution(said, said[:], said[3], resolver=None, event_type="SUPPORT") is None
    assert claim_attribution(said, said[:], said[3], resolver=None, event_type="COOPERATE").text == "Ministers"


def test_quote_speaker_in_next_sentence():
    doc = parse("\u201c/2/punct/PUNCT Russia/2/nsubj/PROPN restricted/2/ROOT/VERB imports/2/dobj/NOUN ./2/punct/PUNCT "
                "\u201d/7/punct/PUNCT Peskov/7/nsubj/PROPN said/7/ROOT/VERB ./7/punct/PUNCT", sent_starts=[0, 5])
    sentence = next(doc.sents)
    found = claim_attribution(doc, sentence, doc[2], resolver=resolver)
    assert (found.text, found.code) == ("Peskov", "RUS")
    plain = parse("Russia/1/nsubj/PROPN restricted/1/ROOT/VERB imports/1/dobj/NOUN ./1/punct/PUNCT "
                  "Peskov/5/nsubj/PROPN said/5/ROOT/VERB so/5/advmod/ADV", sent_starts=[0, 4])
    assert claim_attribution(plain, next(plain.sents), plain[1], resolver=resolver) is None


@pytest.mark.slow
def test_real_reported_sentences():
    from geoclaims.nlp import build_nlp

    nlp = build_nlp(relations=False)
    text = "Russia will restrict imports of Kazakh wheat, Kremlin spokesman Dmitry Peskov said on Tuesday."
    doc = nlp(text)
    found = claim_attribution(doc, next(doc.sents), doc[2])
    assert found is not None and "Peskov" in found.text and "said" not in found.text
    doc = nlp("The Pentagon said it hit five bases used by the militia.")
    found = claim_attribution(doc, next(doc.sents), doc[4])
    assert (found.text, found.code) == ("The Pentagon", "USA")
    doc = nlp("Russia condemned the attack on its embassy.")
    assert claim_attribution(doc, next(doc.sents), doc[1], event_type="DISAPPROVE") is None


@pytest.mark.parametrize("words,spaces,index,expected", [
    (["He", "said", ":", '"', "We", "restrict", "."], [True, False, True, False, True, False, False], 5, 'He said: "We '),
    (["A", '"', "b", "\n\n", "C", "restricted"], [True, True, False, False, True, False], 5, "\nC "),
    (["A", "\n\n  \n\n", '"', "C"], [True, False, False, False], 3, '\n"'),
    (["First"], [False], 0, ""),
])
def test_paragraph_text_before_is_the_doc_text_since_the_last_blank_line(words, spaces, index, expected):
    from geoclaims.qualifiers.attribution import paragraph_text_before

    doc = Doc(VOCAB, words=words, spaces=spaces)
    token = doc[index]
    start = doc.text.rfind("\n\n", 0, token.idx) + 1  # what it replaces (doc.text is rebuilt at each call)
    assert paragraph_text_before(doc, token) == expected == doc.text[start:token.idx]

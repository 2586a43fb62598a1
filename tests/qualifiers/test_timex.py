"""Event time: resolution of time expressions against the publication date, and their attachment."""
from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from geoclaims.qualifiers.timex import event_time, resolve_time

VOCAB = spacy.blank("en").vocab
PUBLISHED = date(1987, 3, 4)  # a Wednesday


@pytest.mark.parametrize("text, value", [
    ("on Tuesday", "1987-03-03"), ("Wednesday", "1987-03-04"), ("last Wednesday", "1987-02-25"),
    ("yesterday", "1987-03-03"), ("today", "1987-03-04"), ("last week", "1987-02-23/1987-03-01"),
    ("this week", "1987-03-02/1987-03-08"), ("last month", "1987-02"), ("earlier this year", "1987"),
    ("in the first quarter", "1987-01-01/1987-03-31"), ("March 3, 1987", "1987-03-03"), ("on March 3", "1987-03-03"),
    ("in 1988", "1988"), ("November 1986", "1986-11"), ("in December", "1986-12"), ("two days ago", "1987-03-02"),
])
def test_resolve_against_publication(text, value):
    assert resolve_time(text, PUBLISHED) == value


def test_future_weekday_and_month_look_ahead():
    assert resolve_time("on Tuesday", PUBLISHED, future=True) == "1987-03-10"
    assert resolve_time("next Tuesday", PUBLISHED) == "1987-03-10"
    assert resolve_time("in December", PUBLISHED, future=True) == "1987-12"


def test_relative_needs_publication_absolute_does_not():
    assert resolve_time("on Tuesday", None) is None
    assert resolve_time("last month", None) is None
    assert resolve_time("March 3, 1987", None) == "1987-03-03"
    assert resolve_time("in 1988", None) == "1988"
    assert resolve_time("in the coming weeks", PUBLISHED) is None


def parse(spec: str) -> Doc:
    rows = [item.split("/") for item in spec.split()]
    words = [r[0] for r in rows]
    lemmas = {"said": "say", "will": "will"}
    return Doc(VOCAB, words=words, heads=[int(r[1]) for r in rows], deps=[r[2] for r in rows],
               pos=[r[3] for r in rows], lemmas=[lemmas.get(w, w.lower()) for w in words],
               sent_starts=[True] + [False] * (len(words) - 1))


def test_time_of_the_predicate_not_of_the_speech():
    doc = parse("EU/1/nsubj/PROPN said/1/ROOT/VERB on/1/prep/ADP Tuesday/2/pobj/PROPN it/6/nsubj/PRON "
                "would/6/aux/AUX impose/1/ccomp/VERB tariffs/6/dobj/NOUN")
    assert event_time(doc, doc[:], doc[6], published="1987-03-04T10:00:00") is None
    speech = event_time(doc, doc[:], doc[1], published="1987-03-04T10:00:00")
    assert (doc.text[speech.start:speech.end], speech.value) == (speech.text, "1987-03-03")


def test_future_clause_weekday_and_missing_publication():
    doc = parse("Xi/2/nsubj/PROPN will/2/aux/AUX meet/2/ROOT/VERB Abe/2/dobj/PROPN on/2/prep/ADP Tuesday/4/pobj/PROPN")
    found = event_time(doc, doc[:], doc[2], published="1987-03-04")
    assert (found.text, found.value) == ("Tuesday", "1987-03-10")
    assert doc.text[found.start:found.end] == "Tuesday"
    assert event_time(doc, doc[:], doc[2], published=None) is None


def test_date_of_another_thing_is_skipped():
    doc = parse("Japan/2/nsubj/PROPN has/2/aux/AUX broken/2/ROOT/VERB a/5/det/DET 1986/5/nummod/NUM pact/2/dobj/NOUN")
    assert event_time(doc, doc[:], doc[2], published="1987-03-04") is None


@pytest.mark.slow
def test_real_sentences():
    from geoclaims.nlp import build_nlp

    nlp = build_nlp(relations=False)
    doc = nlp("Canada slapped a duty on U.S. corn imports in November 1986, trade officials said.")
    found = event_time(doc, next(doc.sents), doc[1], published="1987-03-02T10:00:00")
    assert (found.text, found.value) == ("November 1986", "1986-11")
    doc = nlp("The U.S. Senate on Tuesday backed President Reagan's retaliatory strike against Iran.")
    found = event_time(doc, next(doc.sents), doc[5], published="1987-10-20T09:00:00")
    assert found.value == "1987-10-20"

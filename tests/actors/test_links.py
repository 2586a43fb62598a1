"""In-article actor links (geoclaims_actor_links_v1) read through resolve_span, on hand-built Docs."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from geoclaims.actors.component import LINKS_FACTORY, register_extensions
from geoclaims.actors.gazetteer import Actor
from geoclaims.actors.links import ActorLinker
from geoclaims.actors.resolve import resolve_span

NLP = spacy.blank("en")
register_extensions()


def linked_doc(text: str, ents: list[tuple[str, str]], published: str | None = None) -> Doc:
    """Tokenised ``text`` with the given (surface, label) entities in order, published, linked."""
    doc = NLP(text)
    spans, pos = [], 0
    for surface, label in ents:
        start = text.index(surface, pos)
        spans.append(doc.char_span(start, start + len(surface), label=label))
        pos = start + len(surface)
    doc.ents = spans
    doc._.published = published
    return ActorLinker()(doc)


def span_of(doc: Doc, surface: str, nth: int = 0):
    """The nth token span whose text is ``surface``."""
    starts = [i for i in range(len(doc)) if doc[i : i + len(surface.split())].text == surface]
    return doc[starts[nth] : starts[nth] + len(surface.split())]


def test_guaido_descriptor_carries_to_surname_and_pronoun():
    doc = linked_doc("Venezuelan opposition leader Juan Guaidó called for protests. Guaidó said he would return.",
                     [("Juan Guaidó", "PERSON"), ("Guaidó", "PERSON")])
    first = resolve_span(span_of(doc, "Juan Guaidó"))
    assert first == Actor("Venezuela", "VEN", "OPP", "PERSON")
    assert resolve_span(span_of(doc, "Guaidó", 1)) == first
    assert resolve_span(span_of(doc, "he")) == first
    assert doc._.actor_links[span_of(doc, "Guaidó", 1).start].rule == "name"


def test_kuleba_possessive_title_carries_to_the_minister_and_unlabelled_surname():
    doc = linked_doc("Ukraine's foreign minister Dmytro Kuleba met reporters. Later Kuleba said the minister "
                     "would travel.", [("Dmytro Kuleba", "PERSON")])
    ukraine = Actor("Ukraine", "UKR", "GOV", "PERSON")
    assert resolve_span(span_of(doc, "Dmytro Kuleba")) == ukraine
    assert resolve_span(span_of(doc, "Kuleba", 1)) == ukraine  # no entity there: found by the surname
    assert resolve_span(span_of(doc, "the minister")) == ukraine


def test_ned_price_apposition():
    doc = linked_doc("Ned Price, a State Department spokesman, said talks continue. Price added nothing.",
                     [("Ned Price", "PERSON"), ("State Department", "ORG"), ("Price", "PERSON")])
    usa = Actor("United States", "USA", "GOV", "PERSON")
    assert resolve_span(span_of(doc, "Ned Price")) == usa
    assert resolve_span(span_of(doc, "Price", 1)) == usa


def test_the_president_and_he_refer_back_to_the_titled_person():
    doc = linked_doc("Russian President Vladimir Putin met Kazakh officials. The president said he was ready.",
                     [("Russian", "NORP"), ("Vladimir Putin", "PERSON"), ("Kazakh", "NORP")],
                     published="2021-03-01")
    putin = Actor("Russia", "RUS", "GOV", "PERSON")
    assert resolve_span(span_of(doc, "Vladimir Putin")) == putin
    assert resolve_span(span_of(doc, "The president")) == putin
    assert resolve_span(span_of(doc, "he")) == putin


def test_pronoun_takes_the_nearest_person_and_not_beyond_two_sentences():
    doc = linked_doc("Ukraine's foreign minister Dmytro Kuleba spoke. It rained. It rained. It rained. He left.",
                     [("Dmytro Kuleba", "PERSON")])
    assert resolve_span(span_of(doc, "He")) is None


def test_the_parliament_in_an_iraqi_story_is_iraq_legislature():
    doc = linked_doc("Iraq rejected the plan. Iraqi officials met in Baghdad. The Parliament voted to expel US troops.",
                     [("Iraq", "GPE"), ("Iraqi", "NORP"), ("Baghdad", "GPE"), ("US", "GPE")])
    parliament = resolve_span(span_of(doc, "The Parliament"))
    assert (parliament.code, parliament.sector) == ("IRQ", "LEG")
    assert doc._.actor_links[span_of(doc, "Parliament").start].rule == "focus"


def test_description_prefers_an_antecedent_over_the_focus_country():
    doc = linked_doc("Iraq and Israel talked. Israel's defence minister warned Iraq. The minister said he would act. "
                     "Iraq replied.", [("Iraq", "GPE"), ("Israel", "GPE"), ("Israel", "GPE"), ("Iraq", "GPE"),
                                       ("Iraq", "GPE")])
    israel = Actor("Israel", "ISR", "GOV", "PERSON")
    assert resolve_span(span_of(doc, "defence minister")) == israel
    assert resolve_span(span_of(doc, "The minister")) == israel
    assert resolve_span(span_of(doc, "he")) == israel


def test_the_bloc_is_the_last_igo():
    doc = linked_doc("Turkey asked the European Union for aid. The bloc refused.", [("Turkey", "GPE"),
                                                                                    ("European Union", "ORG")])
    assert resolve_span(span_of(doc, "The bloc")) == Actor("European Union", "IGO", None, "ORG")


def test_chad_as_first_name_is_not_the_country():
    doc = linked_doc("Chad Wolf, the acting Homeland Security secretary, visited Chad. Wolf left.",
                     [("Chad", "GPE"), ("Wolf", "PERSON"), ("Chad", "GPE")])
    person = resolve_span(span_of(doc, "Chad Wolf"))
    assert person is None or person.code != "TCD"
    assert resolve_span(doc.ents[0]) == person._replace(type="GPE")  # the ruler's "Chad" entity in the name
    assert resolve_span(span_of(doc, "Chad", 1)).code == "TCD"  # the country itself
    assert resolve_span(span_of(doc, "Wolf", 1)) == person


def test_sports_descriptor_is_no_state_actor():
    doc = linked_doc("Brazilian striker Neymar praised Lionel Messi.", [("Brazilian", "NORP"), ("Neymar", "PERSON"),
                                                                          ("Lionel Messi", "PERSON")])
    assert resolve_span(span_of(doc, "Neymar")) is None


def test_without_links_resolution_is_unchanged():
    doc = NLP("Kuleba met Price.")
    assert resolve_span(doc[0:1]) == Actor("Ukraine", "UKR", "GOV", "PERSON")
    assert resolve_span(doc[2:3]) is None


@pytest.mark.slow
def test_links_through_the_real_pipeline():
    from geoclaims.nlp import build_nlp

    nlp = build_nlp()
    assert nlp.pipe_names.index("geoclaims_actor_links") < nlp.pipe_names.index("geoclaims_actors")
    assert LINKS_FACTORY == "geoclaims_actor_links_v1"
    doc = nlp("Venezuelan opposition leader Juan Guaidó called for new protests on Monday. "
              "Guaidó said the government had failed. Ned Price, a State Department spokesman, said Washington "
              "backed him.")
    guaido = [resolve_span(e) for e in doc.ents if e.text == "Guaidó"]
    assert guaido and all(a is not None and (a.code, a.sector) == ("VEN", "OPP") for a in guaido)
    price = next(e for e in doc.ents if e.text.endswith("Price"))
    assert (resolve_span(price).code, resolve_span(price).sector) == ("USA", "GOV")

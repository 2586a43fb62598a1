"""Span resolution and the spaCy glue on hand-built Docs (spacy.blank, deps set by hand)."""
from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from geoclaims.actors.component import FACTORY, ActorComponent, add_actor_ruler, register_extensions
from geoclaims.actors.gazetteer import Actor
from geoclaims.actors.resolve import resolve_span

NLP = spacy.blank("en")


def make_doc(words, heads=None, deps=None, ents=None) -> Doc:
    """A Doc with words, optional heads (absolute indices) and deps, and ents as (start, end, label)."""
    kwargs = {"words": words}
    if heads is not None:
        kwargs.update(heads=heads, deps=deps)
    doc = Doc(NLP.vocab, **kwargs)
    if ents:
        doc.ents = [Span(doc, start, end, label=label) for start, end, label in ents]
    return doc


def test_possessor_gives_state_and_agency_gives_sector():
    # Russia 's Rosselkhoznadzor  (Rosselkhoznadzor <-poss- Russia <-case- 's)
    doc = make_doc(["Russia", "'s", "Rosselkhoznadzor"], heads=[2, 0, 2], deps=["poss", "case", "ROOT"])
    span = Span(doc, 0, 3, label="ORG")
    assert resolve_span(span) == Actor("Russia", "RUS", "GOV", "ORG")


def test_possessor_without_parse():
    doc = make_doc(["Kazakhstan", "\u2019s", "refusal"])
    assert resolve_span(doc[0:3]) == Actor("Kazakhstan", "KAZ", None, None)


def test_adjectival_modifier_without_sector():
    doc = make_doc(["Kazakh", "agricultural", "imports"], heads=[2, 2, 2], deps=["amod", "amod", "ROOT"])
    assert resolve_span(doc[0:3]) == Actor("Kazakhstan", "KAZ", None, None)


def test_modifier_with_agent_noun_sector():
    doc = make_doc(["the", "Russian", "government"], heads=[2, 2, 2], deps=["det", "amod", "ROOT"])
    assert resolve_span(doc[0:3]) == Actor("Russia", "RUS", "GOV", None)
    doc = make_doc(["Chinese", "troops"], heads=[1, 1], deps=["amod", "ROOT"])
    assert resolve_span(doc[0:2]) == Actor("China", "CHN", "MIL", None)
    doc = make_doc(["US", "exporters"], heads=[1, 1], deps=["compound", "ROOT"])
    assert resolve_span(doc[0:2]).code == "USA"
    assert resolve_span(doc[0:2]).sector == "BUS"


def test_title_and_name_inside_a_person_span():
    doc = make_doc(["Russian", "President", "Vladimir", "Putin"], heads=[1, 3, 3, 3],
                   deps=["amod", "compound", "compound", "ROOT"], ents=[(0, 4, "PERSON")])
    assert resolve_span(doc.ents[0]) == Actor("Russia", "RUS", "GOV", "PERSON")


def test_metonyms_and_igos():
    doc = make_doc(["the", "Kremlin", "and", "Brussels", "and", "BRICS", "and", "Washington"],
                   ents=[(0, 2, "ORG"), (3, 4, "GPE"), (5, 6, "GPE"), (7, 8, "GPE")])
    kremlin, brussels, brics, washington = (resolve_span(e) for e in doc.ents)
    assert kremlin == Actor("Russia", "RUS", "GOV", "ORG")
    assert brussels == Actor("European Union", "IGO", None, "GPE")
    assert brics == Actor("BRICS", "IGO", None, "GPE")
    assert washington.code == "USA"


def test_american_is_usa():
    doc = make_doc(["American", "farmers"], heads=[1, 1], deps=["amod", "ROOT"], ents=[(0, 1, "NORP")])
    assert resolve_span(doc.ents[0]).code == "USA"
    assert resolve_span(doc[0:2]) == Actor("United States", "USA", "AGR", None)


def test_unknown_span_is_none():
    doc = make_doc(["the", "agricultural", "sector"], heads=[2, 2, 2], deps=["det", "amod", "ROOT"])
    assert resolve_span(doc[0:3]) is None
    doc = make_doc(["us", "and", "them"])
    assert resolve_span(doc[0:3]) is None


def test_component_sets_doc_actors_and_span_actor():
    register_extensions()
    doc = make_doc(["Tokayev", "met", "Xi", "in", "Astana", "on", "Monday"],
                   ents=[(0, 1, "PERSON"), (2, 3, "PERSON"), (4, 5, "GPE"), (6, 7, "DATE")])
    doc = ActorComponent()(doc)
    assert [(span.text, actor.code) for span, actor in doc._.actors] == [("Tokayev", "KAZ"), ("Xi", "CHN"), ("Astana", "KAZ")]
    assert doc.ents[0]._.actor.sector == "GOV"
    assert doc.ents[3]._.actor is None


def test_ruler_on_blank_pipeline_tags_and_ids():
    nlp = spacy.blank("en")
    ruler = add_actor_ruler(nlp)
    assert add_actor_ruler(nlp) is ruler  # idempotent
    nlp.add_pipe(FACTORY)
    doc = nlp("Restrictions by Russia's Rosselkhoznadzor hit Kazakh exports, the Kremlin said; BRICS met.")
    found = {span.text: (span.label_, actor.code, actor.sector) for span, actor in doc._.actors}
    assert found["Rosselkhoznadzor"] == ("ORG", "RUS", "GOV")
    assert found["Kazakh"] == ("NORP", "KAZ", None)
    assert found["Kremlin"] == ("ORG", "RUS", "GOV")
    assert found["BRICS"] == ("ORG", "IGO", None)
    assert found["Russia"][1] == "RUS"
    assert doc.ents[1].ent_id_ == "rus:rosselkhoznadzor"

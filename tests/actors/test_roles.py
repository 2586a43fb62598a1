"""Not actors (can_be_actor), political actors and claims, parties as actors."""
from __future__ import annotations

import spacy
from spacy.tokens import Span

from geoclaims.actors.gazetteer import Actor, load_gazetteer
from geoclaims.actors.resolve import resolve_span
from geoclaims.actors.roles import can_be_actor, is_news_outlet, political, political_claim

NLP = spacy.blank("en")


def ent(text: str, surface: str, label: str) -> Span:
    """The first occurrence of ``surface`` in ``text`` as an entity span with ``label``."""
    start = text.index(surface)
    return NLP(text).char_span(start, start + len(surface), label=label)


def test_news_outlets_that_report_are_not_actors():
    assert not can_be_actor(ent("NPR said the talks failed.", "NPR", "ORG"))
    assert not can_be_actor(ent("The talks failed, according to CNN.", "CNN", "ORG"))
    assert not can_be_actor(ent("Biden told CNN that he would act.", "CNN", "ORG"))
    assert not can_be_actor(ent("Xinhua reported the visit.", "Xinhua", "ORG"))
    assert not can_be_actor(ent("CNN's report angered Beijing.", "CNN", "ORG"))
    assert can_be_actor(ent("China expelled the BBC correspondent.", "BBC", "ORG"))  # acted upon, not reporting
    assert is_news_outlet(ent("The BBC said so.", "BBC", "ORG"))


def test_venues_diseases_platforms_dates_amounts_are_not_actors():
    assert not can_be_actor(ent("Delegates met at Wembley Stadium.", "Wembley Stadium", "FAC"))
    assert not can_be_actor(ent("COVID-19 hit Iran.", "COVID-19", "ORG"))
    assert not can_be_actor(ent("Twitter suspended the account.", "Twitter", "ORG"))
    assert not can_be_actor(ent("On Monday Iran spoke.", "Monday", "DATE"))
    assert not can_be_actor(ent("It cost $5 billion.", "$5 billion", "MONEY"))
    assert not can_be_actor(ent("Boeing sold 737 jets.", "737", "PRODUCT"))
    assert can_be_actor(ent("Iran condemned Israel.", "Iran", "GPE"))


def test_political_actors_and_claims():
    russia, un = Actor("Russia", "RUS", "GOV", "GPE"), Actor("United Nations", "IGO", None, "ORG")
    firm, toyota = Actor("Kazakhstan", "KAZ", "BUS", None), Actor("Toyota", None, "BUS", "ORG")
    assert political(russia) and political(un) and political(Actor("Kazakhstan", "KAZ", None, None))
    assert not political(firm) and not political(toyota) and not political(None)
    assert political_claim(russia, None) and political_claim(toyota, un)
    assert not political_claim(firm, toyota)
    assert not political_claim(None, None)  # two sports people (no state actor) signing a contract


def test_democrats_are_the_us_party():
    doc = NLP("Democrats criticised the Republican plan.")
    doc.ents = [Span(doc, 0, 1, label="NORP"), Span(doc, 3, 4, label="NORP")]
    assert resolve_span(doc.ents[0]) == Actor("United States", "USA", "PTY", "NORP")
    assert resolve_span(doc.ents[1]).sector == "PTY"
    assert load_gazetteer().find("democrats") is None  # the common word does not count


def test_keep_unknown_drops_only_known_non_political_claims():
    toyota = Actor("Toyota", None, "BUS", "ORG")
    assert political_claim(None, None, keep_unknown=True)
    assert not political_claim(toyota, None, keep_unknown=True)
    assert political_claim(Actor("Iran", "IRN", None, "GPE"), toyota, keep_unknown=True)

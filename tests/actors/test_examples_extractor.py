"""The issue's actor examples through the whole extractor (spaCy, actors, the v0.2 event component and the
shipped relation model): the codes that claims carry, outlets that report, and passives."""
from __future__ import annotations

import pytest

from geoclaims.actors.examples import ARTICLES, mention_span
from geoclaims.records import Article

pytestmark = pytest.mark.slow

PASSIVE = "Egypt was condemned by Turkey on Monday. Protesters were arrested in Cairo."
OUTLETS = "NPR said Iran had threatened Israel. According to CNN, the senator criticised Russia."


@pytest.fixture(scope="module")
def extracted(relation_model_dir):
    from geoclaims.claims import ClaimExtractor

    extractor = ClaimExtractor(relation_model_dir, component="geoclaims.relations.v2")
    articles = [Article(id=f"example-{i}", text=text, published=published)
                for i, (text, published, _) in enumerate(ARTICLES)]
    articles += [Article(id="passive", text=PASSIVE, published="2020-01-01"),
                 Article(id="outlets", text=OUTLETS, published="2021-01-01")]
    found = extractor.extract(articles)
    return {a.id: (a, [c.to_dict() for c in claims]) for a, claims in zip(articles, found)}


def test_claim_actors_that_are_issue_examples_carry_the_stated_code_and_sector(extracted):
    from geoclaims.nlp import build_nlp

    nlp, checked, wrong = build_nlp(), set(), []
    for i, (text, _, expected) in enumerate(ARTICLES):
        article, claims = extracted[f"example-{i}"]
        doc = nlp.make_doc(text)
        for item in expected:
            span = mention_span(doc, item.surface, item.nth)
            for claim in claims:
                for part in ("subject", "object"):
                    mention = claim[part]
                    if mention and mention["start"] <= span.start_char and span.end_char <= mention["end"]:
                        checked.add((i, item.surface, item.nth))
                        if (mention["code"], mention["sector"]) != (item.code, item.sector):
                            wrong.append((mention["text"], (mention["code"], mention["sector"]), item))
    assert not wrong, wrong
    # the examples that the shipped model turns into claims (Guaidó, Kuleba, Price, Israel's defence
    # minister and "the minister", the Iraqi prime minister, Democrats, Putin twice, "the president", the EU)
    assert len(checked) >= 8, checked


def test_an_outlet_that_reports_is_never_a_subject(extracted):
    _, claims = extracted["outlets"]
    assert claims, "the sentence about Iran and Israel gives a claim"
    assert not [c for c in claims if c["subject"]["text"] in ("NPR", "CNN")]


def test_the_agent_of_a_passive_is_the_subject(extracted):
    _, claims = extracted["passive"]
    pairs = {(c["subject"]["code"], c["predicate"]["type"], (c["object"] or {}).get("code")) for c in claims}
    assert ("TUR", "DISAPPROVE", "EGY") in pairs and ("EGY", "DISAPPROVE", "TUR") not in pairs


def test_an_agentless_passive_gives_no_claim(extracted):
    _, claims = extracted["passive"]
    assert not [c for c in claims if c["subject"]["text"] == "Protesters"]

"""The issue's actor examples through the real pipeline, and the event-gold scorer on a hand-made record."""
from __future__ import annotations

import pytest
import spacy

from geoclaims.actors import examples, gold_eval
from geoclaims.actors.component import LINKS_FACTORY, register_extensions


def test_gold_actors_and_scoring_on_a_blank_pipeline():
    record = {"doc_id": "a1", "events": [{"sources": [{"span": [0, 6], "code": "RUS"}],
                                          "targets": [{"span": [16, 23], "code": "UKR"}]}]}
    gold = gold_eval.gold_actors([record])
    assert gold == {"a1": [("sources", (0, 6), "RUS"), ("targets", (16, 23), "UKR")]}
    register_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe(LINKS_FACTORY)
    docs = gold_eval.parse_articles(nlp, {"a1": {"text": "Russia attacked Ukraine.", "published": "2022-02-24"}})
    counts = gold_eval.score(docs, gold)
    assert counts["sources", "links", "right"] == 1 and counts["targets", "table", "total"] == 1
    assert gold_eval.political_cost(docs, [record]) == (1, 0)


def test_mention_span_finds_the_nth_occurrence():
    doc = spacy.blank("en")("Kuleba met Price. Kuleba left.")
    assert examples.mention_span(doc, "Kuleba", 1).start == 4
    assert examples.mention_span(doc, "Kuleba", 2) is None


@pytest.mark.slow
def test_issue_examples_resolve_through_the_pipeline():
    from geoclaims.nlp import build_nlp

    rows, codes, pairs = examples.score(build_nlp())
    wrong = [(item.surface, (item.code, item.sector), got) for _, item, got in rows
             if got != ((item.code, item.sector) if item.code else None)]
    print(f"codes {codes}/{len(rows)}, code+sector {pairs}/{len(rows)}")
    assert not wrong, wrong

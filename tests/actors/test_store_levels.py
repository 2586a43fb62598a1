"""store_levels: a store's claims re-coded at each resolution level, on a hand-built Doc."""
from __future__ import annotations

import spacy

from geoclaims.actors.component import register_extensions
from geoclaims.actors.gazetteer import Actor
from geoclaims.actors.store_levels import relevel, resolvers

register_extensions()


def doc_with_ents(text: str, ents: list[tuple[str, str]]):
    doc = spacy.blank("en")(text)
    doc.ents = [doc.char_span(text.index(s), text.index(s) + len(s), label=label) for s, label in ents]
    return doc


def test_relevel_recodes_spans_counts_changes_and_keeps_the_store_untouched():
    doc = doc_with_ents("Russia attacked the ministry.", [("Russia", "GPE")])
    claims = [{"article_id": "a", "subject": {"start": 0, "end": 6, "code": None},
               "object": {"start": 16, "end": 28, "code": "UKR"}},
              {"article_id": "a", "subject": {"start": 0, "end": 6, "code": "RUS"}, "object": None},
              {"article_id": "elsewhere", "subject": {"start": 0, "end": 1, "code": "X"}, "object": None}]

    def only_russia(span):
        return Actor("Russia", "RUS", None, "GPE") if span.text == "Russia" else None

    coded, changed = relevel(claims, {"a": doc}, only_russia)
    assert [(c["subject"]["code"], (c["object"] or {}).get("code")) for c in coded] == [("RUS", None), ("RUS", None)]
    assert changed == 2  # the first claim's subject (None -> RUS) and object (UKR -> None)
    assert claims[0]["subject"]["code"] is None  # copies, not the store's records


def test_the_table_level_resolves_a_country_without_roles_or_links():
    doc = doc_with_ents("Russia attacked Ukraine.", [("Russia", "GPE"), ("Ukraine", "GPE")])
    table = resolvers()["table"]
    assert table(doc[0:1]).code == "RUS" and table(doc[2:3]).code == "UKR"


def test_gold_span_accuracy_splits_matched_from_unmatched_mentions():
    from geoclaims.actors.store_levels import gold_span_accuracy

    doc = doc_with_ents("Russia attacked Ukraine.", [("Russia", "GPE"), ("Ukraine", "GPE")])
    records = [{"doc_id": "a", "sentence": (0, 24), "events": [{"sources": [((0, 6), "RUS")],
                                                                 "targets": [((16, 23), "POL")]}]}]
    claims = [{"article_id": "a", "claim_id": "1", "confidence": 0.5, "subject": {"start": 0, "end": 6, "code": "RUS"},
               "object": None, "evidence": {"start": 0, "end": 24}}]
    counts = gold_span_accuracy(claims, {"a": doc}, records)
    assert counts["sources", "matched"] == [1, 1] and counts["targets", "unmatched"] == [1, 0]
    assert counts["sources", "unmatched"] == [0, 0] and counts["targets", "matched"] == [0, 0]

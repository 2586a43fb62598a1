"""The claim extractor end to end on the bundled sample article (loads spaCy and the relation model)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoclaims.records import MODALITIES, PLOVER_TYPES, Article
from geoclaims.resources import shipped

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"
SHIPPED = shipped("models/relations")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sample_article() -> Article:
    raw = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    return Article(id=raw["id"], text=raw["text"], title=raw.get("title"), published=raw.get("published"))


@pytest.fixture(scope="module")
def extractor(relation_model_dir):
    from geoclaims.claims import ClaimExtractor

    return ClaimExtractor(relation_model_dir)


@pytest.fixture(scope="module")
def sample_claims(extractor, sample_article):
    return [c.to_dict() for c in extractor.extract([sample_article])[0]]


def test_claims_follow_the_contract(sample_claims, sample_article):
    text = sample_article.text
    assert sample_claims, "the sample article yields claims"
    for claim in sample_claims:
        assert claim["schema_version"] == 1 and claim["article_id"] == sample_article.id
        assert claim["predicate"]["type"] in PLOVER_TYPES
        assert claim["predicate"]["modality"] in MODALITIES
        assert isinstance(claim["predicate"]["negated"], bool)
        assert 0.0 <= claim["confidence"] <= 1.0
        for part in ("subject", "object", "evidence"):
            span = claim[part]
            if part == "object" and span is None:  # an event with no target
                continue
            assert text[span["start"]:span["end"]] == span["text"]
        assert claim["evidence"]["start"] <= claim["subject"]["start"] < claim["evidence"]["end"]
        assert claim["extractor"]["version"] and claim["extractor"]["model"]


def test_claim_ids_are_stable_and_unique(extractor, sample_article, sample_claims):
    again = [c.to_dict()["claim_id"] for c in extractor.extract([sample_article])[0]]
    assert again == [c["claim_id"] for c in sample_claims]
    assert len(set(again)) == len(again)


def test_batches_give_the_same_claims_as_single_articles(extractor, sample_article):
    other = Article(id="other", text="Japan imposed tariffs on American semiconductors. China criticised the move.")
    batch = extractor.extract([other, sample_article])
    assert [c.to_dict() for c in batch[1]] == [c.to_dict() for c in extractor.extract([sample_article])[0]]


@pytest.mark.skipif(not (SHIPPED / "model.json").is_file(), reason="the shipped relation model is not trained yet")
def test_sample_holds_the_two_headline_claims(sample_claims):
    def has(subject_code, kind, object_test):
        return any(c["subject"]["code"] == subject_code and c["predicate"]["type"] == kind
                   and c["object"] is not None and object_test(c["object"]) for c in sample_claims)

    assert has("RUS", "SANCTION", lambda o: "Kazakh" in o["text"] and o["code"] == "KAZ")
    assert has("KAZ", "REJECT", lambda o: o["name"] == "BRICS" and o["code"] == "IGO")


MOTIVE = shipped("models/motive")


@pytest.mark.skipif(not (SHIPPED / "model.json").is_file() or not (MOTIVE / "model.json").is_file(),
                    reason="the shipped relation and motive models are needed")
def test_sample_sanction_carries_the_brics_motive_and_the_refusal_is_a_plain_reject(sample_article):
    """Issue 4's acceptance case, through the whole extractor with both shipped models."""
    from geoclaims.claims import ClaimExtractor

    claims = [c.to_dict() for c in ClaimExtractor(SHIPPED, motive_dir=MOTIVE).extract([sample_article])[0]]
    text = sample_article.text
    triggers = text.index("One of the key triggers")
    sanction = next(c for c in claims if c["predicate"]["type"] == "SANCTION" and c["subject"]["code"] == "RUS"
                    and c["evidence"]["start"] <= triggers < c["evidence"]["end"])
    assert sanction["motive"]["text"] == "Kazakhstan’s refusal to join BRICS"
    assert text[sanction["motive"]["start"]:sanction["motive"]["end"]] == sanction["motive"]["text"]
    reject = next(c for c in claims if c["predicate"]["type"] == "REJECT" and (c["object"] or {}).get("name") == "BRICS")
    assert (reject["predicate"]["negated"], reject["predicate"]["modality"]) == (False, "asserted")
    for claim in claims:
        assert set(claim) >= {"motive", "attribution", "time"}
        for part in ("attribution", "time"):
            if claim[part] is not None:
                assert text[claim[part]["start"]:claim[part]["end"]] == claim[part]["text"]
    assert claims[0]["extractor"]["motive_model"].startswith("geoclaims-motive")

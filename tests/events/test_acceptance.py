"""Issue 10's sentences through the whole extractor (spaCy, actors, the v2 event component, the shipped
model, motive, qualifiers) as the shipped configuration builds it, on its int8 backends and on fp32: the
claims a careful reader expects."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoclaims.records import Article

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"

pytestmark = pytest.mark.slow

SENTENCES = {
    "meet": "France and Germany met in Berlin to discuss trade.",
    "talks": "China and India held border talks in Beijing, officials said.",
    "ceasefire": "Armenia and Azerbaijan agreed to a ceasefire on Tuesday.",
    "threat": "Iran threatened to close the Strait of Hormuz.",
    "relative": ("The restrictions on Kazakh agricultural imports, imposed by Rosselkhoznadzor, were clearly "
                 "intended to pressure Astana into reconsidering its diplomatic stance."),
}


@pytest.fixture(scope="module", params=["default", "fp32"])
def extractor(request):
    """What ``geoclaims extract`` runs with the shipped configuration (int8 on CPU since v0.4), and the
    same with the fp32 backends (``[relations] backend = "onnx"``, ``[motive] backend = "torch"``)."""
    from geoclaims.config import load_config
    from geoclaims.extract import build_processor
    from geoclaims.resources import shipped

    config = load_config(shipped("configs/extract.toml"))
    if request.param == "fp32":
        config["relations"]["backend"], config["motive"]["backend"] = "onnx", "torch"
    return build_processor(config, shipped("models/relations"))


@pytest.fixture(scope="module")
def claims_of(extractor):
    articles = [Article(id=key, text=text) for key, text in SENTENCES.items()]
    found = {a.id: [c.to_dict() for c in claims] for a, claims in zip(articles, extractor.extract(articles))}
    return found


def triples(claims):
    return {(c["subject"]["code"], c["predicate"]["type"], (c["object"] or {}).get("code")) for c in claims}


@pytest.mark.parametrize("key,a,b,type_", [("meet", "FRA", "DEU", "CONSULT"), ("talks", "CHN", "IND", "CONSULT"),
                                           ("ceasefire", "ARM", "AZE", "AGREE")])
def test_coordinated_sources_of_a_mutual_event_give_both_directions(claims_of, key, a, b, type_):
    assert {(a, type_, b), (b, type_, a)} <= triples(claims_of[key])


def test_an_event_with_one_actor_is_a_claim(claims_of):
    (claim,) = [c for c in claims_of["threat"] if c["predicate"]["type"] == "THREATEN"]
    assert claim["subject"]["code"] == "IRN" and "threatened" in claim["predicate"]["text"]


def test_the_agent_of_a_reduced_relative_sanctions_the_imports(claims_of):
    found = [c for c in claims_of["relative"] if c["predicate"]["type"] == "SANCTION"]
    assert any(c["subject"]["text"] == "Rosselkhoznadzor" and c["subject"]["code"] == "RUS"
               and (c["object"] or {}).get("code") == "KAZ" for c in found)


@pytest.fixture(scope="module")
def sample_claims(extractor):
    raw = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    article = Article(id=raw["id"], text=raw["text"], published=raw.get("published"))
    return article.text, [c.to_dict() for c in extractor.extract([article])[0]]


def claims_in(sample, words):
    text, claims = sample
    start = text.index(words)
    return [c for c in claims if c["evidence"]["start"] <= start < c["evidence"]["end"]]


def test_the_seed_article_gives_the_sanction_of_its_first_sentence(sample_claims):
    assert ("RUS", "SANCTION", "KAZ") in triples(claims_in(sample_claims, "Recent restrictions imposed by"))


@pytest.mark.xfail(strict=True, reason="known miss of geoclaims-relations 0.4.0 (and 0.3.0, 0.2.0): the no-target "
                   "candidate (Moscow, 'erect') is read as MOBILIZE, not SANCTION (its trigger holds no "
                   "'trade barriers'); the sentence's other claims do get the motive 'a bid to protect its domestic market'; "
                   "README, known limits")
def test_the_seed_article_gives_the_trade_barriers_moscow_was_forced_to_erect(sample_claims):
    barriers = claims_in(sample_claims, "forcing Moscow to erect trade barriers")
    sanction = [c for c in barriers if c["subject"]["code"] == "RUS" and c["predicate"]["type"] == "SANCTION"]
    assert sanction and "protect its domestic market" in (sanction[0]["motive"] or {}).get("text", "")


def test_the_seed_article_gives_the_sanction_of_its_reduced_relative_with_its_purpose(sample_claims):
    relative = claims_in(sample_claims, "imposed by Rosselkhoznadzor, were clearly intended")
    sanction = [c for c in relative if (c["subject"]["code"], c["predicate"]["type"], (c["object"] or {}).get("code"))
                == ("RUS", "SANCTION", "KAZ")]
    assert sanction and "pressure Astana" in (sanction[0]["motive"] or {}).get("text", "")


def test_the_reduced_relative_alone_gives_its_purpose_as_the_motive(claims_of):
    (sanction,) = [c for c in claims_of["relative"] if c["predicate"]["type"] == "SANCTION"]
    assert sanction["motive"]["text"] == "pressure Astana into reconsidering its diplomatic stance"


def test_the_seed_article_gives_the_sanction_of_the_key_triggers_with_the_brics_motive(sample_claims):
    triggers = claims_in(sample_claims, "One of the key triggers")
    sanction = [c for c in triggers if c["predicate"]["type"] == "SANCTION"]
    assert sanction and "refusal to join BRICS" in (sanction[0]["motive"] or {}).get("text", "")


def test_the_seed_article_gives_kazakhstans_rejection_of_brics(sample_claims):
    assert ("KAZ", "REJECT", "IGO") in triples(sample_claims[1])


def test_an_article_gets_the_same_claims_alone_and_batched_with_others(extractor):
    """int8 quantises activations per batch: each document is scored in its own batches (ml.component)."""
    raw = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    sample = Article(id=raw["id"], text=raw["text"], published=raw.get("published"))
    others = [Article(id=key, text=text) for key, text in SENTENCES.items()]
    alone = [c.to_dict() for c in extractor.extract([sample])[0]]
    batched = extractor.extract(others[:2] + [sample] + others[2:])
    assert [c.to_dict() for c in batched[2]] == alone and alone
    assert [[c.to_dict() for c in claims] for claims in batched[:2]] == \
        [[c.to_dict() for c in claims] for claims in extractor.extract(others[:2])]

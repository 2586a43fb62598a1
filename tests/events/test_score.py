"""``geoclaims evaluate claims``: the end-to-end scorer against a hand-computed case."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoclaims.events.score import claim_matches, read_gold, score_claims


def claim(article, subject, type_, obj, confidence, cid):
    return {"claim_id": cid, "article_id": article, "subject": {"code": subject}, "predicate": {"type": type_},
            "object": None if obj is False else {"code": obj}, "confidence": confidence}


GOLD = [{"id": "A", "event": "CONSULT", "source": ["FRA", "DEU"], "target": []},
        {"id": "A", "event": "SANCTION", "source": ["RUS"], "target": ["KAZ"]},
        {"id": "B", "event": "PROTEST", "source": [None], "target": []},
        {"id": "D", "event": None, "source": [], "target": []}]
CLAIMS = [claim("A", "FRA", "CONSULT", "DEU", 0.9, "1"), claim("A", "DEU", "CONSULT", "FRA", 0.8, "2"),
          claim("A", "RUS", "SANCTION", "UKR", 0.7, "3"), claim("C", "USA", "AID", "IRQ", 0.99, "4"),
          claim("D", "CHN", "AID", "IRQ", 0.5, "5")]


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    return path


def test_scores_match_the_hand_computed_case(gold_file: Path):
    result = score_claims(CLAIMS, read_gold(gold_file), resamples=0)
    # claims of gold articles (A, B, D): 4, of which 2 match (both CONSULT directions); gold: 3, 1 found
    assert result["event"]["precision"] == pytest.approx(2 / 4)
    assert result["event"]["recall"] == pytest.approx(1 / 3)
    assert result["event"]["f1"] == pytest.approx(0.4)
    # types: A {CONSULT, SANCTION} vs {CONSULT, SANCTION}; B {} vs {PROTEST}; D {AID} vs {}
    assert result["type"]["precision"] == pytest.approx(2 / 3) and result["type"]["recall"] == pytest.approx(2 / 3)
    assert result["type"]["f1"] == pytest.approx(2 / 3)
    # top-1: A's most confident claim is CONSULT (right); B has no claim (wrong); D has no event (not
    # counted); C is not in the gold
    assert result["top1_accuracy"] == 0.5
    assert result["per_type"]["SANCTION"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "gold": 1, "claims": 1}
    assert result["counts"]["articles"] == 3 and result["counts"]["articles_with_events"] == 2


def test_an_event_without_target_matches_any_object_and_null_codes_match():
    gold = {"event": "PROTEST", "source": [None], "target": []}
    assert claim_matches(claim("B", None, "PROTEST", False, 0.5, "x"), gold)
    assert claim_matches(claim("B", None, "PROTEST", "FRA", 0.5, "x"), gold)
    assert not claim_matches(claim("B", "FRA", "PROTEST", False, 0.5, "x"), gold)


def test_bootstrap_interval_contains_the_point_estimate(gold_file: Path):
    result = score_claims(CLAIMS, read_gold(gold_file), resamples=200)
    low, high = result["ci95"]["event_f1"]
    assert low <= result["event"]["f1"] <= high

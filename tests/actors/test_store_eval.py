"""``geoclaims evaluate actors``: actor codes with the pipeline's spans against a hand-computed case."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoclaims.actors.store_eval import code_shares, read_event_gold, score_actors
from geoclaims.errors import GeoclaimsError

# Article A: "Russia's army shelled Kharkiv. Kyiv condemned Moscow." (offsets only matter)
RECORDS = [
    {"doc_id": "A", "sentence": [0, 30], "skip": False,
     "events": [{"sources": [{"span": [0, 13], "code": "RUS"}], "targets": [{"span": [22, 29], "code": "UKR"}]}]},
    {"doc_id": "A", "sentence": [31, 53], "skip": False,
     "events": [{"sources": [{"span": [31, 35], "code": "UKR"}], "targets": [{"span": [46, 52], "code": "RUS"}]}]},
    {"doc_id": "A", "sentence": [54, 90], "skip": True,
     "events": [{"sources": [{"span": [54, 60], "code": "USA"}], "targets": []}]},
    {"doc_id": "B", "sentence": [0, 40], "skip": False,
     "events": [{"sources": [{"span": [0, 10], "code": None}], "targets": []}]},
]


def mention(start, end, code):
    return {"start": start, "end": end, "code": code}


def claim(cid, article, subject, obj, evidence, confidence=0.5):
    return {"claim_id": cid, "article_id": article, "subject": subject, "object": obj,
            "evidence": {"start": evidence[0], "end": evidence[1]}, "confidence": confidence}


CLAIMS = [
    # sentence 1: subject "Russia" (inside the gold "Russia's army") right; object "Kharkiv" coded RUS: wrong
    claim("1", "A", mention(0, 6, "RUS"), mention(22, 29, "RUS"), (0, 30)),
    # sentence 2: subject "Kyiv" right (higher confidence than claim 3, same overlap), object null
    claim("2", "A", mention(31, 35, "UKR"), None, (31, 53), confidence=0.9),
    claim("3", "A", mention(31, 35, "RUS"), None, (31, 53), confidence=0.1),
    # overlaps gold target "Moscow" but its evidence is another sentence: not a match
    claim("4", "A", mention(60, 66, "USA"), mention(46, 52, "RUS"), (54, 90)),
    # article B: a gold null source against a null subject is right
    claim("5", "B", mention(0, 10, None), mention(20, 25, "FRA"), (0, 40)),
    # an article not in the gold: counted in the code shares only
    claim("6", "C", mention(0, 5, "CHN"), mention(10, 15, "IND"), (0, 20)),
]


def written(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


@pytest.fixture()
def gold_file(tmp_path: Path) -> Path:
    return written(tmp_path / "wikinews-test.jsonl", RECORDS)


def test_scores_match_the_hand_computed_case(gold_file: Path):
    result = score_actors(CLAIMS, read_event_gold(gold_file), resamples=0)
    sources, targets = result["sources"], result["targets"]
    # sources: Russia's army (right), Kyiv (right: claim 2 beats claim 3), B's null (right); skip record left out
    assert (sources["gold"], sources["matched"], sources["right"]) == (3, 3, 3)
    assert (sources["gold_coded"], sources["matched_coded"], sources["right_coded"]) == (2, 2, 2)
    # targets: Kharkiv matched but wrong; Moscow unmatched (claim 4's evidence is another sentence)
    assert (targets["gold"], targets["matched"], targets["right"]) == (2, 1, 0)
    assert targets["share_matched"] == pytest.approx(0.5) and targets["accuracy"] == 0.0
    assert sources["right_of_gold"] == 1.0 and targets["right_of_gold"] == 0.0
    assert result["articles"] == 2 and result["ci95"] == {}


def test_code_shares_count_null_objects_apart():
    assert code_shares(CLAIMS) == {"claims": 6, "with_object": 4, "both_codes": 3, "null_object": 2,
                                   "null_object_subject_coded": 2}


def test_bootstrap_interval_contains_the_point_estimate(gold_file: Path):
    result = score_actors(CLAIMS, read_event_gold(gold_file), resamples=200)
    low, high = result["ci95"]["targets"]["share_matched"]
    assert low <= result["targets"]["share_matched"] <= high
    low, high = result["ci95"]["codes"]["both_codes"]
    assert low <= 3 / 4 <= high


def test_missing_and_malformed_gold_are_catalogue_errors(tmp_path: Path):
    with pytest.raises(GeoclaimsError) as missing:
        read_event_gold(tmp_path / "absent.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc_id": "A"}\n')
    with pytest.raises(GeoclaimsError) as malformed:
        read_event_gold(bad)
    assert (missing.value.code, malformed.value.code) == ("GC201", "GC208")


class OneClaimProcessor:
    """Gives article A's first hand-built claim (the one of sentence 1), as a contract record."""

    def identity(self) -> dict:
        return {"version": "test", "model": "scripted 1"}

    def extract(self, articles) -> list:
        out = []
        for article in articles:
            def span(start, end, code, text=article.text):
                return {"text": text[start:end], "name": None, "code": code, "sector": None, "type": None,
                        "start": start, "end": end}
            out.append([{"schema_version": 1, "claim_id": "c1", "article_id": article.id,
                         "subject": span(0, 6, "RUS"),
                         "predicate": {"type": "ASSAULT", "lemma": "shell", "text": "shelled", "negated": False,
                                       "modality": "asserted", "start": 14, "end": 21},
                         "object": span(22, 29, "UKR"), "motive": None, "attribution": None, "confidence": 0.9,
                         "evidence": {"text": article.text[:30], "start": 0, "end": 30},
                         "extractor": {"version": "test", "model": "scripted 1"}, "time": None}])
        return out


def test_the_command_scores_a_store_and_writes_metrics(tmp_path: Path, gold_file: Path, capsys):
    from geoclaims.cli import main
    from geoclaims.config import defaults
    from geoclaims.extract import run_extract

    text = "Russia's army shelled Kharkiv. Kyiv condemned Moscow. The White House said nothing new."
    articles = tmp_path / "in.jsonl"
    articles.write_text(json.dumps({"id": "A", "text": text}) + "\n")
    config = defaults()
    config["language"]["short_text_chars"] = 10_000  # keep the short English text
    run_extract([articles], tmp_path / "store", OneClaimProcessor(), config)
    assert main(["evaluate", "actors", str(tmp_path / "store"), "--gold", str(gold_file),
                 "--out", str(tmp_path / "m")]) == 0
    metrics = json.loads((tmp_path / "m" / "metrics.json").read_text())
    assert (metrics["sources"]["matched"], metrics["sources"]["right"]) == (1, 1)
    assert (metrics["targets"]["matched"], metrics["targets"]["right"]) == (1, 1)
    assert "sources  (subject spans): matched 1/3" in capsys.readouterr().out


def test_the_command_needs_a_store_and_gold(tmp_path: Path, gold_file: Path, capsys):
    from geoclaims.cli import main

    assert main(["evaluate", "actors", str(tmp_path)]) != 0
    assert "GC203" in capsys.readouterr().err
    assert main(["evaluate", "actors", str(tmp_path), "--gold", str(gold_file)]) != 0
    assert "GC207" in capsys.readouterr().err

"""End-to-end threshold tuning on hand-built claims: the threshold of each type is the one that
maximises the event micro-F1 of the claims it keeps."""
import json

from geoclaims.events.tune import fit_claim_thresholds, kept_claims, write_thresholds


def claim(article, type_, subject, obj, confidence):
    return {"article_id": article, "claim_id": f"{article}-{type_}-{confidence}", "confidence": confidence,
            "predicate": {"type": type_}, "subject": {"code": subject},
            "object": None if obj is None else {"code": obj}}


GOLD = {
    "a": [{"event": "SANCTION", "source": ["RUS"], "target": ["KAZ"]}] * 1,
    "b": [{"event": "SANCTION", "source": ["USA"], "target": ["IRN"]}],
    "c": [],
}
for i in range(4):
    GOLD[f"s{i}"] = [{"event": "SANCTION", "source": ["FRA"], "target": ["DEU"]}]


def test_the_threshold_keeps_the_right_low_confidence_claims_and_drops_the_wrong_ones():
    claims = [claim("a", "SANCTION", "RUS", "KAZ", 0.42), claim("b", "SANCTION", "USA", "IRN", 0.61),
              claim("c", "SANCTION", "CHN", "JPN", 0.30)]
    claims += [claim(f"s{i}", "SANCTION", "FRA", "DEU", 0.9) for i in range(4)]
    thresholds = fit_claim_thresholds(claims, GOLD, default=0.5, min_events=5)
    assert 0.30 < thresholds["SANCTION"] <= 0.42
    assert [c["article_id"] for c in kept_claims(claims[:3], thresholds, 0.5)] == ["a", "b"]


def test_a_type_with_too_few_dev_events_keeps_the_global_threshold():
    claims = [claim("a", "SANCTION", "RUS", "KAZ", 0.42)]
    assert fit_claim_thresholds(claims, {"a": GOLD["a"]}, default=0.5, min_events=5) == {}


def test_ties_go_to_the_value_nearest_the_global_threshold():
    claims = [claim(f"s{i}", "SANCTION", "FRA", "DEU", 0.9) for i in range(4)]
    gold = {**{f"s{i}": GOLD[f"s{i}"] for i in range(4)}, "b": GOLD["b"]}
    assert fit_claim_thresholds(claims, gold, default=0.5, min_events=5) == {"SANCTION": 0.5}


def test_written_thresholds_keep_the_rest_of_the_calibration(tmp_path):
    (tmp_path / "calibration.json").write_text(json.dumps({"temperature": 1.2, "threshold": 0.46}))
    write_thresholds(tmp_path, {"SANCTION": 0.4}, ["dev.jsonl"])
    saved = json.loads((tmp_path / "calibration.json").read_text())
    assert saved == {"temperature": 1.2, "threshold": 0.46, "type_thresholds": {"SANCTION": 0.4},
                     "type_thresholds_fitted_on": ["dev.jsonl"]}


def test_dev_articles_are_read_by_the_project_reader_and_a_bad_line_stops_the_tuning(tmp_path):
    import pytest

    from geoclaims.errors import GeoclaimsError
    from geoclaims.events.tune import read_articles

    good = tmp_path / "dev.jsonl"
    good.write_text(json.dumps({"id": "a", "text": "France and Germany met in Berlin.", "published": "2011-05-01"}) + "\n")
    (article,) = read_articles(good)
    assert (article.id, article.published) == ("a", "2011-05-01")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(good.read_text() + "{not json\n")
    with pytest.raises(GeoclaimsError):
        read_articles(bad)


def test_int8_thresholds_are_stored_beside_the_fp32_ones_and_read_for_that_backend(tmp_path):
    from geoclaims.events.component import type_thresholds

    (tmp_path / "calibration.json").write_text(json.dumps({"temperature": 1.2, "threshold": 0.46,
                                                           "type_thresholds": {"SANCTION": 0.6}}))
    write_thresholds(tmp_path, {"SANCTION": 0.45}, ["dev.jsonl"], backend="onnx-int8")
    saved = json.loads((tmp_path / "calibration.json").read_text())
    assert saved["type_thresholds"] == {"SANCTION": 0.6}  # the fp32 backends' ones are untouched
    assert saved["type_thresholds_by_backend"] == {"onnx-int8": {"SANCTION": 0.45}}
    assert saved["type_thresholds_by_backend_fitted_on"] == {"onnx-int8": ["dev.jsonl"]}
    assert type_thresholds(tmp_path, "onnx-int8") == {"SANCTION": 0.45}
    assert type_thresholds(tmp_path, "onnx") == type_thresholds(tmp_path, "torch") == {"SANCTION": 0.6}
    write_thresholds(tmp_path, {"SANCTION": 0.55}, ["dev.jsonl"], backend="onnx")  # onnx fp32 = torch's
    assert type_thresholds(tmp_path, "torch") == {"SANCTION": 0.55}
    assert type_thresholds(tmp_path, "onnx-int8") == {"SANCTION": 0.45}


def test_a_quantised_backend_moves_each_threshold_at_most_one_step_from_the_fp32_one():
    claims = [claim("a", "SANCTION", "RUS", "KAZ", 0.42), claim("b", "SANCTION", "USA", "IRN", 0.61),
              claim("c", "SANCTION", "CHN", "JPN", 0.30)]
    claims += [claim(f"s{i}", "SANCTION", "FRA", "DEU", 0.9) for i in range(4)]
    free = fit_claim_thresholds(claims, GOLD, default=0.5, min_events=5)
    assert 0.30 < free["SANCTION"] <= 0.42  # what a free fit takes (first test)
    near = fit_claim_thresholds(claims, GOLD, default=0.5, min_events=5, max_shift=0.05, around={"SANCTION": 0.65})
    assert near == {"SANCTION": 0.6}  # one step down from 0.65 keeps b (0.61); a (0.42) stays out of reach

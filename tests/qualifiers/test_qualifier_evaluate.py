"""The qualifier gold reader and evaluator on inline records (no corpus files needed)."""
from __future__ import annotations

import json

import pytest

from geoclaims.corpora.qualifier_gold import QualifierItem, join_qualifier_record, join_records, iter_qualifier_records
from geoclaims.corpora.standoff import StandoffError, text_sha1
from geoclaims.qualifiers.evaluate import Prediction, format_summary, predict_items, score_qualifiers, write_reports

TEXT = "MOSCOW.\n\nRussia will restrict imports of Kazakh wheat on Tuesday, Kremlin spokesman Dmitry Peskov said."
S0 = TEXT.index("Russia")
SENTENCE = [S0, len(TEXT)]
RELATION = {"id": "p00015", "corpus": "reuters21578", "doc_id": "reuters-1", "group": None, "sentence": SENTENCE,
            "sha1": text_sha1(TEXT[S0:]), "subject": [S0, S0 + 6], "object": [TEXT.index("Kazakh"), TEXT.index(" wheat")],
            "predicate": [TEXT.index("restrict"), TEXT.index(" imports")], "label": "SANCTION"}


def record(**changes) -> dict:
    base = {"pair": "p00015", "corpus": "reuters21578", "doc_id": "reuters-1", "sha1": text_sha1(TEXT[S0:]),
            "negated": False, "modality": "future", "attribution": [TEXT.index("Kremlin"), TEXT.index(" said")],
            "attribution_code": None, "time": [TEXT.index("on Tuesday"), TEXT.index(", Kremlin")],
            "time_value": "1987-03-03", "motive": None, "annotator": "q1"}
    return {**base, **changes}


def item(**changes) -> QualifierItem:
    return join_qualifier_record(record(**changes), RELATION, TEXT, "1987-03-02T10:00:00")


def test_join_checks_hash_and_ids(tmp_path):
    joined = item()
    assert joined.relation["label"] == "SANCTION" and joined.published.startswith("1987")
    with pytest.raises(StandoffError):
        item(sha1="000000000000")
    with pytest.raises(StandoffError):
        item(doc_id="reuters-2")
    with pytest.raises(StandoffError):
        join_records([record(pair="p99999")], {"p00015": RELATION}, lambda c, d: TEXT, lambda c, d: None)
    path = tmp_path / "q.jsonl"
    path.write_text(json.dumps(record()) + "\n" + json.dumps({"pair": "x"}) + "\n")
    with pytest.raises(StandoffError):
        list(iter_qualifier_records(path))


def test_scores_per_field(tmp_path):
    items = [item(), item(negated=True, modality="reported", attribution=None, time=None, time_value=None)]
    gold = items[0].record
    predictions = [
        Prediction("p00015", False, "future", tuple(gold["attribution"]), None, tuple(gold["time"]), "1987-03-03"),
        Prediction("p00015", False, "asserted", (S0, S0 + 6), "RUS", None, None),
    ]
    metrics = score_qualifiers(items, predictions)
    assert metrics["negated"]["accuracy"] == 0.5 and metrics["negated"]["true"]["recall"] == 0.0
    assert metrics["modality"]["accuracy"] == 0.5
    assert metrics["modality"]["per_class"]["future"]["f1"] == 1.0
    assert metrics["modality"]["confusion"][1][0] == 1  # gold reported, predicted asserted
    assert metrics["attribution"]["exact_accuracy"] == 0.5 and metrics["attribution"]["code_accuracy"] == 0.5
    assert metrics["time"]["overlap_accuracy"] == 1.0 and metrics["time"]["value_accuracy"] == 1.0
    assert "modality" in format_summary(metrics)
    write_reports(tmp_path, metrics, items, predictions)
    assert len((tmp_path / "predictions.jsonl").read_text().splitlines()) == 2


@pytest.mark.slow
def test_predict_items_with_the_real_pipeline():
    from geoclaims.nlp import build_nlp

    predictions = predict_items([item()], build_nlp(relations=False))
    metrics = score_qualifiers([item()], predictions)
    assert predictions[0].modality == "future" and predictions[0].negated is False
    assert metrics["attribution"]["overlap_accuracy"] == 1.0
    assert predictions[0].time_value == "1987-03-03"


def test_the_extractor_and_the_evaluation_call_the_one_qualify():
    """claims.py and the evaluation both go through ``qualify``: what is scored is what is extracted."""
    import inspect

    from geoclaims import claims
    from geoclaims.qualifiers import evaluate

    for module in (claims, evaluate):
        source = inspect.getsource(module)
        assert "qualify(" in source
        assert not any(name in source for name in ("predicate_qualifiers_v2(", "claim_attribution(", "event_time("))

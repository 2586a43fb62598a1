"""The motive component on the real pipeline and the shipped models (slow: loads spaCy and two models)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoclaims.resources import shipped

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"
MOTIVE_MODEL = shipped("models/motive")


def test_claim_span_motive_defaults_to_none():
    from geoclaims.ml.component import ClaimSpan

    assert ClaimSpan(None, "SANCTION", 0.5).motive is None


@pytest.mark.slow
@pytest.mark.skipif(not (MOTIVE_MODEL / "model.json").is_file(), reason="models/motive is not trained")
def test_sample_sanction_claim_gets_the_brics_motive(relation_model_dir):
    import geoclaims.motive.component  # noqa: F401 - registers geoclaims_motive_v1
    from geoclaims.nlp import build_nlp

    nlp = build_nlp(relations=True, model_dir=relation_model_dir)
    nlp.add_pipe("geoclaims_motive_v1", config={"model_dir": str(MOTIVE_MODEL)}, after="geoclaims_relations")
    text = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])["text"]
    doc = nlp(text)
    sanctions = [c for c in doc._.claims if c.type == "SANCTION" and "Russia" in c.candidate.subject.text
                 and "BRICS" in c.candidate.sentence.text]
    assert sanctions, "the relation model no longer finds the Russia SANCTION claim"
    motive = sanctions[0].motive
    assert motive is not None and motive.text == "Kazakhstan’s refusal to join BRICS"
    # the REJECT claim (Kazakhstan's refusal) is the cause, not something the cause explains
    rejects = [c for c in doc._.claims if c.type == "REJECT" and "BRICS" in c.candidate.object.text]
    assert all(c.motive is None or "refusal" not in c.motive.text for c in rejects)


def test_motive_model_runs_fp32_on_cpu_and_autocasts_only_when_asked():
    import torch

    from geoclaims.motive.model import MotiveModel

    plain = MotiveModel.from_base(device="cpu")
    assert plain.autocast_dtype is None and plain.device.type == "cpu"
    mixed = MotiveModel(plain.net, device="cpu", mixed_precision=True)
    assert mixed.autocast_dtype == torch.bfloat16
    assert len(mixed.predict(["Police fired tear gas because protesters blocked the road."])) == 1

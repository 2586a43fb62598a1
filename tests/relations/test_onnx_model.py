"""The ONNX fast path and the device plumbing: backend choice, export/quantise/cache, autocast, agreement."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from geoclaims.errors import GeoclaimsError
from geoclaims.relations.model import autocast_dtype
from geoclaims.relations.onnx_export import cached_build, export_onnx, quantize_int8
from geoclaims.relations.onnx_model import padded_batch, providers_for, resolve_backend


@pytest.mark.parametrize("backend,device,expected", [
    ("auto", "cpu", "onnx"), ("auto", "cuda", "torch"), ("torch", "cuda", "torch"),
    ("onnx-int8", "cpu", "onnx-int8"), ("onnx", "cuda", "onnx")])
def test_resolve_backend(backend, device, expected):
    assert resolve_backend(backend, device) == expected


@pytest.mark.parametrize("backend,device", [("onnx-int8", "cuda"), ("tensorrt", "cpu"), ("auto", "tpu")])
def test_resolve_backend_refuses_what_cannot_run(backend, device):
    with pytest.raises(GeoclaimsError, match="GC218"):
        resolve_backend(backend, device)


def test_cuda_provider_missing_is_gc219():
    import onnxruntime

    if "CUDAExecutionProvider" in onnxruntime.get_available_providers():
        assert providers_for("cuda")[0] == "CUDAExecutionProvider"
    else:
        with pytest.raises(GeoclaimsError, match="GC219"):
            providers_for("cuda")
    assert providers_for("cpu") == ["CPUExecutionProvider"]


def test_autocast_dtype_is_bf16_on_cpu():
    assert autocast_dtype(torch.device("cpu")) is torch.bfloat16


def test_padded_batch_pads_to_the_longest_row():
    batch = padded_batch([{"input_ids": [101, 7, 102], "subj_index": 1, "obj_index": 1},
                          {"input_ids": [101, 102], "subj_index": 0, "obj_index": 1}])
    assert batch["input_ids"].tolist() == [[101, 7, 102], [101, 102, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 1, 0]]
    assert batch["obj_index"].dtype == np.int64


class PairHead(nn.Module):
    """A small stand-in with RelationNet's signature: embeddings, one layer, marker-state classifier."""

    def __init__(self):
        super().__init__()
        torch.manual_seed(0)
        self.embed, self.mix, self.out = nn.Embedding(50, 16), nn.Linear(16, 16), nn.Linear(32, 3)

    def forward(self, input_ids, attention_mask, subj_index, obj_index):
        hidden = torch.tanh(self.mix(self.embed(input_ids))) * attention_mask.unsqueeze(-1)
        rows = torch.arange(hidden.shape[0])
        return self.out(torch.cat([hidden[rows, subj_index], hidden[rows, obj_index]], dim=-1))


def test_export_quantise_and_cache_agree_with_torch(tmp_path: Path):
    import onnxruntime

    module = PairHead()
    example = {"input_ids": torch.randint(1, 50, (2, 6)), "attention_mask": torch.ones((2, 6), dtype=torch.long),
               "subj_index": torch.tensor([1, 2]), "obj_index": torch.tensor([3, 4])}
    builds = []

    def build(folder: Path) -> None:
        builds.append(folder)
        export_onnx(module, example, folder / "fp32.onnx")
        quantize_int8(folder / "fp32.onnx", folder / "int8.onnx")

    folder = cached_build(tmp_path / "cache" / "pair-head", build)
    assert cached_build(tmp_path / "cache" / "pair-head", build) == folder and len(builds) == 1
    assert not any(p.name.startswith(".") for p in (tmp_path / "cache").iterdir())
    wider = {"input_ids": torch.randint(1, 50, (3, 9)), "attention_mask": torch.ones((3, 9), dtype=torch.long),
             "subj_index": torch.tensor([0, 4, 8]), "obj_index": torch.tensor([2, 3, 1])}
    with torch.no_grad():
        expected = module(**wider).numpy()
    feeds = {k: v.numpy() for k, v in wider.items()}
    for name, tolerance in (("fp32.onnx", 1e-5), ("int8.onnx", 0.1)):
        session = onnxruntime.InferenceSession(str(folder / name), providers=["CPUExecutionProvider"])
        (got,) = session.run(["logits"], feeds)
        assert got.shape == expected.shape and np.abs(got - expected).max() < tolerance


@pytest.mark.slow
def test_onnx_backends_match_torch_on_gold_pairs(relation_model_dir: Path, tmp_path: Path):
    from geoclaims.relations.datasets import load_examples, parse_data_arg
    from geoclaims.relations.model import RelationModel
    from geoclaims.relations.onnx_model import OnnxRelationModel

    try:
        examples = load_examples([parse_data_arg("geoclaims.datasets.gold.v1:test")])[:64]
    except GeoclaimsError:
        pytest.skip("gold annotations not available")
    reference = RelationModel.load(relation_model_dir, device="cpu").predict_proba(examples)
    fp32 = OnnxRelationModel.load(relation_model_dir, int8=False, cache_dir=tmp_path).predict_proba(examples)
    int8 = OnnxRelationModel.load(relation_model_dir, int8=True, cache_dir=tmp_path).predict_proba(examples)
    assert np.abs(fp32 - reference).max() < 1e-4
    assert (int8.argmax(1) == reference.argmax(1)).mean() >= 0.9
    bf16 = RelationModel.load(relation_model_dir, device="cpu", mixed_precision=True)
    assert bf16.autocast_dtype is torch.bfloat16
    assert (bf16.predict_proba(examples).argmax(1) == reference.argmax(1)).mean() >= 0.9

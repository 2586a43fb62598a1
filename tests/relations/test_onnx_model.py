"""The ONNX fast path and the device plumbing: backend choice, export/quantise/cache, autocast, agreement."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch
from torch import nn

from geoclaims.errors import GeoclaimsError
from geoclaims.ml.checkpoint import autocast_dtype
from geoclaims.ml.onnx_export import cached_build, export_onnx, quantize_int8
from geoclaims.ml.onnx_backends import providers_for, resolve_backend
from geoclaims.relations.onnx_model import padded_batch


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


def linear_int8_error_bound(x: torch.Tensor, x_error: float, layer: nn.Linear) -> float:
    """Worst-case |int8 - fp32| of ``layer(x)`` under ONNX Runtime's dynamic quantisation.

    Activations: uint8 over [min(0, x), max(0, x)], so rounding moves each input by at most half a step
    (plus the error ``x`` already carries). Weights: int8, symmetric, one scale per output channel
    (max |w| / 127), so each weight moves by at most half its row's step. Then for every output
    |(W + dW)(x + dx) - Wx| <= |W| |dx| + |dW| (|x| + |dx|).
    """
    step = (max(float(x.max()), 0.0) - min(float(x.min()), 0.0)) / 255
    dx = x_error + step / 2 * 1.01  # 1% for the zero point's own rounding
    weight = layer.weight.detach()
    dw = weight.abs().amax(dim=1) / 127 / 2
    magnitude = x.detach().abs().reshape(-1, x.shape[-1]).max(dim=0).values
    bound = weight.abs().sum(dim=1) * dx + dw * (magnitude.sum() + dx * x.shape[-1])
    return float(bound.max())


def pair_head_int8_bound(module: "PairHead", batch: dict) -> float:
    """The error bound of PairHead's two quantised layers; tanh and the mask are 1-Lipschitz."""
    with torch.no_grad():
        embedded = module.embed(batch["input_ids"])
        mixed_error = linear_int8_error_bound(embedded, 0.0, module.mix)
        hidden = torch.tanh(module.mix(embedded)) * batch["attention_mask"].unsqueeze(-1)
        rows = torch.arange(hidden.shape[0])
        pair = torch.cat([hidden[rows, batch["subj_index"]], hidden[rows, batch["obj_index"]]], dim=-1)
        return linear_int8_error_bound(pair, mixed_error, module.out)


def test_int8_error_bound_holds_for_a_rounded_linear_layer():
    layer, generator = nn.Linear(8, 3), torch.Generator().manual_seed(3)
    x = torch.randn(5, 8, generator=generator)
    step = (float(x.max()) - min(float(x.min()), 0.0)) / 255
    x_rounded = torch.round(x / step) * step
    w_step = layer.weight.detach().abs().amax(dim=1, keepdim=True) / 127
    rounded = nn.Linear(8, 3)
    with torch.no_grad():
        rounded.weight.copy_(torch.round(layer.weight / w_step) * w_step)
        rounded.bias.copy_(layer.bias)
        error = float((rounded(x_rounded) - layer(x)).abs().max())
    assert 0 < error <= linear_int8_error_bound(x, 0.0, layer)


def test_export_quantise_and_cache_agree_with_torch(tmp_path: Path):
    import onnxruntime

    module = PairHead()
    generator = torch.Generator().manual_seed(11)
    example = {"input_ids": torch.randint(1, 50, (2, 6), generator=generator),
               "attention_mask": torch.ones((2, 6), dtype=torch.long),
               "subj_index": torch.tensor([1, 2]), "obj_index": torch.tensor([3, 4])}
    builds = []

    def build(folder: Path) -> None:
        builds.append(folder)
        export_onnx(module, example, folder / "fp32.onnx")
        quantize_int8(folder / "fp32.onnx", folder / "int8.onnx")

    folder = cached_build(tmp_path / "cache" / "pair-head", build)
    assert cached_build(tmp_path / "cache" / "pair-head", build) == folder and len(builds) == 1
    assert not any(p.name.startswith(".") for p in (tmp_path / "cache").iterdir())
    wider = {"input_ids": torch.randint(1, 50, (3, 9), generator=generator),
             "attention_mask": torch.ones((3, 9), dtype=torch.long),
             "subj_index": torch.tensor([0, 4, 8]), "obj_index": torch.tensor([2, 3, 1])}
    with torch.no_grad():
        expected = module(**wider).numpy()
    feeds = {k: v.numpy() for k, v in wider.items()}
    int8_bound = pair_head_int8_bound(module, wider)
    for name, tolerance in (("fp32.onnx", 1e-5), ("int8.onnx", int8_bound)):
        session = onnxruntime.InferenceSession(str(folder / name), providers=["CPUExecutionProvider"])
        (got,) = session.run(["logits"], feeds)
        assert got.shape == expected.shape and np.abs(got - expected).max() <= tolerance


@pytest.mark.slow
@pytest.mark.shared("gold")
def test_onnx_backends_match_torch_on_gold_pairs(relation_model_dir: Path, tmp_path: Path):
    from geoclaims.relations.datasets import load_examples, parse_data_arg
    from geoclaims.relations.model import RelationModel
    from geoclaims.relations.onnx_model import OnnxRelationModel
    from geoclaims.relations.span_model import SpanRelationModel, is_span_model
    from geoclaims.relations.span_onnx import OnnxSpanRelationModel

    span = is_span_model(relation_model_dir)  # the shipped 0.4.0 is a span-pool model
    torch_class, onnx_class = (SpanRelationModel, OnnxSpanRelationModel) if span else (RelationModel, OnnxRelationModel)
    examples = load_examples([parse_data_arg("geoclaims.datasets.gold.v1:test")])[:64]
    reference = torch_class.load(relation_model_dir, device="cpu").predict_proba(examples)
    fp32 = onnx_class.load(relation_model_dir, int8=False, cache_dir=tmp_path).predict_proba(examples)
    int8 = onnx_class.load(relation_model_dir, int8=True, cache_dir=tmp_path).predict_proba(examples)
    assert np.abs(fp32 - reference).max() < 1e-4
    assert (int8.argmax(1) == reference.argmax(1)).mean() >= 0.9
    bf16 = torch_class.load(relation_model_dir, device="cpu", mixed_precision=True)
    assert bf16.autocast_dtype is torch.bfloat16
    assert (bf16.predict_proba(examples).argmax(1) == reference.argmax(1)).mean() >= 0.9

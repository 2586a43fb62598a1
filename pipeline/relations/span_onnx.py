"""The v2 (span-pool) relation model on ONNX Runtime, built with the generic ``ml.onnx_backends`` helpers.

The sentence tensors (``input_ids``, ``attention_mask``: ``sentences`` x ``sequence``) and the pair
tensors (``pair_row``, spans: ``pairs``) have different dynamic batch axes. The file is built from
the torch model on first use and cached under ``cache_root()/relations-v2-<digest>-<precision>-ort<v>``.
``load_span_relation_model(dir, backend=...)`` mirrors v1's ``load_relation_model``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..ml.onnx_backends import cached_model_file, export_model_file, load_on_backend, ort_session
from .onnx_model import OnnxSessionModel
from .span_encoding import batch_arrays, encode_sentences, sentence_batches
from .span_model import PAIR_INPUTS

SENTENCE_AXES = {0: "sentences", 1: "sequence"}


def example_inputs() -> dict:
    """Two sentences of 16 tokens and three pairs: the shapes ``SpanRelationNet.forward`` takes."""
    import torch

    def longs(values: list[int]) -> torch.Tensor:
        return torch.tensor(values, dtype=torch.long)

    return {"input_ids": torch.ones((2, 16), dtype=torch.long), "attention_mask": torch.ones((2, 16), dtype=torch.long),
            "pair_row": longs([0, 0, 1]), "subj_start": longs([1, 4, 2]), "subj_end": longs([3, 5, 4]),
            "obj_start": longs([5, 1, 6]), "obj_end": longs([7, 3, 9])}


def dynamic_axes() -> dict[str, dict[int, str]]:
    axes = {"input_ids": SENTENCE_AXES, "attention_mask": SENTENCE_AXES, "logits": {0: "pairs"}}
    axes.update({name: {0: "pairs"} for name in PAIR_INPUTS})
    return axes


def build_span_onnx_file(model_dir: Path, folder: Path, *, int8: bool) -> Path:
    """Export the v2 torch model at ``model_dir`` (fp32) into ``folder``, quantised to int8 if asked."""
    from .span_model import SpanRelationModel

    net = SpanRelationModel.load(model_dir, device="cpu").net
    return export_model_file(net, example_inputs(), folder, int8=int8, dynamic_axes=dynamic_axes())


def cached_span_onnx_file(model_dir: Path, *, int8: bool, cache_dir: Path | None = None) -> Path:
    return cached_model_file("relations-v2", model_dir, build_span_onnx_file, int8=int8, cache_dir=cache_dir)


class OnnxSpanRelationModel(OnnxSessionModel):
    """``SpanRelationModel``'s interface (labels, calibration, ``predict_*``) over an ONNX Runtime session."""

    @classmethod
    def load(cls, path: str | Path, *, int8: bool = False, device: str = "cpu", threads: int = 1,
             cache_dir: Path | None = None) -> "OnnxSpanRelationModel":
        from .span_model import SpanRelationModel

        folder = Path(path)
        calibrated = SpanRelationModel.read_metadata(folder)
        session = ort_session(cached_span_onnx_file(folder, int8=int8, cache_dir=cache_dir), device=device,
                              threads=threads)
        return cls(session, calibrated["labels"], max_length=calibrated["max_length"],
                   temperature=calibrated["temperature"], threshold=calibrated["threshold"],
                   meta=calibrated["meta"], backend="onnx-int8" if int8 else "onnx")

    def predict_logits(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Raw logits, one row per pair, in input order (``batch_size // 2`` sentences per run)."""
        data = encode_sentences(self.tokenizer, items, self.max_length)
        out = np.zeros((len(data.pairs), len(self.labels)), dtype=np.float32)
        for rows, pair_ids in sentence_batches(data, max(1, batch_size // 2)):
            feeds = {k: np.asarray(v, dtype=np.int64) for k, v in batch_arrays(data, rows, pair_ids).items()}
            (logits,) = self.session.run(["logits"], feeds)
            out[pair_ids] = logits
        return out


def torch_span_model() -> type:
    from .span_model import SpanRelationModel

    return SpanRelationModel


def load_span_relation_model(path: str | Path, *, backend: str = "torch", device: str = "cpu", threads: int = 1):
    """The v2 model at ``path`` on ``torch``, ``onnx`` (fp32) or ``onnx-int8``; ``auto`` as v1."""
    return load_on_backend(path, torch_span_model, OnnxSpanRelationModel, backend=backend, device=device,
                           threads=threads)

"""The v2 (span-pool) relation model on ONNX Runtime, built with the generic ``onnx_export`` helpers.

The sentence tensors (``input_ids``, ``attention_mask``: ``sentences`` x ``sequence``) and the pair
tensors (``pair_row``, spans: ``pairs``) have different dynamic batch axes. The file is built from
the torch model on first use and cached under ``cache_root()/relations-v2-<digest>-<precision>-ort<v>``.
``load_span_relation_model(dir, backend=...)`` mirrors v1's ``load_relation_model``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

import numpy as np

from .calibration import softmax
from .onnx_export import cache_root, cached_build, export_onnx, quantize_int8
from .onnx_model import MODEL_FILE, model_files_digest, providers_for, resolve_backend
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

    torch_model = SpanRelationModel.load(model_dir, device="cpu")
    fp32 = folder / ("fp32.onnx" if int8 else MODEL_FILE)
    export_onnx(torch_model.net, example_inputs(), fp32, dynamic_axes=dynamic_axes())
    if int8:
        quantize_int8(fp32, folder / MODEL_FILE)
        fp32.unlink()
    return folder / MODEL_FILE


def cached_span_onnx_file(model_dir: Path, *, int8: bool, cache_dir: Path | None = None) -> Path:
    import onnxruntime

    name = f"relations-v2-{model_files_digest(model_dir)}-{'int8' if int8 else 'fp32'}-ort{onnxruntime.__version__}"
    folder = cached_build((cache_dir or cache_root()) / name,
                          lambda tmp: build_span_onnx_file(model_dir, tmp, int8=int8))
    return folder / MODEL_FILE


class OnnxSpanRelationModel:
    """``SpanRelationModel``'s interface (labels, calibration, ``predict_*``) over an ONNX Runtime session."""

    def __init__(self, session: Any, labels: Sequence[str], *, max_length: int, temperature: float,
                 threshold: float, meta: dict, backend: str):
        from .model import load_tokenizer

        self.session, self.labels = session, list(labels)
        self.max_length, self.temperature, self.threshold = max_length, float(temperature), float(threshold)
        self.meta, self.backend = dict(meta), backend
        self.tokenizer = load_tokenizer()

    @classmethod
    def load(cls, path: str | Path, *, int8: bool = False, device: str = "cpu", threads: int = 1,
             cache_dir: Path | None = None) -> "OnnxSpanRelationModel":
        import onnxruntime

        from .span_model import SpanRelationModel

        folder = Path(path)
        calibrated = SpanRelationModel.read_metadata(folder)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = max(1, int(threads))
        options.inter_op_num_threads = 1
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = onnxruntime.InferenceSession(str(cached_span_onnx_file(folder, int8=int8, cache_dir=cache_dir)),
                                               options, providers=providers_for(device))
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

    def predict_proba(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        return softmax(self.predict_logits(items, batch_size=batch_size) / self.temperature)


def load_span_relation_model(path: str | Path, *, backend: str = "torch", device: str = "cpu", threads: int = 1):
    """The v2 model at ``path`` on ``torch``, ``onnx`` (fp32) or ``onnx-int8``; ``auto`` as v1."""
    concrete = resolve_backend(backend, device)
    if concrete == "torch":
        from .span_model import SpanRelationModel

        return SpanRelationModel.load(path, device=device, mixed_precision=device == "cuda")
    return OnnxSpanRelationModel.load(path, int8=concrete == "onnx-int8", device=device, threads=threads)

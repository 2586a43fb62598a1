"""The motive tagger on ONNX Runtime (fp32 or int8), with ``MotiveModel``'s interface.

The fine-tuned ``MotiveNet`` (base + delta) is exported once and cached like the relation models
(``cache_root()/motive-<model digest>-<precision>-ort<version>/model.onnx``, built atomically, one
"preparing" line). ``OnnxMotiveModel`` is a ``MotiveModel`` whose ``predict_raw`` runs the session:
``predict`` (calibration, span decoding) is the same code. ``load_motive_model(dir, backend=...)``
picks ``torch`` (the default: fp32 on CPU, autocast on CUDA), ``onnx`` (fp32; the torch tags within
float error) or ``onnx-int8`` (dynamic int8 weights, CPU; see the motive model card for what it costs).
"""
from __future__ import annotations

from pathlib import Path
from typing import Sequence

import numpy as np

from ..ml.calibration import softmax
from ..ml.onnx_backends import cached_model_file, export_model_file, load_on_backend, ort_session, padded_ids
from .model import MotiveModel

OUTPUTS = ("tags", "causal")
AXES = {"input_ids": {0: "batch", 1: "sequence"}, "attention_mask": {0: "batch", 1: "sequence"},
        "tags": {0: "batch", 1: "sequence"}, "causal": {0: "batch"}}


def example_inputs() -> dict:
    import torch

    return {"input_ids": torch.ones((2, 16), dtype=torch.long), "attention_mask": torch.ones((2, 16), dtype=torch.long)}


def build_motive_onnx_file(model_dir: Path, folder: Path, *, int8: bool) -> Path:
    """Export the torch motive model at ``model_dir`` (fp32) into ``folder``, quantised to int8 if asked."""
    net = MotiveModel.load(model_dir, device="cpu").net
    return export_model_file(net, example_inputs(), folder, int8=int8, dynamic_axes=AXES, output_names=OUTPUTS)


class OnnxMotiveModel(MotiveModel):
    """``MotiveModel`` over an ONNX Runtime session (no torch net at inference)."""

    def __init__(self, session, *, backend: str, max_length: int = 160, temperature: float = 1.0,
                 threshold: float = 0.5, max_gap: int = 0, meta: dict | None = None):
        from ..ml.checkpoint import load_tokenizer

        self.session, self.backend, self.net = session, backend, None
        self.max_length, self.max_gap = max_length, int(max_gap)
        self.temperature, self.threshold = float(temperature), float(threshold)
        self.meta = dict(meta or {})
        self.tokenizer = load_tokenizer()

    @classmethod
    def load(cls, path: str | Path, *, int8: bool = False, device: str = "cpu", threads: int = 1,
             cache_dir: Path | None = None) -> "OnnxMotiveModel":
        folder = Path(path)
        settings = cls.settings(*cls.read_folder(folder))
        onnx_file = cached_model_file("motive", folder, build_motive_onnx_file, int8=int8, cache_dir=cache_dir)
        return cls(ort_session(onnx_file, device=device, threads=threads),
                   backend="onnx-int8" if int8 else "onnx", **settings)

    def predict_raw(self, sentences: Sequence[str], *, batch_size: int = 32) -> list[tuple[list, np.ndarray, np.ndarray]]:
        """As ``MotiveModel.predict_raw``: (word offsets, tag probabilities, causal logits) per sentence."""
        encoded = [self.encode(text) for text in sentences]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
        out: list = [None] * len(encoded)
        for begin in range(0, len(order), batch_size):
            chunk = order[begin: begin + batch_size]
            tags, causal = self.session.run(list(OUTPUTS), padded_ids([encoded[i] for i in chunk]))
            probs = softmax(tags)
            for row, i in enumerate(chunk):
                out[i] = (encoded[i]["word_offsets"], probs[row, encoded[i]["words"]], causal[row])
        return out


def torch_motive_model() -> type:
    return MotiveModel


def load_motive_model(path: str | Path, *, backend: str = "torch", device: str = "cpu", threads: int = 1):
    """The motive model at ``path`` on ``torch``, ``onnx`` or ``onnx-int8`` (``auto``: as the relation models)."""
    return load_on_backend(path, torch_motive_model, OnnxMotiveModel, backend=backend, device=device, threads=threads)

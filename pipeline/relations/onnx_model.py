"""The relation model on ONNX Runtime: the fine-tuned net (base + delta merged) exported once, int8.

``OnnxRelationModel.load(model_dir)`` has the same interface as ``RelationModel`` (``labels``,
``threshold``, ``temperature``, ``meta``, ``predict_logits``/``predict_proba``), so the component and
the evaluator use either. The ONNX file is built on first use from the torch model and cached under
``cache_root()/relations-<model fingerprint>-<precision>-ort<version>/model.onnx``; a retrained model
or another onnxruntime gets a new file. ``load_relation_model(dir, backend=..., device=...)`` picks
the backend: ``torch`` (fp32 on CPU, bf16/fp16 autocast on CUDA), ``onnx-int8`` (CPU) or ``onnx``
(fp32, the CUDA execution provider when there is one), ``auto`` (``onnx`` on CPU, ``torch`` on CUDA),
``auto-int8`` (``onnx-int8`` on CPU, ``torch`` on CUDA: the shipped run configuration's choice since v0.4).
``auto`` takes fp32 ONNX on CPU because it gives the torch predictions (probabilities within 2e-6) at
about twice the speed; int8 is 2.3x faster again, with its own per-type thresholds (see the model card).
The backend-generic parts (backend choice, cached export, session) are ``geoclaims.ml.onnx_backends``.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..ml.calibration import softmax
from ..ml.onnx_backends import cached_model_file, export_model_file, load_on_backend, ort_session, padded_ids
from .encoding import encode_item, length_sorted_batches

INPUT_NAMES = ("input_ids", "attention_mask", "subj_index", "obj_index")


def example_inputs(width: int = 16) -> dict:
    """A two-row dummy batch with the shapes and dtypes ``RelationNet.forward`` takes."""
    import torch

    return {"input_ids": torch.ones((2, width), dtype=torch.long),
            "attention_mask": torch.ones((2, width), dtype=torch.long),
            "subj_index": torch.tensor([1, 2]), "obj_index": torch.tensor([3, 4])}


def build_onnx_file(model_dir: Path, folder: Path, *, int8: bool) -> Path:
    """Export the torch model at ``model_dir`` (fp32) into ``folder``, quantised to int8 if asked."""
    from .model import RelationModel

    return export_model_file(RelationModel.load(model_dir, device="cpu").net, example_inputs(), folder, int8=int8)


def cached_onnx_file(model_dir: Path, *, int8: bool, cache_dir: Path | None = None) -> Path:
    """The ONNX file of the model at ``model_dir``, built (atomically) on first use."""
    return cached_model_file("relations", model_dir, build_onnx_file, int8=int8, cache_dir=cache_dir)


def padded_batch(features: Sequence[dict]) -> dict[str, np.ndarray]:
    """A batch of encoded pairs padded to its longest member, as int64 arrays."""
    return {**padded_ids(features),
            "subj_index": np.array([f["subj_index"] for f in features], dtype=np.int64),
            "obj_index": np.array([f["obj_index"] for f in features], dtype=np.int64)}


class OnnxSessionModel(ABC):
    """What the ONNX relation models share: session, labels, calibration, meta, tokenizer, ``predict_proba``."""

    def __init__(self, session: Any, labels: Sequence[str], *, max_length: int, temperature: float,
                 threshold: float, meta: dict, backend: str):
        from ..ml.checkpoint import load_tokenizer

        self.session, self.labels = session, list(labels)
        self.max_length, self.temperature, self.threshold = max_length, float(temperature), float(threshold)
        self.meta, self.backend = dict(meta), backend
        self.tokenizer = load_tokenizer()

    @abstractmethod
    def predict_logits(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Raw logits, one row per item (pair), in input order."""

    def predict_proba(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Temperature-scaled softmax probabilities, as the torch models' ``predict_proba``."""
        return softmax(self.predict_logits(items, batch_size=batch_size) / self.temperature)


class OnnxRelationModel(OnnxSessionModel):
    """``RelationModel``'s interface over an ONNX Runtime session."""

    @classmethod
    def load(cls, path: str | Path, *, int8: bool = True, device: str = "cpu", threads: int = 1,
             cache_dir: Path | None = None) -> "OnnxRelationModel":
        import json

        from .model import CALIBRATION_FILE, LABELS_FILE, META_FILE, RelationModel

        folder = Path(path)
        RelationModel.check_files(folder)
        session = ort_session(cached_onnx_file(folder, int8=int8, cache_dir=cache_dir), device=device, threads=threads)
        meta = json.loads((folder / META_FILE).read_text())
        calibration = json.loads((folder / CALIBRATION_FILE).read_text())
        extra = {k: meta[k] for k in ("name", "version", "trained_with", "metrics") if k in meta}
        return cls(session, json.loads((folder / LABELS_FILE).read_text()), max_length=int(meta["max_length"]),
                   temperature=calibration["temperature"], threshold=calibration["threshold"], meta=extra,
                   backend="onnx-int8" if int8 else "onnx")

    def encode(self, item: Any) -> dict:
        return encode_item(self.tokenizer, item, self.max_length)

    def predict_logits(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Raw logits, one row per item, in input order (length-sorted, dynamically padded batches)."""
        encoded = [self.encode(item) for item in items]
        out = np.zeros((len(encoded), len(self.labels)), dtype=np.float32)
        for chunk in length_sorted_batches(encoded, batch_size):
            (logits,) = self.session.run(["logits"], padded_batch([encoded[i] for i in chunk]))
            out[chunk] = logits
        return out


def torch_relation_model() -> type:
    from .model import RelationModel

    return RelationModel


def torch_model_class(path: str | Path) -> type:
    """The torch class of the model folder at ``path``: span-pool (``model.json``) or per-pair."""
    from .span_model import SpanRelationModel, is_span_model

    return SpanRelationModel if is_span_model(path) else torch_relation_model()


def load_relation_model(path: str | Path, *, backend: str = "auto", device: str = "cpu", threads: int = 1):
    """The relation model at ``path`` on the chosen backend and device (see the module docstring); a
    span-pool model folder (``model.json`` ``architecture = "span-pool"``) loads its own classes."""
    from .span_model import is_span_model

    if is_span_model(path):
        from .span_onnx import load_span_relation_model

        return load_span_relation_model(path, backend=backend, device=device, threads=threads)
    return load_on_backend(path, torch_relation_model, OnnxRelationModel, backend=backend, device=device,
                           threads=threads)

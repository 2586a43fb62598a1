"""The relation model on ONNX Runtime: the fine-tuned net (base + delta merged) exported once, int8.

``OnnxRelationModel.load(model_dir)`` has the same interface as ``RelationModel`` (``labels``,
``threshold``, ``temperature``, ``meta``, ``predict_logits``/``predict_proba``), so the component and
the evaluator use either. The ONNX file is built on first use from the torch model and cached under
``cache_root()/relations-<model fingerprint>-<precision>-ort<version>/model.onnx``; a retrained model
or another onnxruntime gets a new file. ``load_relation_model(dir, backend=..., device=...)`` picks
the backend: ``torch`` (fp32 on CPU, bf16/fp16 autocast on CUDA), ``onnx-int8`` (CPU) or ``onnx``
(fp32, the CUDA execution provider when there is one), ``auto`` (``onnx`` on CPU, ``torch`` on CUDA).
``auto`` takes fp32 ONNX on CPU because it gives the torch predictions (probabilities within 2e-6) at
about twice the speed, while int8 loses 1.0 point of gold-test macro-F1 (see the model card).
"""
from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import GeoclaimsError
from ..ml.calibration import softmax
from .encoding import encode_item, length_sorted_batches
from .onnx_export import cache_root, cached_build, export_onnx, quantize_int8

BACKENDS = ("auto", "torch", "onnx-int8", "onnx")
DEVICES = ("cpu", "cuda")
INPUT_NAMES = ("input_ids", "attention_mask", "subj_index", "obj_index")
MODEL_FILE = "model.onnx"


def resolve_backend(backend: str, device: str) -> str:
    """The concrete backend for ``backend`` on ``device``; GC218 for a combination that cannot run."""
    if backend not in BACKENDS:
        raise GeoclaimsError("GC218", f"unknown relation backend {backend!r} (known: {', '.join(BACKENDS)})")
    if device not in DEVICES:
        raise GeoclaimsError("GC218", f"unknown device {device!r} (known: {', '.join(DEVICES)})")
    if backend == "auto":
        return "onnx" if device == "cpu" else "torch"
    if backend == "onnx-int8" and device == "cuda":
        raise GeoclaimsError("GC218", "the onnx-int8 backend runs on CPU only; on cuda use backend torch or onnx")
    return backend


def model_files_digest(model_dir: Path) -> str:
    """SHA-256 (16 hex) over the model folder's JSON and safetensors files: the cache key."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(model_dir).iterdir() if p.is_file() and p.suffix in (".json", ".safetensors")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def example_inputs(width: int = 16) -> dict:
    """A two-row dummy batch with the shapes and dtypes ``RelationNet.forward`` takes."""
    import torch

    return {"input_ids": torch.ones((2, width), dtype=torch.long),
            "attention_mask": torch.ones((2, width), dtype=torch.long),
            "subj_index": torch.tensor([1, 2]), "obj_index": torch.tensor([3, 4])}


def export_model_file(net: Any, inputs: dict, folder: Path, *, int8: bool,
                      dynamic_axes: dict[str, dict[int, str]] | None = None) -> Path:
    """``net`` exported (fp32) as ``folder/model.onnx``, quantised to int8 if asked."""
    fp32 = folder / ("fp32.onnx" if int8 else MODEL_FILE)
    export_onnx(net, inputs, fp32, dynamic_axes=dynamic_axes)
    if int8:
        quantize_int8(fp32, folder / MODEL_FILE)
        fp32.unlink()
    return folder / MODEL_FILE


def build_onnx_file(model_dir: Path, folder: Path, *, int8: bool) -> Path:
    """Export the torch model at ``model_dir`` (fp32) into ``folder``, quantised to int8 if asked."""
    from .model import RelationModel

    return export_model_file(RelationModel.load(model_dir, device="cpu").net, example_inputs(), folder, int8=int8)


def cached_model_file(prefix: str, model_dir: Path, build: Callable[..., Path], *, int8: bool,
                      cache_dir: Path | None = None) -> Path:
    """``<cache>/<prefix>-<digest>-<precision>-ort<version>/model.onnx``, made by ``build(model_dir, tmp, int8=)``
    (atomically) on first use."""
    import onnxruntime

    precision = "int8" if int8 else "fp32"
    name = f"{prefix}-{model_files_digest(model_dir)}-{precision}-ort{onnxruntime.__version__}"
    folder = cached_build((cache_dir or cache_root()) / name, lambda tmp: build(model_dir, tmp, int8=int8))
    return folder / MODEL_FILE


def cached_onnx_file(model_dir: Path, *, int8: bool, cache_dir: Path | None = None) -> Path:
    """The ONNX file of the model at ``model_dir``, built (atomically) on first use."""
    return cached_model_file("relations", model_dir, build_onnx_file, int8=int8, cache_dir=cache_dir)


def providers_for(device: str) -> list[str]:
    """ONNX Runtime execution providers for ``device``; GC219 when CUDA is asked for and missing."""
    if device == "cpu":
        return ["CPUExecutionProvider"]
    import onnxruntime

    if "CUDAExecutionProvider" not in onnxruntime.get_available_providers():
        raise GeoclaimsError("GC219", "onnxruntime has no CUDAExecutionProvider here (install onnxruntime-gpu)")
    return ["CUDAExecutionProvider", "CPUExecutionProvider"]


def padded_batch(features: Sequence[dict]) -> dict[str, np.ndarray]:
    """A batch of encoded pairs padded to its longest member, as int64 arrays."""
    width = max(len(f["input_ids"]) for f in features)
    ids = np.zeros((len(features), width), dtype=np.int64)
    mask = np.zeros((len(features), width), dtype=np.int64)
    for row, f in enumerate(features):
        ids[row, : len(f["input_ids"])] = f["input_ids"]
        mask[row, : len(f["input_ids"])] = 1
    return {"input_ids": ids, "attention_mask": mask,
            "subj_index": np.array([f["subj_index"] for f in features], dtype=np.int64),
            "obj_index": np.array([f["obj_index"] for f in features], dtype=np.int64)}


def ort_session(onnx_file: Path, *, device: str, threads: int) -> Any:
    """An ONNX Runtime session on ``onnx_file``: ``threads`` intra-op threads, every graph optimisation."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, int(threads))
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(onnx_file), options, providers=providers_for(device))


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


def load_on_backend(path: str | Path, torch_class: Callable[[], type], onnx_class: type, *, backend: str,
                    device: str, threads: int) -> Any:
    """The model at ``path``: ``torch_class()`` (imported on demand) or ``onnx_class``, as ``backend`` resolves."""
    concrete = resolve_backend(backend, device)
    if concrete == "torch":
        return torch_class().load(path, device=device, mixed_precision=device == "cuda")
    return onnx_class.load(path, int8=concrete == "onnx-int8", device=device, threads=threads)


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

"""Running a fine-tuned model on ONNX Runtime, whichever model it is (relations, motive): the backend
choice, the export cached per model folder, the session.

``resolve_backend(backend, device)`` turns ``auto``/``auto-int8`` into a concrete backend (GC218 for what
cannot run); ``cached_model_file(prefix, model_dir, build, int8=)`` builds ``model.onnx`` once per model
fingerprint, precision and ONNX Runtime version under ``cache_root()``; ``ort_session`` opens it with every
graph optimisation and the asked threads; ``load_on_backend`` loads a model's torch class or its ONNX class.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ..config import BACKENDS  # the one list of backends, which run configs validate against
from ..errors import GeoclaimsError
from .onnx_export import cache_root, cached_build, export_onnx, quantize_int8

DEVICES = ("cpu", "cuda")
MODEL_FILE = "model.onnx"


def resolve_backend(backend: str, device: str) -> str:
    """The concrete backend for ``backend`` on ``device``; GC218 for a combination that cannot run."""
    if backend not in BACKENDS:
        raise GeoclaimsError("GC218", f"unknown backend {backend!r} (known: {', '.join(BACKENDS)})")
    if device not in DEVICES:
        raise GeoclaimsError("GC218", f"unknown device {device!r} (known: {', '.join(DEVICES)})")
    if backend in ("auto", "auto-int8"):
        return ("onnx" if backend == "auto" else "onnx-int8") if device == "cpu" else "torch"
    if backend == "onnx-int8" and device == "cuda":
        raise GeoclaimsError("GC218", "the onnx-int8 backend runs on CPU only; on cuda use backend torch or onnx")
    return backend


def model_files_digest(model_dir: Path) -> str:
    """SHA-256 (16 hex) over the model folder's JSON and safetensors files: the cache key."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(model_dir).iterdir() if p.is_file() and p.suffix in (".json", ".safetensors")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def export_model_file(net: Any, inputs: dict, folder: Path, *, int8: bool,
                      dynamic_axes: dict[str, dict[int, str]] | None = None,
                      output_names: Sequence[str] = ("logits",)) -> Path:
    """``net`` exported (fp32) as ``folder/model.onnx``, quantised to int8 if asked."""
    fp32 = folder / ("fp32.onnx" if int8 else MODEL_FILE)
    export_onnx(net, inputs, fp32, dynamic_axes=dynamic_axes, output_names=output_names)
    if int8:
        quantize_int8(fp32, folder / MODEL_FILE)
        fp32.unlink()
    return folder / MODEL_FILE


def cached_model_file(prefix: str, model_dir: Path, build: Callable[..., Path], *, int8: bool,
                      cache_dir: Path | None = None) -> Path:
    """``<cache>/<prefix>-<digest>-<precision>-ort<version>/model.onnx``, made by ``build(model_dir, tmp, int8=)``
    (atomically) on first use."""
    import onnxruntime

    precision = "int8" if int8 else "fp32"
    name = f"{prefix}-{model_files_digest(model_dir)}-{precision}-ort{onnxruntime.__version__}"
    folder = cached_build((cache_dir or cache_root()) / name, lambda tmp: build(model_dir, tmp, int8=int8))
    return folder / MODEL_FILE


def providers_for(device: str) -> list[str]:
    """ONNX Runtime execution providers for ``device``; GC219 when CUDA is asked for and missing."""
    if device == "cpu":
        return ["CPUExecutionProvider"]
    import onnxruntime

    if "CUDAExecutionProvider" not in onnxruntime.get_available_providers():
        raise GeoclaimsError("GC219", "onnxruntime has no CUDAExecutionProvider here (install onnxruntime-gpu)")
    return ["CUDAExecutionProvider", "CPUExecutionProvider"]


def ort_session(onnx_file: Path, *, device: str, threads: int) -> Any:
    """An ONNX Runtime session on ``onnx_file``: ``threads`` intra-op threads, every graph optimisation."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = max(1, int(threads))
    options.inter_op_num_threads = 1
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(onnx_file), options, providers=providers_for(device))


def load_on_backend(path: str | Path, torch_class: Callable[[], type], onnx_class: type, *, backend: str,
                    device: str, threads: int) -> Any:
    """The model at ``path``: ``torch_class()`` (imported on demand) or ``onnx_class``, as ``backend`` resolves."""
    concrete = resolve_backend(backend, device)
    if concrete == "torch":
        return torch_class().load(path, device=device, mixed_precision=device == "cuda")
    return onnx_class.load(path, int8=concrete == "onnx-int8", device=device, threads=threads)


def padded_ids(encoded: Sequence[dict]) -> dict[str, np.ndarray]:
    """``input_ids`` and ``attention_mask`` of a batch padded (with 0, BERT's pad id) to its longest member."""
    width = max(len(e["input_ids"]) for e in encoded)
    ids = np.zeros((len(encoded), width), dtype=np.int64)
    mask = np.zeros((len(encoded), width), dtype=np.int64)
    for row, e in enumerate(encoded):
        ids[row, : len(e["input_ids"])] = e["input_ids"]
        mask[row, : len(e["input_ids"])] = 1
    return {"input_ids": ids, "attention_mask": mask}

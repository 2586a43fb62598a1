"""Train the v2 (span-pool) relation classifier: batches of sentences, every pair of a sentence at once.

Same data, seed discipline, class weighting, schedule, dev model selection (argmax micro-F1 per
epoch), save -> reload (fp16 delta) -> calibration on dev as v1 (``geoclaims.relations.train``); the
differences: ``batch_size`` counts sentences, the new pair head learns ``head_lr_multiplier`` times
faster than the encoder, and the config must say ``architecture = "span-pool"``.
Run: ``geoclaims train relations --config pipeline/configs/relations-span.toml`` (the command picks this
trainer when the config says ``architecture = "span-pool"``), or ``python -m geoclaims.relations.span_train``.
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import torch

from ..config import invalid_config
from ..errors import GeoclaimsError
from ..ml.checkpoint import FROZEN
from ..ml.training_loop import (freeze_parameters, log, run_selected_epochs, start_run,
                                        warmup_linear_schedule, weighted_cross_entropy)
from .encoding import RelationExample
from .train import (DEFAULTS, argmax_micro_f1, class_weights, load_train_dev, write_type_thresholds,
                    save_and_calibrate, validate_config)

from .span_encoding import SentenceBatchInput, batch_arrays
from .span_model import ARCHITECTURE, SpanRelationModel, to_tensors

SPAN_DEFAULTS: dict[str, Any] = {"architecture": ARCHITECTURE, "head_lr_multiplier": 10.0, "pair_attention": False,
                                 "name": "geoclaims-relations-v2", "output": "models/relations-v2"}


def validate_span_config(raw: dict[str, Any]) -> dict[str, Any]:
    """v1's checks on the shared keys plus the span-pool ones (GC203 on anything wrong)."""
    unknown = sorted(set(raw) - set(DEFAULTS) - set(SPAN_DEFAULTS))
    if unknown:
        raise invalid_config(f"unknown keys {unknown}; known: {sorted({*DEFAULTS, *SPAN_DEFAULTS})}")
    raw = {**SPAN_DEFAULTS, **raw}
    if raw["architecture"] != ARCHITECTURE:
        raise invalid_config(f"architecture must be {ARCHITECTURE!r} for this trainer, got {raw['architecture']!r}")
    multiplier = raw["head_lr_multiplier"]
    if isinstance(multiplier, bool) or not isinstance(multiplier, (int, float)) or not 0.1 <= multiplier <= 1000:
        raise invalid_config(f"head_lr_multiplier must be a number in [0.1, 1000], got {multiplier!r}")
    if not isinstance(raw["pair_attention"], bool):
        raise invalid_config(f"pair_attention must be true or false, got {raw['pair_attention']!r}")
    cfg = validate_config({k: v for k, v in raw.items() if k in DEFAULTS})
    return {**cfg, "architecture": ARCHITECTURE, "head_lr_multiplier": float(multiplier),
            "pair_attention": raw["pair_attention"]}


def read_toml(path: str | Path) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as err:
        raise invalid_config(f"{path} not found") from err
    except tomllib.TOMLDecodeError as err:
        raise invalid_config(f"{path}: {err}") from err


def is_span_config(path: str | Path) -> bool:
    """True when the TOML config at ``path`` says ``architecture = "span-pool"`` (False if unreadable)."""
    try:
        return read_toml(path).get("architecture") == ARCHITECTURE
    except GeoclaimsError:
        return False


def load_span_config(path: str | Path) -> dict[str, Any]:
    """The span-pool TOML config at ``path``, validated."""
    return validate_span_config(read_toml(path))


def make_span_optimiser(net: torch.nn.Module, cfg: dict, total_steps: int):
    """AdamW (no decay on biases/LayerNorm; head at ``head_lr_multiplier`` x lr), warm-up then linear decay."""
    groups: dict[tuple[bool, bool], list] = {}
    for name, param in net.named_parameters():
        if param.requires_grad:
            key = (name.startswith(("head.", "query.")), name.endswith("bias") or "LayerNorm" in name)
            groups.setdefault(key, []).append(param)
    lr = cfg["learning_rate"]
    optimiser = torch.optim.AdamW(
        [{"params": params, "lr": lr * (cfg["head_lr_multiplier"] if is_head else 1.0),
          "weight_decay": 0.0 if no_decay else cfg["weight_decay"]}
         for (is_head, no_decay), params in sorted(groups.items())], lr=lr)
    return optimiser, warmup_linear_schedule(optimiser, cfg["warmup_ratio"], total_steps)


def pairs_by_row(data: SentenceBatchInput) -> dict[int, list[int]]:
    by_row: dict[int, list[int]] = {}
    for index, pair in enumerate(data.pairs):
        by_row.setdefault(pair.row, []).append(index)
    return by_row


def run_span_epochs(model: SpanRelationModel, train: Sequence[RelationExample], dev: Sequence[RelationExample],
                    cfg: dict) -> dict:
    """The training loop over sentence batches; keeps the epoch with the best dev micro-F1."""
    device = model.device
    data = model.encode_items(train)
    by_row = pairs_by_row(data)
    label_ids = torch.tensor([model.labels.index(e.label) for e in train])
    example_weights = torch.tensor([e.weight for e in train], dtype=torch.float32)
    weights = class_weights(label_ids.tolist(), len(model.labels), cfg["class_weighting"])

    def batch_loss(rows: list[int]) -> tuple[torch.Tensor, int]:
        pair_ids = [i for r in rows for i in by_row[r]]
        inputs = to_tensors(batch_arrays(data, rows, pair_ids), device)
        pair_w = (example_weights[pair_ids] * weights[label_ids[pair_ids]]).to(device)
        return weighted_cross_entropy(model.net(**inputs), label_ids[pair_ids].to(device), pair_w), len(pair_ids)

    return run_selected_epochs(model.net, [len(s) for s in data.sentences], cfg, make_optimiser=make_span_optimiser,
                               batch_loss=batch_loss, desc="train relations v2", unit="pairs",
                               dev_f1=lambda: argmax_micro_f1(model, dev, cfg["eval_batch_size"]))


def copy_encoder(model: SpanRelationModel, init_from: str) -> None:
    """Start from the fine-tuned encoder of a per-pair model (``init_from``); the pair head stays new."""
    from .model import RelationModel

    source = RelationModel.load(init_from, device="cpu")
    model.net.bert.load_state_dict({k: v.float() for k, v in source.net.bert.state_dict().items()})


def train_span_relations(config: dict[str, Any]) -> dict:
    """Train, select, save, reload, calibrate and evaluate the v2 model; returns the summary (dev)."""
    cfg = validate_span_config(config)
    start_run(cfg)
    train, dev = load_train_dev(cfg)
    model = SpanRelationModel.from_base(cfg["labels"], max_length=cfg["max_length"], device=cfg["device"],
                                        pair_attention=cfg["pair_attention"])
    if cfg["init_from"]:
        copy_encoder(model, cfg["init_from"])
    freeze_parameters(model.net, FROZEN)
    if not cfg["quiet"]:
        log(f"{len(train)} training pairs in {len({e.text for e in train})} sentences, {len(dev)} dev pairs, "
            f"device {model.device}, labels {dict(Counter(e.label for e in train))}")
    stats = run_span_epochs(model, train, dev, cfg)
    summary = save_and_calibrate(model, dev, cfg, stats)
    if cfg["type_thresholds"]:
        summary["type_thresholds"] = write_type_thresholds(Path(cfg["output"]), dev, cfg, model_class=SpanRelationModel)
    metrics = summary["metrics"]
    if not cfg["quiet"]:
        log(f"saved {summary['output']}; dev micro-F1 {metrics['micro']['f1']:.4f} macro-F1 "
            f"{metrics['macro']['f1']:.4f} (T={summary['temperature']:.3f}, threshold={summary['threshold']:.2f}, "
            f"{stats['examples_per_s']} train pairs/s)")
    return summary


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m geoclaims.relations.span_train --config pipeline/configs/relations-span.toml``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="the span-pool TOML config (relations-v2.toml here)")
    parser.add_argument("--out", help="output model directory (overrides the config's 'output')")
    args = parser.parse_args(argv)
    config = load_span_config(args.config)
    summary = train_span_relations({**config, **({"output": args.out} if args.out else {})})
    print(json.dumps({"output": summary["output"], "dev_micro_f1": round(summary["metrics"]["micro"]["f1"], 4),
                      "dev_macro_f1": round(summary["metrics"]["macro"]["f1"], 4),
                      "temperature": round(summary["temperature"], 4), "threshold": summary["threshold"],
                      "train_pairs_per_s": summary["train"]["examples_per_s"]}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Train the v2 (span-pool) relation classifier: batches of sentences, every pair of a sentence at once.

Same data, seed discipline, class weighting, schedule, dev model selection (argmax micro-F1 per
epoch), save -> reload (fp16 delta) -> calibration on dev as v1 (``geoclaims.relations.train``); the
differences: ``batch_size`` counts sentences, the new pair head learns ``head_lr_multiplier`` times
faster than the encoder, and the config must say ``architecture = "span-pool"``.
Run: ``python -m geoclaims.relations.span_train --config configs/relations-v2.toml [--out DIR]``.
"""
from __future__ import annotations

import argparse
import copy
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch
from tqdm import tqdm

from ..errors import GeoclaimsError
from ..records import NONE_LABEL
from .calibration import choose_threshold, fit_temperature, softmax
from .datasets import load_examples
from .encoding import RelationExample
from .evaluate import check_labels, score_examples
from .model import FROZEN
from .span_encoding import SentenceBatchInput, batch_arrays
from .span_model import ARCHITECTURE, SpanRelationModel, to_tensors
from .train import (DEFAULTS, _fail, argmax_micro_f1, batch_order, class_weights, log, seed_everything,
                    validate_config, weighted_examples)

SPAN_DEFAULTS: dict[str, Any] = {"architecture": ARCHITECTURE, "head_lr_multiplier": 10.0, "pair_attention": False,
                                 "name": "geoclaims-relations-v2", "output": "models/relations-v2"}


def validate_span_config(raw: dict[str, Any]) -> dict[str, Any]:
    """v1's checks on the shared keys plus the span-pool ones (GC203 on anything wrong)."""
    unknown = sorted(set(raw) - set(DEFAULTS) - set(SPAN_DEFAULTS))
    if unknown:
        raise _fail(f"unknown keys {unknown}; known: {sorted({*DEFAULTS, *SPAN_DEFAULTS})}")
    raw = {**SPAN_DEFAULTS, **raw}
    if raw["architecture"] != ARCHITECTURE:
        raise _fail(f"architecture must be {ARCHITECTURE!r} for this trainer, got {raw['architecture']!r}")
    multiplier = raw["head_lr_multiplier"]
    if isinstance(multiplier, bool) or not isinstance(multiplier, (int, float)) or not 0.1 <= multiplier <= 1000:
        raise _fail(f"head_lr_multiplier must be a number in [0.1, 1000], got {multiplier!r}")
    if not isinstance(raw["pair_attention"], bool):
        raise _fail(f"pair_attention must be true or false, got {raw['pair_attention']!r}")
    cfg = validate_config({k: v for k, v in raw.items() if k in DEFAULTS})
    return {**cfg, "architecture": ARCHITECTURE, "head_lr_multiplier": float(multiplier),
            "pair_attention": raw["pair_attention"]}


def read_toml(path: str | Path) -> dict[str, Any]:
    import tomllib

    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError as err:
        raise _fail(f"{path} not found") from err
    except tomllib.TOMLDecodeError as err:
        raise _fail(f"{path}: {err}") from err


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
    warmup = int(cfg["warmup_ratio"] * total_steps)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return optimiser, torch.optim.lr_scheduler.LambdaLR(optimiser, factor)


def pairs_by_row(data: SentenceBatchInput) -> dict[int, list[int]]:
    by_row: dict[int, list[int]] = {}
    for index, pair in enumerate(data.pairs):
        by_row.setdefault(pair.row, []).append(index)
    return by_row


def run_span_epochs(model: SpanRelationModel, train: Sequence[RelationExample], dev: Sequence[RelationExample],
                    cfg: dict) -> dict:
    """The training loop over sentence batches; keeps the epoch with the best dev micro-F1."""
    net, device = model.net, model.device
    data = model.encode_items(train)
    by_row = pairs_by_row(data)
    label_ids = torch.tensor([model.labels.index(e.label) for e in train])
    example_weights = torch.tensor([e.weight for e in train], dtype=torch.float32)
    generator = torch.Generator().manual_seed(cfg["seed"])
    lengths = [len(s) for s in data.sentences]
    total = -(-len(lengths) // cfg["batch_size"]) * cfg["epochs"]
    total = min(total, cfg["max_steps"]) if cfg["max_steps"] else total
    optimiser, scheduler = make_span_optimiser(net, cfg, total)
    weights = class_weights(label_ids.tolist(), len(model.labels), cfg["class_weighting"])
    losses: list[float] = []
    best: dict[str, Any] = {"f1": -1.0, "epoch": 0, "state": None}
    train_seconds, seen, step = 0.0, 0, 0
    bar = tqdm(total=total, desc="train relations v2", disable=not sys.stderr.isatty() or cfg["quiet"])
    for epoch in range(1, cfg["epochs"] + 1):
        net.train()
        started = time.perf_counter()
        for rows in batch_order(lengths, cfg["batch_size"], generator):
            if step >= total:
                break
            pair_ids = [i for r in rows for i in by_row[r]]
            inputs = to_tensors(batch_arrays(data, rows, pair_ids), device)
            labels = label_ids[pair_ids].to(device)
            pair_w = (example_weights[pair_ids] * weights[label_ids[pair_ids]]).to(device)
            loss_each = torch.nn.functional.cross_entropy(net(**inputs), labels, reduction="none")
            loss = (loss_each * pair_w).sum() / pair_w.sum().clamp_min(1e-8)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            losses.append(loss.item())
            step, seen = step + 1, seen + len(pair_ids)
            bar.update(1)
            if cfg["log_every"] and step % cfg["log_every"] == 0 and not cfg["quiet"]:
                log(f"epoch {epoch} step {step}/{total} loss {np.mean(losses[-cfg['log_every']:]):.4f} "
                    f"{seen / (train_seconds + time.perf_counter() - started):.1f} pairs/s")
        train_seconds += time.perf_counter() - started
        f1 = argmax_micro_f1(model, dev, cfg["eval_batch_size"])
        if not cfg["quiet"]:
            log(f"epoch {epoch} done: dev micro-F1 (argmax) {f1:.4f}")
        if f1 > best["f1"]:
            best = {"f1": f1, "epoch": epoch, "state": copy.deepcopy(net.state_dict())}
        if step >= total:
            break
    bar.close()
    net.load_state_dict(best["state"])
    return {"steps": step, "examples_seen": seen, "seconds": round(train_seconds, 2),
            "examples_per_s": round(seen / max(train_seconds, 1e-9), 2), "best_epoch": best["epoch"],
            "best_dev_argmax_f1": best["f1"], "losses": losses}


def calibrate_span_model(out: Path, dev: Sequence[RelationExample], cfg: dict) -> SpanRelationModel:
    """Reload from disk, fit temperature and threshold on dev (as v1), store them and the dev metrics."""
    model = SpanRelationModel.load(out, device=cfg["device"])
    gold = [model.labels.index(e.label) for e in dev]
    logits = model.predict_logits(dev, batch_size=cfg["eval_batch_size"])
    model.temperature = fit_temperature(logits, gold)
    model.threshold = choose_threshold(softmax(logits / model.temperature), gold, model.labels.index(NONE_LABEL))
    metrics, _, _ = score_examples(model, dev, batch_size=cfg["eval_batch_size"])
    model.meta["metrics"] = {"dev": {k: v for k, v in metrics.items() if k != "confusion"}}
    model.save(out)
    return model


def train_span_relations(config: dict[str, Any]) -> dict:
    """Train, select, save, reload, calibrate and evaluate the v2 model; returns the summary (dev)."""
    cfg = validate_span_config(config)
    if cfg["threads"]:
        torch.set_num_threads(cfg["threads"])
    seed_everything(cfg["seed"])
    train = weighted_examples(load_examples(cfg["train"]), cfg["silver_weight"])
    dev = load_examples(cfg["dev"])
    if not train or not dev:
        raise GeoclaimsError("GC208", f"{len(train)} training and {len(dev)} dev examples; both must be non-empty")
    check_labels(train, cfg["labels"])
    check_labels(dev, cfg["labels"])
    model = SpanRelationModel.from_base(cfg["labels"], max_length=cfg["max_length"], device=cfg["device"],
                                        pair_attention=cfg["pair_attention"])
    for name, param in model.net.named_parameters():
        param.requires_grad_(name not in FROZEN)
    if not cfg["quiet"]:
        log(f"{len(train)} training pairs in {len({e.text for e in train})} sentences, {len(dev)} dev pairs, "
            f"device {model.device}, labels {dict(Counter(e.label for e in train))}")
    stats = run_span_epochs(model, train, dev, cfg)
    model.meta = {"name": cfg["name"], "version": cfg["version"],
                  "trained_with": {k: v for k, v in cfg.items() if k != "quiet"}}
    out = Path(cfg["output"])
    model.save(out)
    loaded = calibrate_span_model(out, dev, cfg)
    metrics = loaded.meta["metrics"]["dev"]
    if not cfg["quiet"]:
        log(f"saved {out}; dev micro-F1 {metrics['micro']['f1']:.4f} macro-F1 {metrics['macro']['f1']:.4f} "
            f"(T={loaded.temperature:.3f}, threshold={loaded.threshold:.2f}, {stats['examples_per_s']} train pairs/s)")
    return {"output": str(out), "metrics": metrics, "temperature": loaded.temperature,
            "threshold": loaded.threshold, "train": stats}


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m geoclaims.relations.span_train --config configs/relations-v2.toml [--out DIR]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", required=True, help="span-pool TOML config (configs/relations-v2.toml)")
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

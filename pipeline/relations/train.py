"""Fine-tune the relation classifier: seeded torch loop, dev model selection, calibration, save.

After training the model is saved, reloaded from disk (fp16 delta), calibrated on dev (temperature,
NONE threshold) and evaluated on dev; those metrics go into ``model.json``.
"""
from __future__ import annotations

import copy
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch
from tqdm import tqdm

from ..errors import GeoclaimsError
from ..records import NONE_LABEL, RELATION_LABELS
from .calibration import choose_threshold, fit_temperature, softmax
from .datasets import load_examples
from .encoding import RelationExample
from .evaluate import check_labels, score_examples
from .model import FROZEN, RelationModel, collate


DEFAULTS: dict[str, Any] = {
    "name": "geoclaims-relations", "version": "0.1.0", "seed": 13, "epochs": 3, "batch_size": 16,
    "learning_rate": 5e-5, "max_length": 128, "warmup_ratio": 0.1, "weight_decay": 0.01,
    "class_weighting": "none", "silver_weight": 0.5, "train": [], "dev": [], "output": "models/relations",
    "labels": list(RELATION_LABELS), "log_every": 50, "max_steps": 0, "eval_batch_size": 64,
    "device": "auto", "threads": 0, "quiet": False,
}
WEIGHTINGS = ("none", "inverse_sqrt", "inverse")


def _fail(detail: str) -> GeoclaimsError:
    return GeoclaimsError("GC203", detail)


def _check_number(cfg: dict, key: str, kind: type, low: float, high: float) -> None:
    value = cfg[key]
    if isinstance(value, bool) or not isinstance(value, (int, float) if kind is float else int):
        raise _fail(f"{key} must be {'a number' if kind is float else 'an integer'}, got {value!r}")
    if not low <= value <= high:
        raise _fail(f"{key} = {value} is outside [{low}, {high}]")
    cfg[key] = kind(value)


def validate_config(raw: dict[str, Any]) -> dict[str, Any]:
    """Defaults filled in and every value checked; unknown keys are an error (GC203)."""
    unknown = sorted(set(raw) - set(DEFAULTS))
    if unknown:
        raise _fail(f"unknown keys {unknown}; known: {sorted(DEFAULTS)}")
    cfg = {**copy.deepcopy(DEFAULTS), **copy.deepcopy(raw)}
    for key, low, high in (("seed", 0, 2**31), ("epochs", 1, 1000), ("batch_size", 1, 4096),
                           ("max_length", 16, 512), ("log_every", 0, 10**9), ("max_steps", 0, 10**9),
                           ("eval_batch_size", 1, 4096), ("threads", 0, 256)):
        _check_number(cfg, key, int, low, high)
    for key, low, high in (("learning_rate", 1e-8, 1.0), ("warmup_ratio", 0.0, 1.0),
                           ("weight_decay", 0.0, 1.0), ("silver_weight", 0.0, 100.0)):
        _check_number(cfg, key, float, low, high)
    if cfg["class_weighting"] not in WEIGHTINGS:
        raise _fail(f"class_weighting must be one of {WEIGHTINGS}")
    for key in ("train", "dev"):
        if not isinstance(cfg[key], list) or not all(isinstance(d, dict) and "name" in d for d in cfg[key]):
            raise _fail(f"{key} must be a list of tables with a 'name', like {{name = \"conll04\", split = \"train\"}}")
    labels = cfg["labels"]
    if not isinstance(labels, list) or NONE_LABEL not in labels or len(set(labels)) != len(labels):
        raise _fail(f"labels must be a list of unique strings that includes {NONE_LABEL}")
    if cfg["device"] not in ("auto", "cpu", "cuda"):
        raise _fail("device must be auto, cpu or cuda")
    for key in ("name", "version", "output"):
        cfg[key] = str(cfg[key])
    return cfg


def load_config(path: str | Path) -> dict[str, Any]:
    """The TOML file at ``path``, validated."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            return validate_config(tomllib.load(handle))
    except FileNotFoundError as err:
        raise _fail(f"{path} not found") from err
    except tomllib.TOMLDecodeError as err:
        raise _fail(f"{path}: {err}") from err


def log(message: str) -> None:
    print(f"[train] {message}", file=sys.stderr, flush=True)


def seed_everything(seed: int) -> None:
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def weighted_examples(examples: list[RelationExample], silver_weight: float) -> list[RelationExample]:
    """Silver examples get their weight multiplied by ``silver_weight``."""
    return [RelationExample.from_dict({**e.to_dict(), "weight": e.weight * silver_weight})
            if e.source == "silver" else e for e in examples]


def encode_examples(model: RelationModel, examples: Sequence[RelationExample]) -> list[dict]:
    """Tokenised features (``datasets`` map) with label ids and weights."""
    import datasets

    datasets.disable_progress_bars()
    index = {label: i for i, label in enumerate(model.labels)}
    table = datasets.Dataset.from_list([e.to_dict() for e in examples])

    def encode(row: dict) -> dict:
        return {**model.encode((row["text"], row["subject"], row["object"])), "label_id": index[row["label"]]}

    table = table.map(encode, keep_in_memory=True, new_fingerprint=f"relations-{model.max_length}-{len(table)}",
                      remove_columns=[c for c in table.column_names if c != "weight"])
    return table.to_list()


def class_weights(label_ids: Sequence[int], n_labels: int, scheme: str) -> torch.Tensor:
    """Per-class loss weights, scaled so that the average weight per example is 1."""
    counts = Counter(label_ids)
    weights = torch.ones(n_labels)
    if scheme == "none":
        return weights
    power = 1.0 if scheme == "inverse" else 0.5
    for label, count in counts.items():
        weights[label] = count ** -power
    scale = len(label_ids) / sum(weights[label] * count for label, count in counts.items())
    return weights * scale


def batch_order(lengths: Sequence[int], batch_size: int, generator: torch.Generator) -> list[list[int]]:
    """Seeded batches of similar length: shuffle, sort within chunks of 50 batches, shuffle batches."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for begin in range(0, len(order), chunk):
        part = sorted(order[begin: begin + chunk], key=lambda i: lengths[i])
        batches += [part[k: k + batch_size] for k in range(0, len(part), batch_size)]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def make_optimiser(net: torch.nn.Module, cfg: dict, total_steps: int):
    decay, no_decay = [], []
    for name, param in net.named_parameters():
        if param.requires_grad:
            (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(param)
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=cfg["learning_rate"])
    warmup = int(cfg["warmup_ratio"] * total_steps)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return optimiser, torch.optim.lr_scheduler.LambdaLR(optimiser, factor)


def argmax_micro_f1(model: RelationModel, examples: Sequence[RelationExample], batch_size: int) -> float:
    """Dev micro-F1 with a plain argmax decision (used for model selection)."""
    from .metrics import micro_scores

    logits = model.predict_logits(examples, batch_size=batch_size)
    predicted = [model.labels[i] for i in logits.argmax(axis=1)]
    return micro_scores([e.label for e in examples], predicted)["f1"]


def run_epochs(model: RelationModel, features: list[dict], dev: Sequence[RelationExample], cfg: dict) -> dict:
    """The training loop; keeps the epoch with the best dev micro-F1. Returns training stats."""
    net, device = model.net, model.device
    generator = torch.Generator().manual_seed(cfg["seed"])
    lengths = [len(f["input_ids"]) for f in features]
    steps_per_epoch = -(-len(features) // cfg["batch_size"])
    total = steps_per_epoch * cfg["epochs"]
    if cfg["max_steps"]:
        total = min(total, cfg["max_steps"])
    optimiser, scheduler = make_optimiser(net, cfg, total)
    weights = class_weights([f["label_id"] for f in features], len(model.labels), cfg["class_weighting"]).to(device)
    losses: list[float] = []
    best = {"f1": -1.0, "epoch": 0, "state": None}
    train_seconds, seen, step = 0.0, 0, 0
    bar = tqdm(total=total, desc="train relations", disable=not sys.stderr.isatty() or cfg["quiet"])
    for epoch in range(1, cfg["epochs"] + 1):
        net.train()
        started = time.perf_counter()
        for batch_ids in batch_order(lengths, cfg["batch_size"], generator):
            if step >= total:
                break
            batch = [features[i] for i in batch_ids]
            inputs = collate(batch, device)
            labels = torch.tensor([f["label_id"] for f in batch], device=device)
            example_w = torch.tensor([f["weight"] for f in batch], device=device) * weights[labels]
            loss_each = torch.nn.functional.cross_entropy(net(**inputs), labels, reduction="none")
            loss = (loss_each * example_w).sum() / example_w.sum().clamp_min(1e-8)
            optimiser.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimiser.step()
            scheduler.step()
            losses.append(loss.item())
            step, seen = step + 1, seen + len(batch)
            bar.update(1)
            bar.set_postfix(loss=f"{losses[-1]:.4f}")
            if cfg["log_every"] and step % cfg["log_every"] == 0 and not cfg["quiet"]:
                recent = float(np.mean(losses[-cfg["log_every"]:]))
                log(f"epoch {epoch} step {step}/{total} loss {recent:.4f} "
                    f"{seen / (train_seconds + time.perf_counter() - started):.1f} ex/s")
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


def calibrate_and_score(out: Path, dev: Sequence[RelationExample], cfg: dict) -> RelationModel:
    """Reload from disk, fit temperature and threshold on dev, store them and the dev metrics."""
    model = RelationModel.load(out, device=cfg["device"])
    gold = [model.labels.index(e.label) for e in dev]
    logits = model.predict_logits(dev, batch_size=cfg["eval_batch_size"])
    model.temperature = fit_temperature(logits, gold)
    model.threshold = choose_threshold(softmax(logits / model.temperature), gold, model.labels.index(NONE_LABEL))
    metrics, _, _ = score_examples(model, dev, batch_size=cfg["eval_batch_size"])
    model.meta["metrics"] = {"dev": {k: v for k, v in metrics.items() if k != "confusion"}}
    model.save(out)
    return model


def train_relations(config: dict[str, Any]) -> dict:
    """Train, select, save, reload, calibrate and evaluate; returns the summary (metrics on dev)."""
    cfg = validate_config(config)
    if cfg["threads"]:  # 1 is several times faster than 2 when other processes share the cores
        torch.set_num_threads(cfg["threads"])
    seed_everything(cfg["seed"])
    train = weighted_examples(load_examples(cfg["train"]), cfg["silver_weight"])
    dev = load_examples(cfg["dev"])
    if not train or not dev:
        raise GeoclaimsError("GC208", f"{len(train)} training and {len(dev)} dev examples; both must be non-empty")
    check_labels(train, cfg["labels"])
    check_labels(dev, cfg["labels"])
    model = RelationModel.from_base(cfg["labels"], max_length=cfg["max_length"], device=cfg["device"])
    for name, param in model.net.named_parameters():
        param.requires_grad_(name not in FROZEN)
    features = encode_examples(model, train)
    if not cfg["quiet"]:
        log(f"{len(train)} training pairs, {len(dev)} dev pairs, device {model.device}, "
            f"labels {dict(Counter(e.label for e in train))}")
    stats = run_epochs(model, features, dev, cfg)
    model.meta = {"name": cfg["name"], "version": cfg["version"],
                  "trained_with": {k: v for k, v in cfg.items() if k not in ("quiet",)}}
    out = Path(cfg["output"])
    model.save(out)
    loaded = calibrate_and_score(out, dev, cfg)
    metrics = loaded.meta["metrics"]["dev"]
    if not cfg["quiet"]:
        log(f"saved {out}; dev micro-F1 {metrics['micro']['f1']:.4f} (T={loaded.temperature:.3f}, "
            f"threshold={loaded.threshold:.2f}, {stats['examples_per_s']} train ex/s)")
    return {"output": str(out), "metrics": metrics, "temperature": loaded.temperature,
            "threshold": loaded.threshold, "train": stats}

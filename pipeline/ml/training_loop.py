"""The training-loop pieces the relation (v1, v2) and motive trainers share.

Seeding, logging, seeded length-bucketed batch order, the warm-up/linear-decay schedule, one
optimiser step, the example-weighted cross-entropy, the epoch loop with dev model selection (best
argmax micro-F1, first epoch wins ties) and the run's set-up and summary. Each trainer keeps its
own data, model, loss and calibration and hands them in as functions.
"""
from __future__ import annotations

import copy
import os
import random
import sys
import time
from typing import Any, Callable, Sequence

import numpy as np
import torch
from tqdm import tqdm

from ..errors import GeoclaimsError

# (batch of item indices) -> (loss of the batch, number of examples it counts as seen)
BatchLoss = Callable[[list[int]], "tuple[torch.Tensor, int]"]
OptimiserFactory = Callable[[torch.nn.Module, dict, int], tuple]


def log(message: str) -> None:
    print(f"[train] {message}", file=sys.stderr, flush=True)


def seed_everything(seed: int) -> None:
    os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    torch.use_deterministic_algorithms(True, warn_only=True)


def start_run(cfg: dict) -> None:
    """Thread count (when the config sets one) and every seed, before any data or model is made."""
    if cfg["threads"]:  # 1 is several times faster than 2 when other processes share the cores
        torch.set_num_threads(cfg["threads"])
    seed_everything(cfg["seed"])


def require_examples(train: Sequence, dev: Sequence, unit: str = "examples") -> None:
    """GC208 when the training or the dev set is empty."""
    if not train or not dev:
        raise GeoclaimsError("GC208", f"{len(train)} training and {len(dev)} dev {unit}; both must be non-empty")


def freeze_parameters(net: torch.nn.Module, frozen: Sequence[str]) -> None:
    """Every parameter trainable except those named in ``frozen``."""
    for name, param in net.named_parameters():
        param.requires_grad_(name not in frozen)


def batch_order(lengths: Sequence[int], batch_size: int, generator: torch.Generator) -> list[list[int]]:
    """Seeded batches of similar length: shuffle, sort within chunks of 50 batches, shuffle batches."""
    order = torch.randperm(len(lengths), generator=generator).tolist()
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for begin in range(0, len(order), chunk):
        part = sorted(order[begin: begin + chunk], key=lambda i: lengths[i])
        batches += [part[k: k + batch_size] for k in range(0, len(part), batch_size)]
    return [batches[i] for i in torch.randperm(len(batches), generator=generator).tolist()]


def planned_steps(n_items: int, cfg: dict) -> int:
    """Optimiser steps of the run: batches per epoch x epochs, capped by ``max_steps`` when set."""
    total = -(-n_items // cfg["batch_size"]) * cfg["epochs"]
    return min(total, cfg["max_steps"]) if cfg["max_steps"] else total


def warmup_linear_schedule(optimiser: torch.optim.Optimizer, warmup_ratio: float, total_steps: int):
    """LambdaLR: linear warm-up over ``warmup_ratio`` of the steps, then linear decay to 0."""
    warmup = int(warmup_ratio * total_steps)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup))

    return torch.optim.lr_scheduler.LambdaLR(optimiser, factor)


def make_optimiser(net: torch.nn.Module, cfg: dict, total_steps: int):
    """AdamW (no weight decay on biases and LayerNorm) and its warm-up/linear-decay schedule."""
    decay, no_decay = [], []
    for name, param in net.named_parameters():
        if param.requires_grad:
            (no_decay if name.endswith("bias") or "LayerNorm" in name else decay).append(param)
    optimiser = torch.optim.AdamW([{"params": decay, "weight_decay": cfg["weight_decay"]},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=cfg["learning_rate"])
    return optimiser, warmup_linear_schedule(optimiser, cfg["warmup_ratio"], total_steps)


def optimisation_step(net: torch.nn.Module, optimiser, scheduler, loss: torch.Tensor) -> None:
    """Backward, clip the gradient norm to 1, step the optimiser and the schedule."""
    optimiser.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
    optimiser.step()
    scheduler.step()


def weighted_cross_entropy(logits: torch.Tensor, labels: torch.Tensor, weights: torch.Tensor) -> torch.Tensor:
    """Cross-entropy averaged with per-example ``weights``."""
    loss_each = torch.nn.functional.cross_entropy(logits, labels, reduction="none")
    return (loss_each * weights).sum() / weights.sum().clamp_min(1e-8)


def run_selected_epochs(net: torch.nn.Module, lengths: Sequence[int], cfg: dict, *, make_optimiser: OptimiserFactory,
                        batch_loss: BatchLoss, dev_f1: Callable[[], float], desc: str, unit: str) -> dict:
    """Seeded length-bucketed epochs; keeps the epoch with the best ``dev_f1()``. Returns training stats.

    ``lengths`` has one entry per batchable item; ``unit`` names what ``batch_loss`` counts (log lines).
    """
    generator = torch.Generator().manual_seed(cfg["seed"])
    total = planned_steps(len(lengths), cfg)
    optimiser, scheduler = make_optimiser(net, cfg, total)
    losses: list[float] = []
    best: dict[str, Any] = {"f1": -1.0, "epoch": 0, "state": None}
    train_seconds, seen, step = 0.0, 0, 0
    bar = tqdm(total=total, desc=desc, disable=not sys.stderr.isatty() or cfg["quiet"])
    for epoch in range(1, cfg["epochs"] + 1):
        net.train()
        started = time.perf_counter()
        for batch_ids in batch_order(lengths, cfg["batch_size"], generator):
            if step >= total:
                break
            loss, count = batch_loss(batch_ids)
            optimisation_step(net, optimiser, scheduler, loss)
            losses.append(loss.item())
            step, seen = step + 1, seen + count
            bar.update(1)
            bar.set_postfix(loss=f"{losses[-1]:.4f}")
            if cfg["log_every"] and step % cfg["log_every"] == 0 and not cfg["quiet"]:
                log(f"epoch {epoch} step {step}/{total} loss {np.mean(losses[-cfg['log_every']:]):.4f} "
                    f"{seen / (train_seconds + time.perf_counter() - started):.1f} {unit}/s")
        train_seconds += time.perf_counter() - started
        f1 = dev_f1()
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


def training_meta(cfg: dict, **extra: Any) -> dict:
    """``model.meta`` of a freshly trained model: name, version, ``extra`` and the config it was trained with."""
    return {"name": cfg["name"], "version": cfg["version"], **extra,
            "trained_with": {k: v for k, v in cfg.items() if k != "quiet"}}


def run_summary(out: Any, loaded: Any, stats: dict) -> dict:
    """What a trainer returns: output folder, dev metrics, calibration and training stats."""
    return {"output": str(out), "metrics": loaded.meta["metrics"]["dev"], "temperature": loaded.temperature,
            "threshold": loaded.threshold, "train": stats}

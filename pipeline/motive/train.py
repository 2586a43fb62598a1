"""Fine-tune the motive tagger: seeded torch loop, dev model selection, calibration, save.

The loss is the token cross-entropy over the three BIO layers plus ``causal_weight`` times the
sentence head's cross-entropy. After each epoch the model is scored on dev; the epoch with the best
mean of sentence F1 and cause+effect exact-span F1 (gold-causal dev sentences) is kept. The model is
then saved, reloaded from disk (fp16 delta), calibrated on dev (temperature and causal threshold of
the sentence head) and evaluated on dev; those metrics go into ``model.json``.
"""
from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch

from ..config import invalid_config, validate_section
from ..ml.calibration import choose_threshold, fit_temperature, softmax
from ..ml.training_loop import (batch_order, freeze_parameters, log, make_optimiser, optimisation_step, planned_steps,
                                require_examples, run_summary, start_run, training_meta)
from .data import load_motive_examples
from .encoding import IGNORE, TAGS, MotiveExample
from .evaluate import score_examples
from .model import FROZEN, NAME, MotiveModel, collate

# key: (type, low, high, default), checked by the run configuration's validator (GC203)
SPEC: dict[str, tuple] = {
    "name": (str, None, None, NAME), "version": (str, None, None, "0.1.0"), "seed": (int, 0, 2**31, 13),
    "epochs": (int, 1, 1000, 4), "batch_size": (int, 1, 4096, 16), "learning_rate": (float, 1e-8, 1.0, 1e-4),
    "max_length": (int, 16, 512, 160), "warmup_ratio": (float, 0.0, 1.0, 0.1),
    "weight_decay": (float, 0.0, 1.0, 0.01), "causal_weight": (float, 0.0, 100.0, 1.0),
    "output": (str, None, None, "models/motive"), "log_every": (int, 0, 10**9, 50), "max_steps": (int, 0, 10**9, 0),
    "eval_batch_size": (int, 1, 4096, 64), "device": (str, None, None, "auto"), "threads": (int, 0, 256, 0),
}
DATASET_KEYS = ("train", "dev")


def validate_config(raw: dict[str, Any]) -> dict[str, Any]:
    """Defaults filled in and every value checked; unknown keys are an error (GC203).

    ``train``/``dev`` are lists of dataset tables (``{name = "cnc", split = "train"}``); ``quiet`` a bool.
    """
    scalars = {k: v for k, v in raw.items() if k not in DATASET_KEYS + ("quiet",)}
    cfg = validate_section(scalars, SPEC)
    for key in DATASET_KEYS:
        value = copy.deepcopy(raw.get(key, []))
        if not isinstance(value, list) or not all(isinstance(d, dict) and "name" in d for d in value):
            raise invalid_config(f"{key} must be a list of tables with a 'name', like {{name = \"cnc\", split = \"train\"}}")
        cfg[key] = value
    if cfg["device"] not in ("auto", "cpu", "cuda"):
        raise invalid_config("device must be auto, cpu or cuda")
    cfg["quiet"] = bool(raw.get("quiet", False))
    return cfg


def load_config(path: str | Path) -> dict[str, Any]:
    """The TOML file at ``path``, validated."""
    import tomllib

    if not Path(path).is_file():
        raise invalid_config(f"{path} not found")
    try:
        return validate_config(tomllib.loads(Path(path).read_text(encoding="utf-8")))
    except tomllib.TOMLDecodeError as err:
        raise invalid_config(f"{path}: {err}") from err


MAX_GAPS = (0, 1, 2)


def span_selection(metrics: dict) -> tuple[float, float]:
    """(exact, overlap) cause+effect span F1 on the gold-causal sentences: how ``max_gap`` is chosen."""
    pooled = metrics["spans_causal"]["cause_effect"]
    return round(pooled["exact"]["f1"], 4), round(pooled["overlap"]["f1"], 4)


def selection_score(metrics: dict) -> float:
    """Mean of sentence F1 and cause+effect exact-span F1 on the gold-causal sentences."""
    return (metrics["sentence"]["f1"] + metrics["spans_causal"]["cause_effect"]["exact"]["f1"]) / 2


def batch_loss(model: MotiveModel, batch: dict[str, torch.Tensor], causal_weight: float) -> torch.Tensor:
    tags, causal = model.net(batch["input_ids"], batch["attention_mask"])
    token_loss = torch.nn.functional.cross_entropy(tags.reshape(-1, len(TAGS)), batch["tags"].reshape(-1),
                                                   ignore_index=IGNORE)
    return token_loss + causal_weight * torch.nn.functional.cross_entropy(causal, batch["causal"])


def train_epoch(model: MotiveModel, batches: list[list[dict]], optimiser, scheduler, cfg: dict,
                progress: dict) -> None:
    """One pass over ``batches``, updating ``progress`` (step, seen, seconds, losses) in place."""
    started, every = time.perf_counter(), cfg["log_every"]
    model.net.train()
    for batch in batches:
        loss = batch_loss(model, collate(batch, model.device), cfg["causal_weight"])
        optimisation_step(model.net, optimiser, scheduler, loss)
        progress["losses"].append(loss.item())
        progress["step"] += 1
        progress["seen"] += len(batch)
        if every and progress["step"] % every == 0 and not cfg["quiet"]:
            rate = progress["seen"] / (progress["seconds"] + time.perf_counter() - started)
            log(f"step {progress['step']} loss {np.mean(progress['losses'][-every:]):.4f} {rate:.1f} sentences/s")
    progress["seconds"] += time.perf_counter() - started


def run_epochs(model: MotiveModel, features: list[dict], dev: Sequence[MotiveExample], cfg: dict) -> dict:
    """Seeded length-bucketed batches; keeps the epoch with the best dev selection score. Returns stats."""
    generator = torch.Generator().manual_seed(cfg["seed"])
    lengths = [len(f["input_ids"]) for f in features]
    total = planned_steps(len(features), cfg)
    optimiser, scheduler = make_optimiser(model.net, cfg, total)
    progress: dict[str, Any] = {"step": 0, "seen": 0, "seconds": 0.0, "losses": []}
    scores: list[float] = []
    best_state = None
    for epoch in range(1, cfg["epochs"] + 1):
        order = batch_order(lengths, cfg["batch_size"], generator)[: total - progress["step"]]
        train_epoch(model, [[features[i] for i in ids] for ids in order], optimiser, scheduler, cfg, progress)
        scores.append(selection_score(score_examples(model, dev, batch_size=cfg["eval_batch_size"])[0]))
        if not cfg["quiet"]:
            log(f"epoch {epoch} done: dev selection score {scores[-1]:.4f}")
        if scores[-1] == max(scores) and scores.index(scores[-1]) == epoch - 1:
            best_state = copy.deepcopy(model.net.state_dict())
        if progress["step"] >= total:
            break
    model.net.load_state_dict(best_state)
    best = int(np.argmax(scores))
    return {"steps": progress["step"], "sentences_seen": progress["seen"], "seconds": round(progress["seconds"], 2),
            "sentences_per_s": round(progress["seen"] / max(progress["seconds"], 1e-9), 2),
            "best_epoch": best + 1, "dev_selection_by_epoch": [round(x, 6) for x in scores]}


def calibrate_and_score(out: Path, dev: Sequence[MotiveExample], cfg: dict) -> MotiveModel:
    """Reload from disk; on dev fit the causal head's temperature and threshold and choose the decoder's
    ``max_gap`` (best cause+effect exact span F1, then overlap, then the smaller gap); save with dev metrics."""
    model = MotiveModel.load(out, device=cfg["device"])
    logits = np.stack([raw[2] for raw in model.predict_raw([e.text for e in dev], batch_size=cfg["eval_batch_size"])])
    gold = [e.causal for e in dev]
    model.temperature = fit_temperature(logits, gold)
    model.threshold = choose_threshold(softmax(logits / model.temperature), gold, 0)
    by_gap = {}
    for gap in MAX_GAPS:
        model.max_gap = gap
        by_gap[gap] = score_examples(model, dev, batch_size=cfg["eval_batch_size"])[0]
    model.max_gap = max(MAX_GAPS, key=lambda gap: (span_selection(by_gap[gap]), -gap))
    model.meta["metrics"] = {"dev": by_gap[model.max_gap],
                             "dev_by_max_gap": {str(g): list(span_selection(m)) for g, m in by_gap.items()}}
    model.save(out)
    return model


def train_motive(config: dict[str, Any]) -> dict:
    """Train, select, save, reload, calibrate and evaluate; returns the summary (metrics on dev)."""
    cfg = validate_config(config)
    start_run(cfg)
    train, dev = load_motive_examples(cfg["train"]), load_motive_examples(cfg["dev"])
    require_examples(train, dev, "sentences")
    model = MotiveModel.from_base(max_length=cfg["max_length"], device=cfg["device"])
    freeze_parameters(model.net, FROZEN)
    features = [model.encode(e.text, e) for e in train]
    if not cfg["quiet"]:
        log(f"{len(train)} training sentences ({sum(e.causal for e in train)} causal), {len(dev)} dev, "
            f"device {model.device}")
    stats = run_epochs(model, features, dev, cfg)
    model.meta = training_meta(cfg, training=stats)
    out = model.save(cfg["output"])
    loaded = calibrate_and_score(out, dev, cfg)
    summary = run_summary(out, loaded, stats)
    metrics = summary["metrics"]
    if not cfg["quiet"]:
        log(f"saved {out}; dev sentence F1 {metrics['sentence']['f1']:.4f}, cause+effect exact F1 "
            f"{metrics['spans_causal']['cause_effect']['exact']['f1']:.4f} (T={loaded.temperature:.3f}, "
            f"threshold={loaded.threshold:.2f}, {stats['sentences_per_s']} train sentences/s)")
    return summary

"""Fine-tune the relation classifier: seeded torch loop, dev model selection, calibration, save.

After training the model is saved, reloaded from disk (fp16 delta), calibrated on dev (temperature,
NONE threshold) and evaluated on dev; those metrics go into ``model.json``.
"""
from __future__ import annotations

import copy
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

import torch

from ..config import invalid_config, validate_section
from ..errors import GeoclaimsError
from ..records import NONE_LABEL, RELATION_LABELS
from ..ml.calibration import choose_threshold, fit_temperature, softmax
from .datasets import load_examples
from .encoding import RelationExample
from .evaluate import check_labels, score_examples
from .model import FROZEN, RelationModel, collate
from ..ml.training_loop import (freeze_parameters, log, make_optimiser, require_examples, run_selected_epochs,
                                run_summary, start_run, training_meta, weighted_cross_entropy)


DEFAULTS: dict[str, Any] = {
    "name": "geoclaims-relations", "version": "0.1.0", "seed": 13, "epochs": 3, "batch_size": 16,
    "learning_rate": 5e-5, "max_length": 128, "warmup_ratio": 0.1, "weight_decay": 0.01,
    "class_weighting": "none", "silver_weight": 0.5, "train": [], "dev": [], "output": "models/relations",
    "labels": list(RELATION_LABELS), "log_every": 50, "max_steps": 0, "eval_batch_size": 64,
    "device": "auto", "threads": 0, "quiet": False, "init_from": "", "type_thresholds": False,
}
WEIGHTINGS = ("none", "inverse_sqrt", "inverse")


# the numeric keys: (type, low, high, default), checked by the one config validator (GC203)
NUMBERS: dict[str, tuple] = {
    **{key: (int, low, high, DEFAULTS[key]) for key, low, high in (
        ("seed", 0, 2**31), ("epochs", 1, 1000), ("batch_size", 1, 4096), ("max_length", 16, 512),
        ("log_every", 0, 10**9), ("max_steps", 0, 10**9), ("eval_batch_size", 1, 4096), ("threads", 0, 256))},
    **{key: (float, low, high, DEFAULTS[key]) for key, low, high in (
        ("learning_rate", 1e-8, 1.0), ("warmup_ratio", 0.0, 1.0), ("weight_decay", 0.0, 1.0),
        ("silver_weight", 0.0, 100.0))},
}


def validate_config(raw: dict[str, Any]) -> dict[str, Any]:
    """Defaults filled in and every value checked; unknown keys are an error (GC203)."""
    unknown = sorted(set(raw) - set(DEFAULTS))
    if unknown:
        raise invalid_config(f"unknown keys {unknown}; known: {sorted(DEFAULTS)}")
    cfg = {**copy.deepcopy(DEFAULTS), **copy.deepcopy(raw)}
    cfg.update(validate_section({key: cfg[key] for key in NUMBERS}, NUMBERS))
    if cfg["class_weighting"] not in WEIGHTINGS:
        raise invalid_config(f"class_weighting must be one of {WEIGHTINGS}")
    for key in ("train", "dev"):
        if not isinstance(cfg[key], list) or not all(isinstance(d, dict) and "name" in d for d in cfg[key]):
            raise invalid_config(f"{key} must be a list of tables with a 'name', like {{name = \"conll04\", split = \"train\"}}")
    labels = cfg["labels"]
    if not isinstance(labels, list) or NONE_LABEL not in labels or len(set(labels)) != len(labels):
        raise invalid_config(f"labels must be a list of unique strings that includes {NONE_LABEL}")
    if cfg["device"] not in ("auto", "cpu", "cuda"):
        raise invalid_config("device must be auto, cpu or cuda")
    if not isinstance(cfg["type_thresholds"], bool):
        raise invalid_config("type_thresholds must be true or false")
    for key in ("name", "version", "output", "init_from"):
        cfg[key] = str(cfg[key])
    return cfg


def load_config(path: str | Path) -> dict[str, Any]:
    """The TOML file at ``path``, validated."""
    import tomllib

    try:
        with open(path, "rb") as handle:
            return validate_config(tomllib.load(handle))
    except FileNotFoundError as err:
        raise invalid_config(f"{path} not found") from err
    except tomllib.TOMLDecodeError as err:
        raise invalid_config(f"{path}: {err}") from err


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


def argmax_micro_f1(model: RelationModel, examples: Sequence[RelationExample], batch_size: int) -> float:
    """Dev micro-F1 with a plain argmax decision (used for model selection)."""
    from .metrics import micro_scores

    logits = model.predict_logits(examples, batch_size=batch_size)
    predicted = [model.labels[i] for i in logits.argmax(axis=1)]
    return micro_scores([e.label for e in examples], predicted)["f1"]


def run_epochs(model: RelationModel, features: list[dict], dev: Sequence[RelationExample], cfg: dict) -> dict:
    """The training loop; keeps the epoch with the best dev micro-F1. Returns training stats."""
    device = model.device
    weights = class_weights([f["label_id"] for f in features], len(model.labels), cfg["class_weighting"]).to(device)

    def batch_loss(batch_ids: list[int]) -> tuple[torch.Tensor, int]:
        batch = [features[i] for i in batch_ids]
        labels = torch.tensor([f["label_id"] for f in batch], device=device)
        example_w = torch.tensor([f["weight"] for f in batch], device=device) * weights[labels]
        return weighted_cross_entropy(model.net(**collate(batch, device)), labels, example_w), len(batch)

    return run_selected_epochs(model.net, [len(f["input_ids"]) for f in features], cfg, make_optimiser=make_optimiser,
                               batch_loss=batch_loss, desc="train relations", unit="ex",
                               dev_f1=lambda: argmax_micro_f1(model, dev, cfg["eval_batch_size"]))


def calibrate_and_score(out: Path, dev: Sequence[RelationExample], cfg: dict,
                        model_class: type = RelationModel) -> Any:
    """Reload (a ``model_class``) from disk, fit temperature and threshold on dev, store them and the dev metrics."""
    model = model_class.load(out, device=cfg["device"])
    gold = [model.labels.index(e.label) for e in dev]
    logits = model.predict_logits(dev, batch_size=cfg["eval_batch_size"])
    model.temperature = fit_temperature(logits, gold)
    model.threshold = choose_threshold(softmax(logits / model.temperature), gold, model.labels.index(NONE_LABEL))
    metrics, _, _ = score_examples(model, dev, batch_size=cfg["eval_batch_size"])
    model.meta["metrics"] = {"dev": {k: v for k, v in metrics.items() if k != "confusion"}}
    model.save(out)
    return model


def save_and_calibrate(model: Any, dev: Sequence[RelationExample], cfg: dict, stats: dict) -> dict:
    """Save the trained ``model`` (with its training meta), reload and calibrate it on dev: the run summary."""
    model.meta = training_meta(cfg)
    out = Path(cfg["output"])
    model.save(out)
    return run_summary(out, calibrate_and_score(out, dev, cfg, model_class=type(model)), stats)


def initial_model(cfg: dict) -> RelationModel:
    """The base encoder with a fresh head, or (``init_from``) a trained model to continue from."""
    if not cfg["init_from"]:
        return RelationModel.from_base(cfg["labels"], max_length=cfg["max_length"], device=cfg["device"])
    model = RelationModel.load(cfg["init_from"], device=cfg["device"])
    if list(model.labels) != list(cfg["labels"]):
        raise invalid_config(f"init_from {cfg['init_from']!r} has labels {model.labels}, the config {cfg['labels']}")
    model.net.float()
    return model


def write_type_thresholds(out: Path, dev: Sequence[RelationExample], cfg: dict, *,
                          model_class: type = RelationModel) -> dict[str, float]:
    """Per-type thresholds fitted on dev (``geoclaims.events.decide``), added to ``calibration.json``."""
    import json

    from ..events.decide import fit_type_thresholds

    model = model_class.load(out, device=cfg["device"])
    probs = model.predict_proba(dev, batch_size=cfg["eval_batch_size"])
    thresholds = fit_type_thresholds(probs, [e.label for e in dev], model.labels, default=model.threshold)
    path = out / "calibration.json"
    calibration = json.loads(path.read_text())
    calibration["type_thresholds"] = thresholds
    path.write_text(json.dumps(calibration, indent=1) + "\n")
    return thresholds


def load_train_dev(cfg: dict) -> tuple[list[RelationExample], list[RelationExample]]:
    """The (silver-weighted) training and the dev examples of the config; GC208 if either is empty."""
    train = weighted_examples(load_examples(cfg["train"]), cfg["silver_weight"])
    dev = load_examples(cfg["dev"])
    require_examples(train, dev)
    check_labels(train, cfg["labels"])
    check_labels(dev, cfg["labels"])
    return train, dev


def train_relations(config: dict[str, Any]) -> dict:
    """Train, select, save, reload, calibrate and evaluate; returns the summary (metrics on dev)."""
    cfg = validate_config(config)
    start_run(cfg)
    train, dev = load_train_dev(cfg)
    model = initial_model(cfg)
    freeze_parameters(model.net, FROZEN)
    features = encode_examples(model, train)
    if not cfg["quiet"]:
        log(f"{len(train)} training pairs, {len(dev)} dev pairs, device {model.device}, "
            f"labels {dict(Counter(e.label for e in train))}")
    stats = run_epochs(model, features, dev, cfg)
    summary = save_and_calibrate(model, dev, cfg, stats)
    if cfg["type_thresholds"]:
        summary["type_thresholds"] = write_type_thresholds(Path(cfg["output"]), dev, cfg)
    if not cfg["quiet"]:
        log(f"saved {summary['output']}; dev micro-F1 {summary['metrics']['micro']['f1']:.4f} "
            f"(T={summary['temperature']:.3f}, threshold={summary['threshold']:.2f}, "
            f"{stats['examples_per_s']} train ex/s)")
    return summary

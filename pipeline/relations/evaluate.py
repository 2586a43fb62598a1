"""Evaluate a saved relation model on datasets: table on stdout, metrics/confusion/predictions on disk.

The model is always loaded from its directory, so the numbers are those of the fp16 delta as shipped.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from ..errors import GeoclaimsError
from ..records import NONE_LABEL
from ..ml.calibration import decide
from .datasets import load_examples, parse_data_arg, spec_label
from .encoding import RelationExample
from .metrics import format_table, relation_metrics
from .model import RelationModel


def check_labels(examples: Sequence[RelationExample], labels: Sequence[str]) -> None:
    unknown = sorted({e.label for e in examples} - set(labels))
    if unknown:
        raise GeoclaimsError("GC208", f"labels {unknown} are not among the model's labels {list(labels)}")


def predictions_from_probs(probs: np.ndarray, labels: Sequence[str], threshold: float) -> list[str]:
    """Labels chosen by the NONE-threshold rule."""
    return [labels[i] for i in decide(probs, list(labels).index(NONE_LABEL), threshold)]


def score_examples(model: RelationModel, examples: Sequence[RelationExample], *,
                   batch_size: int = 32) -> tuple[dict, np.ndarray, list[str]]:
    """(metrics, calibrated probabilities, predicted labels) of ``model`` on ``examples``."""
    check_labels(examples, model.labels)
    probs = model.predict_proba(examples, batch_size=batch_size)
    predicted = predictions_from_probs(probs, model.labels, model.threshold)
    metrics = relation_metrics([e.label for e in examples], predicted, model.labels, probs)
    return metrics, probs, predicted


def as_specs(data: Any) -> list[dict]:
    items = data if isinstance(data, (list, tuple)) else [data]
    return [parse_data_arg(item) if isinstance(item, str) else dict(item) for item in items]


def write_reports(out: Path, metrics: dict, examples: Sequence[RelationExample], probs: np.ndarray,
                  predicted: Sequence[str], labels: Sequence[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "metrics.json").write_text(json.dumps(metrics, indent=1, sort_keys=True) + "\n")
    rows = ["gold\\predicted\t" + "\t".join(labels)]
    rows += [label + "\t" + "\t".join(map(str, row)) for label, row in zip(labels, metrics["confusion"])]
    (out / "confusion.tsv").write_text("\n".join(rows) + "\n")
    with (out / "predictions.jsonl").open("w", encoding="utf-8") as handle:
        for example, row, pred in zip(examples, probs, predicted):
            record = {"example_id": example.example_id, "gold": example.label, "predicted": pred,
                      "probability": {label: round(float(p), 6) for label, p in zip(labels, row)}}
            handle.write(json.dumps(record, sort_keys=True) + "\n")


BASELINE = "cameo-rules"


def evaluate_baseline(examples: Sequence[RelationExample], specs: list[dict], out_dir: str | Path | None, *,
                      quiet: bool = False) -> dict:
    """The CAMEO-pattern rules alone on the same examples (no probabilities, so no ECE)."""
    from ..records import RELATION_LABELS
    from .silver import baseline_predict

    predicted = baseline_predict(examples)
    labels = list(RELATION_LABELS)
    metrics = relation_metrics([e.label for e in examples], predicted, labels)
    metrics["data"] = [spec_label(s) for s in specs]
    metrics["model"] = {"path": BASELINE, "name": "CAMEO verb patterns (PETRARCH2 CAMEO.2.0) -> PLOVER"}
    if not quiet:
        print(f"{BASELINE} on {', '.join(metrics['data'])}")
        print(format_table(metrics))
    if out_dir is not None:
        probs = np.eye(len(labels), dtype=np.float32)[[labels.index(p) for p in predicted]]
        write_reports(Path(out_dir), metrics, examples, probs, predicted, labels)
    return metrics


def evaluate_relations(model_dir: str | Path, data_spec: Any, out_dir: str | Path | None = None, *,
                       batch_size: int = 32, device: str | None = "auto", quiet: bool = False,
                       backend: str = "torch") -> dict:
    """Metrics of the model at ``model_dir`` on the datasets in ``data_spec`` (spec, name or list).

    ``model_dir`` ``cameo-rules`` scores the rule baseline (the CAMEO verb patterns alone) instead.
    ``backend`` ``onnx-int8``/``onnx`` scores the ONNX Runtime path (``geoclaims.relations.onnx_model``).
    """
    specs = as_specs(data_spec)
    examples = load_examples(specs)
    if not examples:
        raise GeoclaimsError("GC208", f"no examples in {[spec_label(s) for s in specs]}")
    if str(model_dir) == BASELINE:
        return evaluate_baseline(examples, specs, out_dir, quiet=quiet)
    if backend == "torch":
        from .onnx_model import torch_model_class

        model = torch_model_class(model_dir).load(model_dir, device=device)
    else:
        from .onnx_model import load_relation_model

        onnx_device = "cpu" if device in (None, "auto") else device
        model = load_relation_model(model_dir, backend=backend, device=onnx_device)
    metrics, probs, predicted = score_examples(model, examples, batch_size=batch_size)
    metrics["data"] = [spec_label(s) for s in specs]
    metrics["model"] = {"path": str(model_dir), "backend": backend,
                        "temperature": model.temperature, "threshold": model.threshold,
                        **{k: model.meta[k] for k in ("name", "version") if k in model.meta}}
    if not quiet:
        print(f"{model_dir} on {', '.join(metrics['data'])}")
        print(format_table(metrics))
    if out_dir is not None:
        write_reports(Path(out_dir), metrics, examples, probs, predicted, model.labels)
    return metrics

"""Evaluate a saved motive model on datasets: table on stdout, metrics.json and predictions.jsonl on disk.

The model is always loaded from its directory, so the numbers are those of the fp16 delta as shipped.
Each dataset spec (``cnc:dev``, ``cnc:test``) is scored on its own and the results are keyed by it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Sequence

from ..errors import GeoclaimsError
from .data import as_spec, load_motive_examples, motive_spec_label
from .encoding import ROLES, MotiveExample
from .metrics import format_table, motive_metrics
from .model import MotiveModel, SentenceCauses


def role_spans(found: SentenceCauses) -> dict[str, list[tuple[int, int]]]:
    return {role: [(s.start, s.end) for s in spans]
            for role, spans in zip(ROLES, (found.causes, found.effects, found.signals))}


def score_examples(model: MotiveModel, examples: Sequence[MotiveExample], *,
                   batch_size: int = 32) -> tuple[dict, list[SentenceCauses]]:
    """(metrics, predictions) of ``model`` on ``examples``."""
    found = model.predict([e.text for e in examples], batch_size=batch_size)
    metrics = motive_metrics(examples, [f.causal_probability for f in found], [role_spans(f) for f in found],
                             model.threshold)
    return metrics, found


def write_predictions(path: Path, label: str, examples: Sequence[MotiveExample],
                      found: Sequence[SentenceCauses]) -> None:
    """Append one JSON line per sentence (gold and predicted spans, causal probability)."""
    with path.open("a", encoding="utf-8") as handle:
        for example, pred in zip(examples, found):
            record = {"data": label, "example_id": example.example_id, "gold_causal": example.causal,
                      "causal_probability": pred.causal_probability,
                      "gold": {r.lower(): [list(s) for s in example.spans(r)] for r in ROLES},
                      "predicted": {r.lower(): [list(s) for s in spans] for r, spans in
                                    zip(ROLES, (pred.causes, pred.effects, pred.signals))}}
            handle.write(json.dumps(record, sort_keys=True) + "\n")


def evaluate_motive(model_dir: str | Path, data_specs: Any, out_dir: str | Path | None = None, *,
                    batch_size: int = 32, device: str | None = "auto", quiet: bool = False,
                    backend: str = "torch") -> dict:
    """Metrics of the model at ``model_dir`` on ``backend`` (torch, onnx, onnx-int8) per dataset spec; writes
    reports under ``out_dir``."""
    if backend == "torch":
        model = MotiveModel.load(model_dir, device=device)
    else:
        from .onnx_model import load_motive_model

        model = load_motive_model(model_dir, backend=backend, device="cpu" if device == "auto" else device)
    specs = [as_spec(s) for s in (data_specs if isinstance(data_specs, (list, tuple)) else [data_specs])]
    report: dict[str, Any] = {"model": {"path": str(model_dir), "backend": backend, "temperature": model.temperature,
                                        "threshold": model.threshold,
                                        **{k: model.meta[k] for k in ("name", "version") if k in model.meta}},
                              "data": {}}
    out = Path(out_dir) if out_dir is not None else None
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "predictions.jsonl").write_text("")
    for spec in specs:
        label = motive_spec_label(spec)
        examples = load_motive_examples([spec])
        if not examples:
            raise GeoclaimsError("GC208", f"no examples in {label}")
        metrics, found = score_examples(model, examples, batch_size=batch_size)
        report["data"][label] = metrics
        if not quiet:
            print(f"{model_dir} on {label}")
            print(format_table(metrics))
        if out is not None:
            write_predictions(out / "predictions.jsonl", label, examples, found)
    if out is not None:
        (out / "metrics.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n")
    return report

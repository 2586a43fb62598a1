"""``geoclaims evaluate relations|motive --model DIR --data NAME[:split] ... [--out DIR]``."""
from __future__ import annotations

import argparse

TASKS = ("relations", "motive", "qualifiers")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task", choices=TASKS, help="what to evaluate")
    parser.add_argument("--model", help="model directory (with model.json), or cameo-rules for the rule baseline; not for qualifiers")
    parser.add_argument("--data", required=True, action="append",
                        help="dataset NAME[:split] (gold:test, conll04:dev; cnc:dev, cnc:test for motive) or a .jsonl file; repeatable")
    parser.add_argument("--out", help="write metrics.json, predictions.jsonl (and confusion.tsv for relations) here")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")
    parser.add_argument("--backend", choices=("torch", "onnx-int8", "onnx"), default="torch",
                        help="inference backend: torch fp32 (default), ONNX Runtime int8 or fp32")


def run(args: argparse.Namespace) -> int:
    if args.task == "qualifiers":
        from ..qualifier_eval import evaluate_qualifiers

        evaluate_qualifiers(list(args.data), args.out)
        return 0
    if not args.model:
        from ..errors import GeoclaimsError

        raise GeoclaimsError("GC204", f"evaluate {args.task} needs --model")
    if args.task == "motive":
        from ..motive.evaluate import evaluate_motive

        evaluate_motive(args.model, list(args.data), args.out, batch_size=args.batch_size, device=args.device)
        return 0
    from ..relations.evaluate import evaluate_relations

    evaluate_relations(args.model, list(args.data), args.out, batch_size=args.batch_size, device=args.device,
                       backend=args.backend)
    return 0

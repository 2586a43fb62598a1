"""``geoclaims evaluate relations --model DIR --data NAME[:split] ... [--out DIR]``."""
from __future__ import annotations

import argparse

TASKS = ("relations",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task", choices=TASKS, help="what to evaluate")
    parser.add_argument("--model", required=True, help="model directory (with model.json), or cameo-rules for the rule baseline")
    parser.add_argument("--data", required=True, action="append",
                        help="dataset NAME[:split] (gold:test, conll04:dev, ...) or a .jsonl file; repeatable")
    parser.add_argument("--out", help="write metrics.json, confusion.tsv and predictions.jsonl here")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), default="auto")


def run(args: argparse.Namespace) -> int:
    from ..relations.evaluate import evaluate_relations

    evaluate_relations(args.model, list(args.data), args.out, batch_size=args.batch_size, device=args.device)
    return 0

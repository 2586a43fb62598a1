"""``geoclaims train relations --config FILE [--out DIR] [--seed N]``."""
from __future__ import annotations

import argparse
import json

TASKS = ("relations",)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task", choices=TASKS, help="what to train")
    parser.add_argument("--config", required=True, help="TOML training config (e.g. configs/relations.toml)")
    parser.add_argument("--out", help="output model directory (overrides the config's 'output')")
    parser.add_argument("--seed", type=int, help="random seed (overrides the config's 'seed')")
    parser.add_argument("--epochs", type=int, help="number of epochs (overrides the config)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), help="where to train (default: config, auto)")
    parser.add_argument("--threads", type=int, help="torch CPU threads (0: torch default; 1 is fastest on busy cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress or log lines")


def run(args: argparse.Namespace) -> int:
    from ..relations.train import load_config, train_relations, validate_config

    config = load_config(args.config)
    overrides = {"output": args.out, "seed": args.seed, "epochs": args.epochs, "device": args.device,
                 "threads": args.threads}
    config.update({k: v for k, v in overrides.items() if v is not None})
    if args.quiet:
        config["quiet"] = True
    summary = train_relations(validate_config(config))
    micro = summary["metrics"]["micro"]
    print(json.dumps({"output": summary["output"], "dev_micro_f1": round(micro["f1"], 4),
                      "dev_macro_f1": round(summary["metrics"]["macro"]["f1"], 4),
                      "temperature": round(summary["temperature"], 4), "threshold": summary["threshold"],
                      "train_examples_per_s": summary["train"]["examples_per_s"]}))
    return 0

"""``geoclaims train relations|motive --config FILE [--out DIR] [--seed N]``."""
from __future__ import annotations

import argparse
import json

from ..resources import resolve

TASKS = ("relations", "motive")


EXAMPLES = """\
examples:
  geoclaims train relations --config configs/relations.toml
  geoclaims train motive --config configs/motive.toml --out build/motive --seed 1
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("task", choices=TASKS, help="what to train")
    parser.add_argument("--config", required=True, help="TOML training config (e.g. configs/relations.toml, configs/motive.toml)")
    parser.add_argument("--out", help="output model directory (overrides the config's 'output')")
    parser.add_argument("--seed", type=int, help="random seed (overrides the config's 'seed')")
    parser.add_argument("--epochs", type=int, help="number of epochs (overrides the config)")
    parser.add_argument("--device", choices=("auto", "cpu", "cuda"), help="where to train (default: config, auto)")
    parser.add_argument("--threads", type=int, help="torch CPU threads (0: torch default; 1 is fastest on busy cores)")
    parser.add_argument("--quiet", action="store_true", help="no progress or log lines")


def configured(args: argparse.Namespace, load_config) -> dict:
    """The config file with the command-line overrides applied."""
    config = load_config(resolve(args.config))  # configs/NAME.toml: the shipped one outside a checkout
    overrides = {"output": args.out, "seed": args.seed, "epochs": args.epochs, "device": args.device,
                 "threads": args.threads}
    config.update({k: v for k, v in overrides.items() if v is not None})
    if args.quiet:
        config["quiet"] = True
    return config


def run_motive(args: argparse.Namespace) -> int:
    from ..motive.train import load_config, train_motive, validate_config

    summary = train_motive(validate_config(configured(args, load_config)))
    metrics = summary["metrics"]
    print(json.dumps({"output": summary["output"], "dev_sentence_f1": round(metrics["sentence"]["f1"], 4),
                      "dev_cause_effect_exact_f1": round(metrics["spans_causal"]["cause_effect"]["exact"]["f1"], 4),
                      "dev_cause_effect_overlap_f1": round(metrics["spans_causal"]["cause_effect"]["overlap"]["f1"], 4),
                      "temperature": round(summary["temperature"], 4), "threshold": summary["threshold"],
                      "train_sentences_per_s": summary["train"]["sentences_per_s"]}))
    return 0


def run(args: argparse.Namespace) -> int:
    if args.task == "motive":
        return run_motive(args)
    from ..relations.span_train import is_span_config

    if is_span_config(resolve(args.config)):  # architecture = "span-pool": one encoder pass per sentence
        from ..relations.span_train import load_span_config as load_config
        from ..relations.span_train import train_span_relations as train_relations
        from ..relations.span_train import validate_span_config as validate_config
    else:
        from ..relations.train import load_config, train_relations, validate_config

    summary = train_relations(validate_config(configured(args, load_config)))
    micro = summary["metrics"]["micro"]
    print(json.dumps({"output": summary["output"], "dev_micro_f1": round(micro["f1"], 4),
                      "dev_macro_f1": round(summary["metrics"]["macro"]["f1"], 4),
                      "temperature": round(summary["temperature"], 4), "threshold": summary["threshold"],
                      "train_examples_per_s": summary["train"]["examples_per_s"]}))
    return 0

"""``geoclaims extract INPUT... --out DIR``: read articles, extract claims, write the claim store."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..config import REPO_ROOT, load_config
from ..extract import build_processor, prepare_inputs, run_extract
from ..store import ClaimStore

DEFAULT_MODEL = Path("models") / "relations"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="JSON Lines (.jsonl, .jsonl.gz), text files or folders, HTML, RSS/Atom, WARC")
    parser.add_argument("--out", required=True, type=Path, help="the claim store directory")
    parser.add_argument("--format", default=None, help="jsonl|text|html|feed|warc (default: by file type)")
    parser.add_argument("--config", type=Path, default=None,
                        help="run configuration (default: configs/extract.toml)")
    parser.add_argument("--model", type=Path, default=None,
                        help="relation model directory (default: models/relations)")


def default_model_dir() -> Path:
    return DEFAULT_MODEL if DEFAULT_MODEL.is_dir() else REPO_ROOT / DEFAULT_MODEL


def run(args: argparse.Namespace) -> int:
    config = load_config(args.config)
    prepare_inputs(args.inputs, args.format)  # GC201/GC206 before anything loads or is written
    ClaimStore(args.out).check_writable()  # GC202
    processor = build_processor(config, args.model or default_model_dir())
    with _progress_bar() as bar:
        result = run_extract(args.inputs, args.out, processor, config, fmt=args.format,
                             progress=bar.update)
    print(result.summary_line())
    if not result.counts.invariant_holds():
        print("geoclaims: counts do not add up (read != processed + rejected); see manifest.json",
              file=sys.stderr)
        return 1
    return 0


def _progress_bar():
    from tqdm import tqdm

    return tqdm(unit=" records", desc="extract", file=sys.stderr, disable=not sys.stderr.isatty(),
                dynamic_ncols=True)

"""``geoclaims extract INPUT... --out DIR``: read articles, extract claims, write the claim store."""
from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from ..config import load_config
from ..extract import build_processor, prepare_inputs, run_extract
from ..resources import default_model_dir, resolve
from ..store import ClaimStore
from ..store_lock import store_lock


EXAMPLES = """\
examples:
  geoclaims extract corpora/samples/kazakhstan-middle-power.jsonl --out out/demo
  geoclaims extract articles/ feed.rss --out out/news --workers 4
  curl -s https://example.org/articles.jsonl | geoclaims extract - --out out/feed
  geoclaims extract big.jsonl.gz --out out/big --engine ray --workers 8 --device cuda
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="+", type=Path, metavar="INPUT",
                        help="JSON Lines (.jsonl, .jsonl.gz), text files or folders, HTML, RSS/Atom, WARC; "
                             "'-' reads JSON Lines from standard input")
    parser.add_argument("--out", required=True, type=Path, help="the claim store directory")
    parser.add_argument("--format", default=None, help="jsonl|text|html|feed|warc (default: by file type)")
    parser.add_argument("--config", type=Path, default=None,
                        help="run configuration (default: configs/extract.toml, the shipped one)")
    parser.add_argument("--model", type=Path, default=None,
                        help="relation model directory (default: models/relations, the shipped one)")
    parser.add_argument("--workers", type=int, default=1,
                        help="worker processes, each loading the models once (default 1: this process)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local",
                        help="local processes (default) or Ray Data (pip install geoclaims[ray])")
    parser.add_argument("--device", choices=("cpu", "cuda"), default="cpu",
                        help="where the relation classifier runs (spaCy always runs on CPU)")


def run(args: argparse.Namespace) -> int:
    config = load_config(resolve(args.config) if args.config else None)  # configs/NAME: shipped ones too
    prepare_inputs(args.inputs, args.format)  # GC201/GC206 before anything loads or is written
    ClaimStore(args.out).check_writable()  # GC202
    with store_lock(args.out) as lock, _progress_bar() as bar:  # GC223 at once if another run writes here
        if lock.stale:
            print(f"geoclaims: note: the store's last writer (pid {lock.stale.get('pid')}) ended without "
                  "releasing its lock; taking it over", file=sys.stderr)
        result = _run(args, config, resolve(args.model) if args.model else default_model_dir(), bar.update)
    print(result.summary_line())
    if not result.counts.invariant_holds():
        print("geoclaims: counts do not add up (read != processed + rejected); see manifest.json",
              file=sys.stderr)
        return 1
    return 0


def _run(args: argparse.Namespace, config: dict, model_dir: Path, progress):
    """The run on the chosen engine: this process, ``--workers`` processes, or Ray."""
    device = {"device": args.device} if args.device != "cpu" else {}  # build_processor's default is cpu
    factory = partial(build_processor, config, model_dir, **device)
    if args.engine == "ray":
        from ..engines.ray_engine import run_extract_ray

        return run_extract_ray(args.inputs, args.out, factory, config, workers=args.workers, fmt=args.format,
                               progress=progress)
    if args.workers > 1:
        from ..engines.local import run_extract_parallel

        return run_extract_parallel(args.inputs, args.out, factory, config, workers=args.workers,
                                    fmt=args.format, progress=progress)
    return run_extract(args.inputs, args.out, factory(), config, fmt=args.format, progress=progress)


class _progress_bar:
    """The progress bar, drawn from the first committed chunk on (after any "preparing" line)."""

    def __init__(self):
        self.bar = None

    def __enter__(self) -> "_progress_bar":
        return self

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.close()

    def update(self, n: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(unit=" records", desc="extract", file=sys.stderr, disable=not sys.stderr.isatty(),
                            dynamic_ncols=True)
        self.bar.update(n)

"""``geoclaims aggregate STORE --out AGG``: merge the same claim seen in many articles into clusters."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..graph.aggregate import run_aggregate


EXAMPLES = """\
examples:
  geoclaims aggregate out/news --out out/news-agg
  geoclaims aggregate out/news --out out/news-agg --window-days 7
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", type=Path, metavar="STORE", help="a claim store written by extract")
    parser.add_argument("--out", required=True, type=Path, metavar="AGG",
                        help="the aggregation directory (created, or updated with the store's new parts)")
    parser.add_argument("--window-days", type=int, default=30,
                        help="claims of one key further apart than this many days are different clusters (default 30)")
    parser.add_argument("--run-rows", type=int, default=200_000,
                        help="claims sorted in memory at a time; bounds memory use (default 200000)")


def run(args: argparse.Namespace) -> int:
    result = run_aggregate(args.store, args.out, window_days=args.window_days, run_rows=args.run_rows)
    print(result.summary_line())
    return 0

"""``geoclaims cat DIR``: every claim of a store as compact JSON Lines, in a stable order."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..store import ClaimStore


EXAMPLES = """\
examples:
  geoclaims cat out/demo
  geoclaims cat out/demo | head -n 3
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", type=Path, metavar="DIR", help="a claim store written by extract")


def run(args: argparse.Namespace) -> int:
    store = ClaimStore.open_for_read(args.store)
    if not store.is_complete():
        print(f"geoclaims: warning: {args.store} is incomplete (no manifest.json); printing the "
              "committed chunks. Run extract again to finish it.", file=sys.stderr)
    store.verify()  # GC222 before anything is printed: never a damaged file's claims
    out = sys.stdout
    try:
        for claim in store.iter_claims():
            out.write(json.dumps(claim, ensure_ascii=False, separators=(",", ":")) + "\n")
        out.flush()
    except BrokenPipeError:  # `geoclaims cat DIR | head` is fine
        sys.stderr.close()
    return 0

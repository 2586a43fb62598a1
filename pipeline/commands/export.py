"""``geoclaims export STORE --to neo4j|rdf|graphml|parquet --out PATH``: the store for other tools."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import GeoclaimsError
from ..graph import exporters
from ..graph.source import open_store



EXAMPLES = """\
examples:
  geoclaims export out/demo --to parquet --out out/parquet
  geoclaims export out/news --to neo4j --out out/neo4j --agg out/news-agg
  geoclaims export out/demo --to rdf --out demo.ttl
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", type=Path, metavar="STORE", help="a claim store written by extract")
    parser.add_argument("--to", required=True, choices=exporters.names(),
                        help="the export format: a registered exporter (geoclaims.exporters.<name>.v1)")
    parser.add_argument("--out", required=True, type=Path, metavar="PATH",
                        help="a directory (neo4j, parquet) or a file (rdf: .ttl or .nt; graphml: .graphml)")
    parser.add_argument("--agg", type=Path, default=None, metavar="AGG",
                        help="also export the clusters of this aggregation directory")
    parser.add_argument("--rdf-format", choices=("ttl", "nt"), default=None,
                        help="rdf: Turtle or N-Triples (default: by the --out suffix, else Turtle)")


def check_target(out: Path, target: str) -> None:
    """GC213 when ``out`` cannot take this export."""
    if exporters.get(target).writes_directory:
        if out.exists() and (not out.is_dir() or any(p.suffix not in (".csv", ".parquet", ".sh", ".cypher")
                                                     for p in out.iterdir())):
            raise GeoclaimsError("GC213", f"{str(out)!r} is not a directory of a previous {target} export")
    elif out.is_dir():
        raise GeoclaimsError("GC213", f"{str(out)!r} is a directory; {target} writes one file")


def run(args: argparse.Namespace) -> int:
    open_store(args.store)  # GC207 before anything is written
    check_target(args.out, args.to)
    print(exporters.get(args.to)(args.store, args.out, agg_dir=args.agg, rdf_format=args.rdf_format))
    return 0

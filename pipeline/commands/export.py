"""``geoclaims export STORE --to neo4j|rdf|graphml|parquet --out PATH``: the store for other tools."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import GeoclaimsError
from ..graph.source import open_store

TARGETS = ("neo4j", "rdf", "graphml", "parquet")
DIRECTORY_TARGETS = ("neo4j", "parquet")


EXAMPLES = """\
examples:
  geoclaims export out/demo --to parquet --out out/parquet
  geoclaims export out/news --to neo4j --out out/neo4j --agg out/news-agg
  geoclaims export out/demo --to rdf --out demo.ttl
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", type=Path, metavar="STORE", help="a claim store written by extract")
    parser.add_argument("--to", required=True, choices=TARGETS, help="the export format")
    parser.add_argument("--out", required=True, type=Path, metavar="PATH",
                        help="a directory (neo4j, parquet) or a file (rdf: .ttl or .nt; graphml: .graphml)")
    parser.add_argument("--agg", type=Path, default=None, metavar="AGG",
                        help="also export the clusters of this aggregation directory")
    parser.add_argument("--rdf-format", choices=("ttl", "nt"), default=None,
                        help="rdf: Turtle or N-Triples (default: by the --out suffix, else Turtle)")


def check_target(out: Path, target: str) -> None:
    """GC213 when ``out`` cannot take this export."""
    if target in DIRECTORY_TARGETS:
        if out.exists() and (not out.is_dir() or any(p.suffix not in (".csv", ".parquet", ".sh", ".cypher")
                                                     for p in out.iterdir())):
            raise GeoclaimsError("GC213", f"{str(out)!r} is not a directory of a previous {target} export")
    elif out.is_dir():
        raise GeoclaimsError("GC213", f"{str(out)!r} is a directory; {target} writes one file")


def run(args: argparse.Namespace) -> int:
    open_store(args.store)  # GC207 before anything is written
    check_target(args.out, args.to)
    if args.to == "neo4j":
        from ..graph.neo4j import export_neo4j

        if args.out.is_dir():
            for old in args.out.glob("*.csv"):
                old.unlink()
        counts = export_neo4j(args.store, args.out, agg_dir=args.agg)
        print(", ".join(f"{name} {n}" for name, n in counts.items()) + f"; {args.out}")
    elif args.to == "rdf":
        from ..graph.rdf import export_rdf

        print(f"{export_rdf(args.store, args.out, agg_dir=args.agg, fmt=args.rdf_format)} triples; {args.out}")
    elif args.to == "graphml":
        from ..graph.graphml import export_graphml

        nodes, edges = export_graphml(args.store, args.out, agg_dir=args.agg)
        print(f"{nodes} actors, {edges} claims; {args.out}")
    else:
        from ..graph.parquet import export_parquet

        counts = export_parquet(args.store, args.out, agg_dir=args.agg)
        print(", ".join(f"{name} {n}" for name, n in counts.items()) + f"; {args.out}")
    return 0

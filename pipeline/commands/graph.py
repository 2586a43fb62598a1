"""``geoclaims graph query STORE_OR_RDF "SPARQL"`` and ``geoclaims graph plot STORE --out graph.png``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..graph.query import PREAMBLE, RESULT_FORMATS


EXAMPLES = """\
examples:
  geoclaims graph query out/demo "SELECT ?s ?o WHERE { ?c gc:subject ?s ; gc:object ?o }"
  geoclaims graph plot out/demo --out graph.png --top 20
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="graph_command", required=True, help="query (SPARQL) or plot (PNG)")
    query = sub.add_parser("query", help="answer a SPARQL query over a store (graph cached in DIR/graph) or an RDF file")
    query.add_argument("target", type=Path, metavar="STORE_OR_RDF", help="a claim store, or a .ttl/.nt file")
    query.add_argument("sparql", help="the SPARQL query (prefixes gc: and gcid: are predeclared)")
    query.add_argument("--agg", type=Path, default=None, help="include the clusters of this aggregation")
    query.add_argument("--format", choices=tuple(RESULT_FORMATS), default="tsv", help="result format (default tsv)")
    plot = sub.add_parser("plot", help="draw the actor graph as a PNG")
    plot.add_argument("store", type=Path, metavar="STORE", help="a claim store written by extract")
    plot.add_argument("--out", required=True, type=Path, help="the PNG file")
    plot.add_argument("--agg", type=Path, default=None, help="edge width from this aggregation's cluster support")
    plot.add_argument("--min-support", type=int, default=1, help="leave out edges with less support")
    plot.add_argument("--top", type=int, default=40, help="at most this many actors, the busiest")


def run(args: argparse.Namespace) -> int:
    if args.graph_command == "query":
        from ..graph.query import open_graph, run_query

        graph = open_graph(args.target, args.agg)
        sys.stdout.buffer.write(run_query(graph, PREAMBLE + args.sparql, fmt=args.format))
        sys.stdout.flush()
        return 0
    from ..graph.plot import plot_actor_graph

    drawn = plot_actor_graph(args.store, args.out, agg_dir=args.agg, min_support=args.min_support, top=args.top)
    print(f"{drawn['nodes']} actors, {drawn['edges']} edges, {len(drawn['types'])} types; {args.out}")
    return 0

"""The README's graph examples, answered on a real store: ``python -m geoclaims.graph.examples STORE --work DIR``.

Aggregates STORE into DIR/agg, exports Neo4j CSVs (loaded into ladybug) and Parquet (read by DuckDB),
then prints, as Markdown, one Cypher, one SPARQL and one DuckDB query with their answers; ``--plot``
also draws the actor graph. Rerun it whenever the pipeline's output changes and paste the result.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

CYPHER = """MATCH (s:Actor)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Actor)
WHERE c.negated = false AND s.actorId <> o.actorId
RETURN s.name AS subject, c.type AS type, o.name AS object, count(c) AS claims
ORDER BY claims DESC, subject, type, object LIMIT 5"""
SPARQL = """SELECT ?subject ?type ?object ?support ?sources ?first ?last WHERE {
  ?k a gc:Cluster ; gc:negated false ; gc:support ?support ; gc:subject ?s ; gc:object ?o ;
     gc:eventType/rdfs:label ?type .
  ?s rdfs:label ?subject . ?o rdfs:label ?object . FILTER(?s != ?o)
  { SELECT ?k (GROUP_CONCAT(?src; separator=", ") AS ?sources) WHERE { ?k a gc:Cluster . OPTIONAL { ?k gc:source ?src } } GROUP BY ?k }
  OPTIONAL { ?k gc:firstSeen ?first ; gc:lastSeen ?last }
} ORDER BY DESC(?support) ?subject ?type ?object LIMIT 5"""
DUCKDB = """SELECT c.predicate_type AS type, a.source, count(*) AS claims,
       round(avg(c.confidence), 3) AS mean_confidence
FROM 'PQ/claims.parquet' c JOIN 'PQ/articles.parquet' a USING (article_id)
GROUP BY ALL ORDER BY claims DESC, type, a.source LIMIT 5"""


def table(header: list[str], rows: list[list]) -> str:
    """A Markdown table."""
    cell = lambda v: "" if v is None else str(v).replace("|", "\\|")  # noqa: E731
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


def answers(store: Path, work: Path) -> dict[str, tuple[str, list[str], list[list]]]:
    """query name -> (query text, header, rows), computed on ``store``."""
    import duckdb

    from .aggregate import run_aggregate
    from .embedded_cypher import load_export
    from .neo4j import export_neo4j
    from .parquet import export_parquet
    from .query import cached_graph

    shutil.rmtree(work, ignore_errors=True)
    agg = work / "agg"
    run_aggregate(store, agg)
    export_neo4j(store, work / "neo4j", agg_dir=agg)
    export_parquet(store, work / "parquet", agg_dir=agg)
    result = load_export(work / "neo4j", work / "ladybug").execute(CYPHER)
    cypher_rows = []
    while result.has_next():
        cypher_rows.append(result.get_next())
    graph, _ = cached_graph(store, agg)
    from .query import PREAMBLE

    solutions = graph.query(PREAMBLE + SPARQL)
    names = [v.value for v in solutions.variables]
    sparql_rows = [[t.value if t is not None else None for t in row] for row in solutions]
    duck_query = DUCKDB.replace("PQ", (work / "parquet").as_posix())
    duck = duckdb.sql(duck_query)
    return {"cypher": (CYPHER, ["subject", "type", "object", "claims"], cypher_rows),
            "sparql": (SPARQL, names, sparql_rows),
            "duckdb": (DUCKDB, [d[0] for d in duck.description], [list(r) for r in duck.fetchall()])}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store", type=Path)
    parser.add_argument("--work", type=Path, required=True, help="scratch directory (replaced)")
    parser.add_argument("--plot", type=Path, default=None, help="also draw the actor graph here")
    args = parser.parse_args(argv)
    for name, (query, header, rows) in answers(args.store, args.work).items():
        print(f"**{name}**\n\n```\n{query}\n```\n\n{table(header, rows)}\n")
    if args.plot:
        from .plot import plot_actor_graph

        drawn = plot_actor_graph(args.store, args.plot, agg_dir=args.work / "agg")
        print(f"plot: {drawn['nodes']} actors, {drawn['edges']} edges -> {args.plot}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

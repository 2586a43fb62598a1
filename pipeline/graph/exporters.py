"""The registered exporters ``geoclaims.exporters.<name>.v1`` that ``geoclaims export --to <name>`` looks up.

An exporter is ``(store, out, *, agg_dir, rdf_format) -> str``: it writes the store (and the clusters
of ``agg_dir``) to ``out`` and returns the line ``export`` prints. ``exporter.writes_directory`` says
whether ``out`` is a folder (else one file). Each imports its format's module when it runs, so that
listing them stays cheap. A new format is one registration here (or in a plug-in module).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .. import registry

PREFIX = "geoclaims.exporters."


def exporter(name: str, *, writes_directory: bool) -> Callable:
    """Register ``func`` as ``geoclaims.exporters.<name>.v1``."""
    def register(func: Callable) -> Callable:
        func.writes_directory = writes_directory
        registry.exporters.register(f"{PREFIX}{name}.v1", func=func)
        return func
    return register


def _counts(counts: dict, out: Path) -> str:
    return ", ".join(f"{name} {n}" for name, n in counts.items()) + f"; {out}"


@exporter("neo4j", writes_directory=True)
def to_neo4j(store: Path, out: Path, *, agg_dir: Path | None = None, rdf_format: str | None = None) -> str:
    """CSV files for ``neo4j-admin database import`` (a previous export's CSVs are replaced)."""
    from .neo4j import export_neo4j

    if out.is_dir():
        for old in out.glob("*.csv"):
            old.unlink()
    return _counts(export_neo4j(store, out, agg_dir=agg_dir), out)


@exporter("rdf", writes_directory=False)
def to_rdf(store: Path, out: Path, *, agg_dir: Path | None = None, rdf_format: str | None = None) -> str:
    """Turtle or N-Triples (``rdf_format``; default by the suffix of ``out``)."""
    from .rdf import export_rdf

    return f"{export_rdf(store, out, agg_dir=agg_dir, fmt=rdf_format)} triples; {out}"


@exporter("graphml", writes_directory=False)
def to_graphml(store: Path, out: Path, *, agg_dir: Path | None = None, rdf_format: str | None = None) -> str:
    """The actor graph as GraphML (Gephi, networkx)."""
    from .graphml import export_graphml

    nodes, edges = export_graphml(store, out, agg_dir=agg_dir)
    return f"{nodes} actors, {edges} claims; {out}"


@exporter("parquet", writes_directory=True)
def to_parquet(store: Path, out: Path, *, agg_dir: Path | None = None, rdf_format: str | None = None) -> str:
    """Parquet tables (claims, actors, articles, clusters) for DuckDB and pandas."""
    from .parquet import export_parquet

    return _counts(export_parquet(store, out, agg_dir=agg_dir), out)


def names() -> tuple[str, ...]:
    """The registered exporter names, in registration order."""
    return registry.names(registry.exporters, PREFIX)


def get(name: str) -> Callable:
    return registry.get(registry.exporters, f"{PREFIX}{name}.v1")

"""Graphs and exports: claim clusters (aggregate), Neo4j CSV, RDF, GraphML, Parquet, SPARQL, plots.

Every module reads a claim store part by part (``source.iter_parts``), so exports stream; see
docs/DESIGN.md "Graphs and exports" and docs/VOCABULARY.md.
"""

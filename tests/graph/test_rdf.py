"""RDF export parsed back with pyoxigraph; SPARQL over the cached store graph and over a file."""
import pytest
import pyoxigraph as ox

from geoclaims.errors import GeoclaimsError
from geoclaims.graph.aggregate import run_aggregate
from geoclaims.graph.query import cached_graph, file_graph, run_query
from geoclaims.graph.rdf import export_rdf

from graph_stores import build_store

GC = "PREFIX gc: <https://geoclaims.org/ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def select(graph, query):
    return [[term.value if term is not None else None for term in row] for row in graph.query(GC + query)]


@pytest.mark.parametrize("suffix,fmt", [("ttl", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES)])
def test_export_parses_and_counts_match(full_store, store_claims, tmp_path, suffix, fmt):
    run_aggregate(full_store, tmp_path / "agg")
    out = tmp_path / f"graph.{suffix}"
    written = export_rdf(full_store, out, agg_dir=tmp_path / "agg")
    triples = set(ox.parse(path=str(out), format=fmt))
    assert 0 < len(triples) <= written
    graph = ox.Store()
    graph.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    assert select(graph, "SELECT (COUNT(?c) AS ?n) WHERE { ?c a gc:Claim }") == [[str(len(store_claims))]]
    assert select(graph, "SELECT (COUNT(?a) AS ?n) WHERE { ?a a gc:Article }") == [["6"]]
    assert select(graph, "SELECT (COUNT(?k) AS ?n) WHERE { ?k a gc:Cluster }") == [["5"]]


def test_facts_answer_as_in_the_store(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    export_rdf(full_store, tmp_path / "g.ttl", agg_dir=tmp_path / "agg")
    graph = file_graph(tmp_path / "g.ttl")
    rows = select(graph, "SELECT ?s ?o (COUNT(?c) AS ?n) WHERE { ?c a gc:SANCTION ; gc:negated false ; "
                         "gc:subject/rdfs:label ?s ; gc:object/rdfs:label ?o } GROUP BY ?s ?o")
    assert rows == [["United States", "Japan", "4"]]
    rows = select(graph, "SELECT ?who ?motive WHERE { ?c gc:attributedTo/rdfs:label ?who ; gc:motive/gc:text ?motive }")
    assert rows == [["Dmitry Peskov", "because of the harvest"]]
    rows = select(graph, "SELECT ?v ?d ?start WHERE { ?c gc:time ?t . ?t gc:value ?v ; gc:startDate ?d ; gc:start ?start }")
    assert rows == [["1987-03-19", "1987-03-19", "0"]]  # "On March 19" opens a3
    rows = select(graph, "SELECT ?support ?first WHERE { ?k a gc:Cluster ; gc:support ?support ; gc:firstSeen ?first } "
                         "ORDER BY DESC(?support) LIMIT 1")
    assert rows == [["3", "1987-03-02"]]
    rows = select(graph, "SELECT ?text WHERE { ?c gc:id 'a6-0' ; gc:evidence/gc:text ?text }")
    assert rows == [['The United Nations consulted BRICS.\n\nIt said so, "twice"; then left.']]


def test_store_graph_is_cached_and_rebuilt_when_the_store_changes(tmp_path, first_input, later_input):
    store = build_store(tmp_path / "store", [first_input])
    graph, built = cached_graph(store)
    assert built and (store / "graph" / "oxigraph").is_dir()
    count = "PREFIX gc: <https://geoclaims.org/ns#> SELECT (COUNT(?c) AS ?n) WHERE { ?c a gc:Claim }"
    assert run_query(graph, count) == b"?n\n5\n"
    del graph
    assert cached_graph(store)[1] is False
    build_store(store, [first_input, later_input])
    graph, built = cached_graph(store)
    assert built and run_query(graph, count) == b"?n\n7\n"


def test_query_errors_have_codes(full_store, tmp_path):
    graph, _ = cached_graph(full_store)
    with pytest.raises(GeoclaimsError, match="GC214"):
        run_query(graph, "SELEC ?x")
    (tmp_path / "bad.ttl").write_text("this is not turtle")
    with pytest.raises(GeoclaimsError, match="GC215"):
        file_graph(tmp_path / "bad.ttl")
    assert run_query(graph, "ASK { ?s ?p ?o }") == b"true\n"

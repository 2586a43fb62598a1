"""GraphML export read back with networkx."""
import networkx as nx

from geoclaims.graph.aggregate import run_aggregate
from geoclaims.graph.graphml import export_graphml


def test_graphml_reads_back_with_the_store_counts(full_store, store_claims, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    nodes, edges = export_graphml(full_store, tmp_path / "g.graphml", agg_dir=tmp_path / "agg")
    graph = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges) == (7, len(store_claims))
    sanctions = [(u, v, d) for u, v, d in graph.edges(data=True) if d["type"] == "SANCTION" and not d["negated"]]
    assert {(u, v) for u, v, _ in sanctions} == {("USA|United States", "JPN|Japan")} and len(sanctions) == 4
    assert graph.nodes["JPN|Japan"]["label"] == "Japan" and graph.nodes["JPN|Japan"]["code"] == "JPN"
    assert "code" not in graph.nodes["|the demand"]  # GraphML has no null: absent
    assert graph.nodes["USA|United States"]["clusters"] == 2
    timed = [d for _, _, d in graph.edges(data=True) if "time" in d]
    assert [(d["claim_id"], d["time"]) for d in timed] == [("a3-0", "1987-03-19")]

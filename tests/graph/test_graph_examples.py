"""The README's example queries (Cypher via ladybug, SPARQL via pyoxigraph, DuckDB) answer on a store."""
from geoclaims.graph.examples import answers, table


def test_examples_answer_on_the_fixture_store(full_store, tmp_path):
    result = answers(full_store, tmp_path / "work")
    assert result["cypher"][2][0] == ["United States", "SANCTION", "Japan", 4]
    top = dict(zip(result["sparql"][1], result["sparql"][2][0]))
    assert (top["subject"], top["support"], top["sources"], top["first"]) == ("United States", "3", "BBC, Reuters", "1987-03-02")
    assert result["duckdb"][2][0][:3] == ["SANCTION", "Reuters", 3]
    assert table(["a", "b"], [[1, None]]) == "| a | b |\n|---|---|\n| 1 |  |"

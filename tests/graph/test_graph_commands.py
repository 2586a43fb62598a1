"""The aggregate, export and graph commands end to end through ``geoclaims.cli.main``."""
import json

import pytest

from geoclaims.cli import main


def test_aggregate_export_query_plot(full_store, tmp_path, capsys):
    agg = tmp_path / "agg"
    assert main(["aggregate", str(full_store), "--out", str(agg)]) == 0
    assert "clusters 5 from 7 claims; parts 3 folded" in capsys.readouterr().out
    for target, out in (("neo4j", "neo"), ("rdf", "g.nt"), ("graphml", "g.graphml"), ("parquet", "pq")):
        assert main(["export", str(full_store), "--to", target, "--out", str(tmp_path / out), "--agg", str(agg)]) == 0
    assert (tmp_path / "neo" / "clusters.csv").is_file() and (tmp_path / "pq" / "clusters.parquet").is_file()
    capsys.readouterr()
    query = "SELECT ?n WHERE { ?k a gc:Cluster ; gc:support ?n } ORDER BY DESC(?n) LIMIT 1"
    assert main(["graph", "query", str(full_store), query, "--agg", str(agg), "--format", "json"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["results"]["bindings"][0]["n"]["value"] == "3"
    assert main(["graph", "query", str(tmp_path / "g.nt"), "SELECT (COUNT(*) AS ?n) WHERE { ?c a gc:Claim }"]) == 0
    assert capsys.readouterr().out == "?n\n7\n"
    assert main(["graph", "plot", str(full_store), "--out", str(tmp_path / "g.png")]) == 0
    assert (tmp_path / "g.png").stat().st_size > 0


@pytest.mark.parametrize("argv,code", [
    (["export", "{store}", "--to", "rdf", "--out", "{tmp}"], "GC213"),
    (["export", "{tmp}", "--to", "rdf", "--out", "{tmp}/x.ttl"], "GC207"),
    (["graph", "query", "{store}", "SELEC"], "GC214"),
    (["graph", "query", "{tmp}/missing.ttl", "ASK {}"], "GC215"),
    (["aggregate", "{store}", "--out", "{store}"], "GC212"),
])
def test_errors_exit_2_with_their_code(full_store, tmp_path, capsys, argv, code):
    args = [a.replace("{store}", str(full_store)).replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(args) == 2
    assert code in capsys.readouterr().err

"""Neo4j CSV export, loaded into ladybug (embedded Cypher) and compared with the store."""
import csv

import pytest

from geoclaims.graph.aggregate import run_aggregate
from geoclaims.graph.embedded_cypher import cypher, load_export
from geoclaims.graph.neo4j import export_neo4j


@pytest.fixture
def graph(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    counts = export_neo4j(full_store, tmp_path / "neo", agg_dir=tmp_path / "agg")
    return load_export(tmp_path / "neo", tmp_path / "db"), counts, tmp_path / "neo"


def header(path):
    with path.open(newline="", encoding="utf-8") as handle:
        return next(csv.reader(handle))


def test_headers_follow_neo4j_admin_conventions(graph):
    _, _, out = graph
    assert header(out / "actors.csv")[0] == "actorId:ID(Actor)" and header(out / "actors.csv")[-1] == ":LABEL"
    assert "confidence:float" in header(out / "claims.csv") and "negated:boolean" in header(out / "claims.csv")
    assert header(out / "rel-SUBJECT.csv") == [":START_ID(Claim)", ":END_ID(Actor)", ":TYPE"]
    assert header(out / "actor-SANCTION.csv")[:3] == [":START_ID(Actor)", ":END_ID(Actor)", ":TYPE"]
    script = (out / "import.sh").read_text()
    assert all(f"/{p.name}\"" in script for p in out.glob("*.csv"))
    load = (out / "load.cypher").read_text()
    assert all(f"file:///{p.name}'" in load for p in out.glob("*.csv"))


def test_counts_match_the_store(graph, store_claims):
    conn, counts, _ = graph
    assert cypher(conn, "MATCH (c:Claim) RETURN count(c)") == [[len(store_claims)]]
    assert cypher(conn, "MATCH (a:Article) RETURN count(a)") == [[6]]
    actors = {(m.get("code") or "") + "|" + (m.get("name") or m["text"])
              for c in store_claims for m in (c["subject"], c["object"], c["attribution"]) if m}
    assert cypher(conn, "MATCH (a:Actor) RETURN count(a)") == [[len(actors)]]
    assert cypher(conn, "MATCH (c:Claim)-[:REPORTED_IN]->(:Article) RETURN count(c)") == [[len(store_claims)]]
    assert counts["clusters.csv"] == 5 and counts["rel-MEMBER_OF.csv"] == len(store_claims)


def test_facts_answer_as_in_the_store(graph):
    conn, _, _ = graph
    rows = cypher(conn, "MATCH (a:Actor)-[r:SANCTION]->(b:Actor) WHERE r.negated = false "
                        "RETURN a.name, b.name, count(r), max(r.confidence)")
    assert rows == [["United States", "Japan", 4, 0.9]]
    rows = cypher(conn, "MATCH (c:Claim)-[:ATTRIBUTED_TO]->(p:Actor), (c)-[:SUBJECT]->(s:Actor) "
                        "RETURN p.name, s.code, c.negated, c.motive")
    assert rows == [["Dmitry Peskov", "RUS", True, "because of the harvest"]]
    rows = cypher(conn, "MATCH (c:Claim {timeValue: '1987-03-19'})-[:REPORTED_IN]->(a:Article) "
                        "RETURN a.articleId, a.date, a.source")
    assert [(r[0], str(r[1]), r[2]) for r in rows] == [("a3", "1987-03-25", "Reuters")]
    rows = cypher(conn, "MATCH (c:Claim)-[:MEMBER_OF]->(k:Cluster) WHERE k.support = 3 "
                        "RETURN k.sources, k.firstSeen, count(c)")
    assert rows == [["BBC;Reuters", "1987-03-02", 3]]
    evidence = cypher(conn, "MATCH (c:Claim {claimId: 'a1-0'}) RETURN c.evidence, c.label")
    assert evidence == [["Washington imposed sanctions on Tokyo. Japan rejected the demand.", "Claim;SANCTION"]]
    multiline = cypher(conn, "MATCH (c:Claim {claimId: 'a6-0'}) RETURN c.evidence")
    assert multiline == [['The United Nations consulted BRICS.\n\nIt said so, "twice"; then left.']]

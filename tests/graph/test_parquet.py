"""Parquet export read back with pyarrow and queried with DuckDB."""
import duckdb
import pyarrow.parquet as pq

from geoclaims.graph.aggregate import run_aggregate
from geoclaims.graph.parquet import CLAIM_SCHEMA, export_parquet


def test_tables_read_back_with_the_store_counts(full_store, store_claims, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    counts = export_parquet(full_store, tmp_path / "pq", agg_dir=tmp_path / "agg")
    claims = pq.read_table(tmp_path / "pq" / "claims.parquet")
    assert claims.schema == CLAIM_SCHEMA and claims.num_rows == len(store_claims) == counts["claims"]
    assert sorted(claims.column("claim_id").to_pylist()) == sorted(c["claim_id"] for c in store_claims)
    assert pq.read_table(tmp_path / "pq" / "articles.parquet").num_rows == 6
    assert pq.read_table(tmp_path / "pq" / "actors.parquet").num_rows == counts["actors"] == 7
    assert pq.read_table(tmp_path / "pq" / "clusters.parquet").num_rows == 5


def test_duckdb_answers_as_the_store(full_store, tmp_path):
    run_aggregate(full_store, tmp_path / "agg")
    export_parquet(full_store, tmp_path / "pq", agg_dir=tmp_path / "agg")
    d = (tmp_path / "pq").as_posix()
    rows = duckdb.sql(f"SELECT a.source, count(*) FROM '{d}/claims.parquet' c JOIN '{d}/articles.parquet' a "
                      "USING (article_id) WHERE c.predicate_type = 'SANCTION' GROUP BY 1 ORDER BY 1").fetchall()
    assert rows == [("BBC", 1), ("Reuters", 3), (None, 1)]
    rows = duckdb.sql(f"SELECT attribution_name, motive_text, negated FROM '{d}/claims.parquet' "
                      "WHERE attribution_code IS NOT NULL").fetchall()
    assert rows == [("Dmitry Peskov", "because of the harvest", True)]
    rows = duckdb.sql(f"SELECT support, sources, members FROM '{d}/clusters.parquet' ORDER BY support DESC LIMIT 1").fetchall()
    assert rows == [(3, ["BBC", "Reuters"], ["a1-0", "a2-0", "a3-0"])]
    assert duckdb.sql(f"SELECT time_value FROM '{d}/claims.parquet' WHERE time_value IS NOT NULL").fetchall() == [("1987-03-19",)]

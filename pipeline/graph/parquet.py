"""Parquet export (pyarrow): ``claims``, ``actors``, ``articles`` and, with an aggregation, ``clusters``.

Claims are flattened to one column per field (``subject_code``, ``predicate_type``, ``time_value``...)
and written one row group per store part with an explicit schema, so the file streams and its
columns keep their types even when a part has only nulls. For DuckDB:
``SELECT predicate_type, count(*) FROM 'OUT/claims.parquet' GROUP BY 1``.
"""
from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from .aggregate import iter_cluster_records
from .source import ARTICLE_FIELDS, actor_key, actor_name, iter_parts

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
MENTION = [("text", S), ("name", S), ("code", S), ("sector", S), ("type", S), ("start", I), ("end", I)]
CLAIM_SCHEMA = pa.schema(
    [("claim_id", S), ("article_id", S), ("schema_version", I)]
    + [(f"subject_{k}", t) for k, t in MENTION] + [(f"object_{k}", t) for k, t in MENTION]
    + [("predicate_type", S), ("predicate_lemma", S), ("predicate_text", S), ("negated", B),
       ("modality", S), ("predicate_start", I), ("predicate_end", I)]
    + [(f"motive_{k}", t) for k, t in (("text", S), ("start", I), ("end", I))]
    + [(f"attribution_{k}", t) for k, t in MENTION]
    + [(f"time_{k}", t) for k, t in (("text", S), ("value", S), ("start", I), ("end", I))]
    + [("confidence", F), ("evidence_text", S), ("evidence_start", I), ("evidence_end", I),
       ("extractor_version", S), ("extractor_model", S), ("subject_actor", S), ("object_actor", S)])
ARTICLE_SCHEMA = pa.schema([("article_id", S)] + [(k, S) for k in ARTICLE_FIELDS] + [("claims", I)])
ACTOR_SCHEMA = pa.schema([("actor_id", S), ("name", S), ("code", S), ("as_subject", I), ("as_object", I)])
CLUSTER_SCHEMA = pa.schema([
    ("cluster_id", S), ("subject_code", S), ("subject_name", S), ("object_code", S), ("object_name", S),
    ("type", S), ("negated", B), ("support", I), ("articles", I), ("sources", pa.list_(S)),
    ("first_seen", S), ("last_seen", S), ("period_start", S), ("period_end", S),
    ("mean_confidence", F), ("max_confidence", F), ("members", pa.list_(S)),
    ("best_claim_id", S), ("best_evidence", S)])


def claim_row(claim: dict) -> dict:
    """One flat row of the claims table."""
    pred, ev = claim["predicate"], claim.get("evidence") or {}
    row = {"claim_id": claim["claim_id"], "article_id": claim["article_id"],
           "schema_version": claim.get("schema_version"), "predicate_type": pred["type"],
           "predicate_lemma": pred.get("lemma"), "predicate_text": pred.get("text"),
           "negated": bool(pred.get("negated")), "modality": pred.get("modality"),
           "predicate_start": pred.get("start"), "predicate_end": pred.get("end"),
           "confidence": claim.get("confidence"), "evidence_text": ev.get("text"),
           "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
           "extractor_version": (claim.get("extractor") or {}).get("version"),
           "extractor_model": (claim.get("extractor") or {}).get("model"),
           "subject_actor": actor_key(claim["subject"]), "object_actor": actor_key(claim["object"])}
    for role, fields in (("subject", MENTION), ("object", MENTION), ("attribution", MENTION),
                         ("motive", MENTION[:1] + MENTION[5:]),
                         ("time", [("text", S), ("value", S), ("start", I), ("end", I)])):
        value = claim.get(role) or {}
        row.update({f"{role}_{k}": value.get(k) for k, _ in fields})
    return row


def export_parquet(store_dir: Path, out: Path, *, agg_dir: Path | None = None) -> dict[str, int]:
    """Write ``claims/actors/articles[/clusters].parquet`` into ``out``; rows per table."""
    out.mkdir(parents=True, exist_ok=True)
    counts = {"claims": 0, "articles": 0, "actors": 0}
    actors: dict[str, list] = {}
    with pq.ParquetWriter(out / "claims.parquet", CLAIM_SCHEMA) as claims_w, \
            pq.ParquetWriter(out / "articles.parquet", ARTICLE_SCHEMA) as articles_w:
        for part in iter_parts(store_dir):
            rows = [claim_row(c) for c in part.claims]
            for claim in part.claims:
                for role, index in (("subject", 3), ("object", 4)):
                    if not claim[role]:
                        continue
                    entry = actors.setdefault(actor_key(claim[role]),
                                              [actor_key(claim[role]), actor_name(claim[role]), claim[role].get("code"), 0, 0])
                    entry[index] += 1
            per_article = {}
            for row in rows:
                per_article[row["article_id"]] = per_article.get(row["article_id"], 0) + 1
            articles = [{"article_id": a["id"], **{k: a.get(k) for k in ARTICLE_FIELDS},
                         "claims": per_article.get(a["id"], 0)} for a in part.articles.values()]
            if rows:
                claims_w.write_table(pa.Table.from_pylist(rows, schema=CLAIM_SCHEMA))
            if articles:
                articles_w.write_table(pa.Table.from_pylist(articles, schema=ARTICLE_SCHEMA))
            counts["claims"] += len(rows)
            counts["articles"] += len(articles)
    names = [f.name for f in ACTOR_SCHEMA]
    actor_rows = [dict(zip(names, actors[k])) for k in sorted(actors)]
    pq.write_table(pa.Table.from_pylist(actor_rows, schema=ACTOR_SCHEMA), out / "actors.parquet")
    counts["actors"] = len(actor_rows)
    if agg_dir is not None:
        counts["clusters"] = _write_clusters(agg_dir, out / "clusters.parquet")
    return counts


def _write_clusters(agg_dir: Path, path: Path, batch: int = 10_000) -> int:
    count, rows = 0, []
    with pq.ParquetWriter(path, CLUSTER_SCHEMA) as writer:
        for cluster in iter_cluster_records(agg_dir):
            period = cluster.get("period") or {}
            rows.append({
                "cluster_id": cluster["cluster_id"], "subject_code": cluster["subject"]["code"],
                "subject_name": cluster["subject"]["name"], "object_code": (cluster["object"] or {}).get("code"),
                "object_name": (cluster["object"] or {}).get("name"), "type": cluster["type"],
                "negated": cluster["negated"], "support": cluster["support"],
                "articles": cluster["articles"], "sources": cluster["sources"],
                "first_seen": cluster["first_seen"], "last_seen": cluster["last_seen"],
                "period_start": period.get("start"), "period_end": period.get("end"),
                "mean_confidence": cluster["confidence"]["mean"], "max_confidence": cluster["confidence"]["max"],
                "members": cluster["members"], "best_claim_id": cluster["best_evidence"]["claim_id"],
                "best_evidence": cluster["best_evidence"]["text"]})
            if len(rows) >= batch:
                writer.write_table(pa.Table.from_pylist(rows, schema=CLUSTER_SCHEMA))
                count, rows = count + len(rows), []
        writer.write_table(pa.Table.from_pylist(rows, schema=CLUSTER_SCHEMA))
    return count + len(rows)

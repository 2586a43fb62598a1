"""Neo4j export: node and relationship CSVs for ``neo4j-admin database import`` and a LOAD CSV script.

Model (docs/DESIGN.md "Graphs and exports"): nodes ``Actor`` (keyed ``CODE|Name``), ``Article``,
``Claim`` (second label: its PLOVER type) and, with an aggregation, ``Cluster``. Relationships:
``(Claim)-[:SUBJECT|OBJECT|ATTRIBUTED_TO]->(Actor)``, ``(Claim)-[:REPORTED_IN]->(Article)``,
``(Claim)-[:MEMBER_OF]->(Cluster)``, and the actor graph ``(Actor)-[:<PLOVER type>]->(Actor)``, one
relationship per claim. One relationship file per relationship type, headers in neo4j-admin form
(``:ID(Actor)``, ``:START_ID(Claim)``, ``:END_ID(Actor)``, ``:TYPE``, ``:LABEL``, ``name:float``...).
Claims stream part by part; actors are collected in memory (far fewer than claims).
"""
from __future__ import annotations

import csv
from contextlib import ExitStack
from pathlib import Path
from typing import IO

from ..records import PLOVER_TYPES
from .aggregate import iter_cluster_records
from .source import actor_key, actor_name, iter_parts, time_fields

ACTOR_HEADER = ["actorId:ID(Actor)", "name", "code", "mentions:int", ":LABEL"]
ARTICLE_HEADER = ["articleId:ID(Article)", "title", "published", "date:date", "source", "url", ":LABEL"]
CLAIM_HEADER = ["claimId:ID(Claim)", "type", "lemma", "text", "negated:boolean", "modality",
                "confidence:float", "subjectText", "objectText", "evidence", "evidenceStart:int",
                "evidenceEnd:int", "motive", "attributionText", "timeText", "timeValue",
                "extractorVersion", "model", ":LABEL"]
CLUSTER_HEADER = ["clusterId:ID(Cluster)", "type", "negated:boolean", "support:int", "articles:int",
                  "sources", "firstSeen", "lastSeen", "meanConfidence:float", "maxConfidence:float",
                  "bestEvidence", ":LABEL"]
LINK_HEADER = {  # relationship type -> (start group, end group)
    "SUBJECT": ("Claim", "Actor"), "OBJECT": ("Claim", "Actor"), "ATTRIBUTED_TO": ("Claim", "Actor"),
    "REPORTED_IN": ("Claim", "Article"), "MEMBER_OF": ("Claim", "Cluster"),
}
ACTOR_REL_PROPS = ["claimId", "confidence:float", "negated:boolean", "modality", "articleId"]


def link_header(start: str, end: str, props: list[str] | None = None) -> list[str]:
    return [f":START_ID({start})", f":END_ID({end})", ":TYPE", *(props or [])]


class _Files:
    """CSV writers opened on first use, one file per node group or relationship type."""

    def __init__(self, out: Path, stack: ExitStack):
        self.out, self.stack, self.writers, self.names = out, stack, {}, []

    def writer(self, name: str, header: list[str]):
        if name not in self.writers:
            handle: IO[str] = self.stack.enter_context((self.out / name).open("w", encoding="utf-8", newline=""))
            self.writers[name] = csv.writer(handle, lineterminator="\n")
            self.writers[name].writerow(header)
            self.names.append(name)
        return self.writers[name]


def export_neo4j(store_dir: Path, out: Path, *, agg_dir: Path | None = None) -> dict:
    """Write the CSVs, ``import.sh`` and ``load.cypher`` into ``out``; counts per file."""
    out.mkdir(parents=True, exist_ok=True)
    actors: dict[str, list] = {}
    counts: dict[str, int] = {}
    with ExitStack() as stack:
        files = _Files(out, stack)

        def row(name: str, header: list[str], values: list) -> None:
            files.writer(name, header).writerow(["" if v is None else _cell(v) for v in values])
            counts[name] = counts.get(name, 0) + 1

        files.writer("actors.csv", ACTOR_HEADER)
        files.writer("articles.csv", ARTICLE_HEADER)
        files.writer("claims.csv", CLAIM_HEADER)
        for part in iter_parts(store_dir):
            for meta in part.articles.values():
                published = meta.get("published")
                row("articles.csv", ARTICLE_HEADER, [meta["id"], meta.get("title"), published,
                                                      (published or "")[:10] or None, meta.get("source"),
                                                      meta.get("url"), "Article"])
            for claim in part.claims:
                _claim_rows(claim, row, actors)
        if agg_dir is not None:
            files.writer("clusters.csv", CLUSTER_HEADER)
            for cluster in iter_cluster_records(agg_dir):
                row("clusters.csv", CLUSTER_HEADER, _cluster_values(cluster))
                for member in cluster["members"]:
                    row("rel-MEMBER_OF.csv", link_header("Claim", "Cluster"), [member, cluster["cluster_id"], "MEMBER_OF"])
        for key in sorted(actors):
            name, code, mentions = actors[key]
            row("actors.csv", ACTOR_HEADER, [key, name, code, mentions, "Actor"])
        names = sorted(files.names, key=lambda n: (file_kind(n) != "nodes", n))
    (out / "import.sh").write_text(import_script(names), encoding="utf-8")
    (out / "load.cypher").write_text(load_cypher(names), encoding="utf-8")
    return {name: counts.get(name, 0) for name in names}


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _claim_rows(claim: dict, row, actors: dict[str, list]) -> None:
    """The claim node and its relationships; registers its actors."""
    cid, pred = claim["claim_id"], claim["predicate"]
    ev, motive, attribution = claim.get("evidence") or {}, claim.get("motive") or {}, claim.get("attribution")
    time_text, time_value, _, _ = time_fields(claim)
    extractor = claim.get("extractor") or {}
    row("claims.csv", CLAIM_HEADER, [
        cid, pred["type"], pred.get("lemma"), pred.get("text"), bool(pred.get("negated")),
        pred.get("modality"), claim.get("confidence"), claim["subject"].get("text"),
        (claim["object"] or {}).get("text"), ev.get("text"), ev.get("start"), ev.get("end"), motive.get("text"),
        (attribution or {}).get("text"), time_text, time_value, extractor.get("version"),
        extractor.get("model"), f"Claim;{pred['type']}"])
    ends = {"SUBJECT": claim["subject"], "OBJECT": claim["object"], "ATTRIBUTED_TO": attribution}
    for rel, mention in ends.items():
        key = actor_key(mention)
        if key is None:
            continue
        entry = actors.setdefault(key, [actor_name(mention), mention.get("code"), 0])
        entry[2] += 1
        row(f"rel-{rel}.csv", link_header("Claim", "Actor"), [cid, key, rel])
    row("rel-REPORTED_IN.csv", link_header("Claim", "Article"), [cid, claim["article_id"], "REPORTED_IN"])
    if not claim["object"]:
        return  # an event with no target: no actor-to-actor relationship
    row(f"actor-{pred['type']}.csv", link_header("Actor", "Actor", ACTOR_REL_PROPS),
        [actor_key(claim["subject"]), actor_key(claim["object"]), pred["type"], cid,
         claim.get("confidence"), bool(pred.get("negated")), pred.get("modality"), claim["article_id"]])


def _cluster_values(cluster: dict) -> list:
    best = cluster["best_evidence"]
    return [cluster["cluster_id"], cluster["type"], cluster["negated"], cluster["support"],
            cluster["articles"], ";".join(cluster["sources"]), cluster["first_seen"],
            cluster["last_seen"], cluster["confidence"]["mean"], cluster["confidence"]["max"],
            best.get("text"), "Cluster"]


def file_kind(name: str) -> str:
    """'nodes' or 'relationships' for one of the exported CSV names."""
    return "nodes" if name in ("actors.csv", "articles.csv", "claims.csv", "clusters.csv") else "relationships"


def import_script(names: list[str]) -> str:
    """The ``neo4j-admin database import full`` command line for the written files."""
    args = [f"  --{file_kind(n)}=\"$DIR/{n}\" \\" for n in names]
    return ("#!/bin/sh\n# Import into an empty database (Neo4j 5): sh import.sh [DATABASE]\n"
            "DIR=$(cd \"$(dirname \"$0\")\" && pwd)\n"
            "neo4j-admin database import full \\\n  --multiline-fields=true --array-delimiter=';' \\\n"
            + "\n".join(args) + "\n  \"${1:-neo4j}\"\n")


def load_cypher(names: list[str]) -> str:
    """A LOAD CSV script for a running server (files in its import directory)."""
    lines = ["// geoclaims graph: copy the CSVs into the server's import/ directory, then run this script.",
             "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (n:Actor) REQUIRE n.actorId IS UNIQUE;",
             "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (n:Article) REQUIRE n.articleId IS UNIQUE;",
             "CREATE CONSTRAINT claim_id IF NOT EXISTS FOR (n:Claim) REQUIRE n.claimId IS UNIQUE;",
             "CREATE CONSTRAINT cluster_id IF NOT EXISTS FOR (n:Cluster) REQUIRE n.clusterId IS UNIQUE;"]
    loaders = {
        "actors.csv": "MERGE (n:Actor {actorId: r.`actorId:ID(Actor)`}) SET n.name = r.name, n.code = r.code, "
                      "n.mentions = toInteger(r.`mentions:int`)",
        "articles.csv": "MERGE (n:Article {articleId: r.`articleId:ID(Article)`}) SET n.title = r.title, "
                        "n.published = r.published, n.date = date(r.`date:date`), n.source = r.source, n.url = r.url",
        "claims.csv": "MERGE (n:Claim {claimId: r.`claimId:ID(Claim)`}) SET n.type = r.type, n.lemma = r.lemma, "
                      "n.text = r.text, n.negated = toBoolean(r.`negated:boolean`), n.modality = r.modality, "
                      "n.confidence = toFloat(r.`confidence:float`), n.subjectText = r.subjectText, "
                      "n.objectText = r.objectText, n.evidence = r.evidence, "
                      "n.evidenceStart = toInteger(r.`evidenceStart:int`), n.evidenceEnd = toInteger(r.`evidenceEnd:int`), "
                      "n.motive = r.motive, n.attributionText = r.attributionText, n.timeText = r.timeText, "
                      "n.timeValue = r.timeValue, n.extractorVersion = r.extractorVersion, n.model = r.model",
        "clusters.csv": "MERGE (n:Cluster {clusterId: r.`clusterId:ID(Cluster)`}) SET n.type = r.type, "
                        "n.negated = toBoolean(r.`negated:boolean`), n.support = toInteger(r.`support:int`), "
                        "n.articles = toInteger(r.`articles:int`), n.sources = split(r.sources, ';'), "
                        "n.firstSeen = r.firstSeen, n.lastSeen = r.lastSeen, "
                        "n.meanConfidence = toFloat(r.`meanConfidence:float`), "
                        "n.maxConfidence = toFloat(r.`maxConfidence:float`), n.bestEvidence = r.bestEvidence",
    }
    for name in names:
        head = f"LOAD CSV WITH HEADERS FROM 'file:///{name}' AS r CALL {{ WITH r "
        if name in loaders:
            lines.append(head + loaders[name] + " } IN TRANSACTIONS OF 10000 ROWS;")
        else:
            lines.append(head + _rel_cypher(name) + " } IN TRANSACTIONS OF 10000 ROWS;")
    if "claims.csv" in names:  # the PLOVER type as a second label, as neo4j-admin import gives it
        lines.extend(f"MATCH (n:Claim {{type: '{t}'}}) SET n:{t};" for t in PLOVER_TYPES)
    return "\n".join(lines) + "\n"


def _rel_cypher(name: str) -> str:
    stem = name[: -len(".csv")]
    rel = stem.split("-", 1)[1]
    if stem.startswith("actor-"):
        return (f"MATCH (a:Actor {{actorId: r.`:START_ID(Actor)`}}), (b:Actor {{actorId: r.`:END_ID(Actor)`}}) "
                f"CREATE (a)-[:{rel} {{claimId: r.claimId, confidence: toFloat(r.`confidence:float`), "
                f"negated: toBoolean(r.`negated:boolean`), modality: r.modality, articleId: r.articleId}}]->(b)")
    start, end = LINK_HEADER[rel]
    key = {"Actor": "actorId", "Article": "articleId", "Cluster": "clusterId"}[end]
    return (f"MATCH (a:Claim {{claimId: r.`:START_ID(Claim)`}}), (b:{end} {{{key}: r.`:END_ID({end})`}}) "
            f"CREATE (a)-[:{rel}]->(b)")

"""GraphML export (networkx) for Gephi, Cytoscape and friends: the actor graph, one edge per claim.

Nodes are actors keyed ``CODE|Name`` (attributes ``label``, ``code``, ``mentions``); edges go from
subject to object with the claim's ``type``, ``confidence``, ``negated``, ``modality``, ``article``
and ``claim_id`` (the edge key). GraphML has no null, so absent values are left out. With an
aggregation, nodes also get ``clusters`` (how many clusters they take part in). The graph is built in
memory (actors and one small edge per claim); the claims themselves are read part by part.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from .aggregate import iter_cluster_records
from .source import actor_key, actor_name, iter_parts


def actor_graph(store_dir: Path, agg_dir: Path | None = None) -> nx.MultiDiGraph:
    """The actor graph of a store: one node per actor, one edge per claim (claims with no object: no edge)."""
    graph = nx.MultiDiGraph(name=f"geoclaims actor graph of {Path(store_dir).name}")
    for part in iter_parts(store_dir):
        for claim in part.claims:
            if not claim["object"]:
                continue
            ends = []
            for mention in (claim["subject"], claim["object"]):
                key = actor_key(mention)
                if key not in graph:
                    graph.add_node(key, label=actor_name(mention), mentions=0,
                                   **({"code": mention["code"]} if mention.get("code") else {}))
                graph.nodes[key]["mentions"] += 1
                ends.append(key)
            pred = claim["predicate"]
            attrs = {"type": pred["type"], "confidence": float(claim.get("confidence") or 0.0),
                     "negated": bool(pred.get("negated")), "modality": pred.get("modality"),
                     "article": claim["article_id"], "claim_id": claim["claim_id"],
                     "time": (claim.get("time") or {}).get("value")}
            graph.add_edge(ends[0], ends[1], key=claim["claim_id"],
                           **{k: v for k, v in attrs.items() if v is not None})
    if agg_dir is not None:
        for cluster in iter_cluster_records(agg_dir):
            for side in ("subject", "object") if cluster["object"] else ("subject",):
                key = f"{cluster[side]['code'] or ''}|{cluster[side]['name']}"
                if key in graph:
                    graph.nodes[key]["clusters"] = graph.nodes[key].get("clusters", 0) + 1
    return graph


def export_graphml(store_dir: Path, out: Path, *, agg_dir: Path | None = None) -> tuple[int, int]:
    """Write the actor graph as GraphML; (nodes, edges)."""
    graph = actor_graph(store_dir, agg_dir)
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, out)
    return graph.number_of_nodes(), graph.number_of_edges()

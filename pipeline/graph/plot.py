"""``graph plot``: the actor graph as a PNG (matplotlib Agg, networkx spring layout, fixed seed).

Nodes are countries and organisations: an actor's ISO code, or its name for IGO/NGO/IMG (actors
with no code are left out); node size follows the claims it takes part in. Edges are drawn per (subject,
object, PLOVER type), coloured by type, their width by support (claims, or cluster support with an
aggregation). Self-loops (a country acting on itself) are left out of the picture.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402

from .aggregate import iter_cluster_records  # noqa: E402
from .source import iter_parts  # noqa: E402

GROUP_CODES = {"IGO", "NGO", "IMG"}


def node_of(code: str | None, name: str | None) -> str | None:
    """The plotted node of an actor: its country code, its name for organisations, None if unresolved."""
    if not code:
        return None
    return name if code in GROUP_CODES and name else code


def edge_support(store_dir: Path, agg_dir: Path | None = None) -> Counter:
    """(subject node, object node, type) -> support."""
    support: Counter = Counter()
    if agg_dir is not None:
        for cluster in iter_cluster_records(agg_dir):
            s = node_of(cluster["subject"]["code"], cluster["subject"]["name"])
            o = node_of((cluster["object"] or {}).get("code"), (cluster["object"] or {}).get("name"))
            if s and o and not cluster["negated"]:
                support[(s, o, cluster["type"])] += cluster["support"]
        return support
    for part in iter_parts(store_dir):
        for claim in part.claims:
            s = node_of(claim["subject"].get("code"), claim["subject"].get("name"))
            o = node_of((claim["object"] or {}).get("code"), (claim["object"] or {}).get("name"))
            if s and o and not claim["predicate"].get("negated"):
                support[(s, o, claim["predicate"]["type"])] += 1
    return support


def plot_actor_graph(store_dir: Path, out: Path, *, agg_dir: Path | None = None, min_support: int = 1,
                     top: int = 40, seed: int = 7, size: tuple[float, float] = (9.0, 7.0), dpi: int = 80) -> dict:
    """Draw the graph into ``out`` (PNG); what was drawn: nodes, edges, types."""
    support = edge_support(store_dir, agg_dir)
    edges = {k: v for k, v in support.items() if v >= min_support and k[0] != k[1]}
    weight: Counter = Counter()
    for (s, o, _), n in edges.items():
        weight[s] += n
        weight[o] += n
    keep = {n for n, _ in sorted(weight.items(), key=lambda item: (-item[1], item[0]))[:top]}
    edges = {k: v for k, v in sorted(edges.items()) if k[0] in keep and k[1] in keep}
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(sorted(keep))
    for (s, o, t), n in edges.items():
        graph.add_edge(s, o, type=t, support=n)
    types = sorted({t for _, _, t in edges})
    colours = {t: plt.get_cmap("tab20")(i % 20) for i, t in enumerate(types)}
    fig, ax = plt.subplots(figsize=size, dpi=dpi)
    start = nx.spring_layout(nx.Graph(graph), seed=seed)
    pos = nx.kamada_kawai_layout(nx.Graph(graph), pos=start) if len(keep) > 2 else start
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_color="#dde6f0", edgecolors="#445566",
                           node_size=[160 + 120 * weight[n] ** 0.5 for n in graph.nodes])
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    for i, (s, o, data) in enumerate(graph.edges(data=True)):
        nx.draw_networkx_edges(graph, pos, edgelist=[(s, o)], ax=ax, width=0.8 + 0.9 * data["support"],
                               edge_color=[colours[data["type"]]], arrows=True, arrowsize=10,
                               connectionstyle=f"arc3,rad={0.08 + 0.06 * (types.index(data['type']) % 4)}")
    fig.subplots_adjust(left=0.01, right=0.80, top=0.93, bottom=0.01)
    fig.legend(handles=[plt.Line2D([], [], color=colours[t], lw=3, label=t) for t in types],
               loc="upper right", bbox_to_anchor=(0.995, 0.95), fontsize=7, frameon=False)
    ax.set_title(f"actor graph: {len(keep)} actors, {sum(edges.values())} claims (width = support)", fontsize=10)
    ax.set_axis_off()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, format="png", dpi=dpi, metadata={"Software": None})
    plt.close(fig)
    return {"nodes": len(keep), "edges": len(edges), "types": types}

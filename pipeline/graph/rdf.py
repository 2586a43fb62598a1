"""RDF export: the claim store as Turtle or N-Triples in the geoclaims vocabulary (docs/VOCABULARY.md).

Triples are generated part by part and handed to pyoxigraph's serializer as a stream, so the file is
valid by construction and memory stays flat. IRIs are minted from stable ids (no blank nodes), so the
same store always gives the same triples.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from ..records import PLOVER_TYPES
from .aggregate import iter_cluster_records
from .source import actor_name, iso_day, iter_parts

NS = "https://geoclaims.org/ns#"
ID = "https://geoclaims.org/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
RDFS_LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
RDFS_SUBCLASS = NamedNode("http://www.w3.org/2000/01/rdf-schema#subClassOf")
PROV_DERIVED = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
PREFIXES = {"gc": NS, "gcid": ID, "xsd": XSD, "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
            "prov": "http://www.w3.org/ns/prov#"}
FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES}
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def gc(term: str) -> NamedNode:
    return NamedNode(NS + term)


def iri(kind: str, *parts: str) -> NamedNode:
    return NamedNode(ID + kind + "/" + "/".join(quote(p, safe="") for p in parts))


def actor_iri(mention: dict) -> NamedNode:
    """``gcid:actor/<CODE or _>/<Name>``: actors are keyed by code and name."""
    return iri("actor", mention.get("code") or "_", actor_name(mention))


def typed(value: object) -> Literal:
    """A literal with the XSD datatype of a Python value (bool, int, float, str)."""
    if isinstance(value, bool):
        return Literal("true" if value else "false", datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "double"))
    return Literal(str(value))


def date_literal(value: str) -> Literal:
    """xsd:dateTime, xsd:date or a plain string, whichever the value is."""
    if _DATETIME.match(value):
        return Literal(value, datatype=NamedNode(XSD + "dateTime"))
    if _DAY.match(value):
        return Literal(value, datatype=NamedNode(XSD + "date"))
    return Literal(value)


def vocabulary_triples() -> Iterator[Triple]:
    """The PLOVER classes, subclasses of gc:Claim."""
    for name in ("Claim", "Actor", "Article", "Mention", "Span", "Cluster"):
        yield Triple(gc(name), RDFS_LABEL, Literal(name))
    for ptype in PLOVER_TYPES:
        yield Triple(gc(ptype), RDFS_SUBCLASS, gc("Claim"))
        yield Triple(gc(ptype), RDFS_LABEL, Literal(ptype))


def article_triples(meta: dict) -> Iterator[Triple]:
    node = iri("article", meta["id"])
    yield Triple(node, RDF_TYPE, gc("Article"))
    yield Triple(node, gc("id"), Literal(meta["id"]))
    for key in ("title", "source", "url", "author", "language"):
        if meta.get(key):
            yield Triple(node, gc(key), Literal(meta[key]))
    if meta.get("published"):
        yield Triple(node, gc("published"), date_literal(meta["published"]))


def span_triples(node: NamedNode, span: dict, article: NamedNode, kind: str = "Span") -> Iterator[Triple]:
    """A text span (evidence, motive, time, mention) with its offsets into the article text."""
    yield Triple(node, RDF_TYPE, gc(kind))
    yield Triple(node, gc("article"), article)
    for key in ("text", "start", "end"):
        if span.get(key) is not None:
            yield Triple(node, gc(key), typed(span[key]))


def claim_triples(claim: dict) -> Iterator[Triple]:
    cid, pred = claim["claim_id"], claim["predicate"]
    node, article = iri("claim", cid), iri("article", claim["article_id"])
    yield Triple(node, RDF_TYPE, gc("Claim"))
    yield Triple(node, RDF_TYPE, gc(pred["type"]))
    yield Triple(node, gc("id"), Literal(cid))
    yield Triple(node, gc("article"), article)
    yield Triple(node, PROV_DERIVED, article)
    for key, prop in (("lemma", "lemma"), ("text", "predicateText"), ("modality", "modality")):
        if pred.get(key) is not None:
            yield Triple(node, gc(prop), Literal(pred[key]))
    yield Triple(node, gc("negated"), typed(bool(pred.get("negated"))))
    yield Triple(node, gc("confidence"), typed(float(claim.get("confidence") or 0.0)))
    for role, prop in (("subject", "subject"), ("object", "object"), ("attribution", "attributedTo")):
        mention = claim.get(role)
        if not mention:
            continue
        actor, mnode = actor_iri(mention), iri("claim", cid, role)
        yield from _actor_triples(actor, mention)
        yield Triple(node, gc(prop), actor)
        yield Triple(node, gc(f"{role}Mention"), mnode)
        yield from span_triples(mnode, mention, article, "Mention")
        for key, mprop in (("sector", "sector"), ("type", "entityType")):
            if mention.get(key):
                yield Triple(mnode, gc(mprop), Literal(mention[key]))
    for role in ("evidence", "motive", "time"):
        span = claim.get(role)
        if span:
            snode = iri("claim", cid, role)
            yield Triple(node, gc(role), snode)
            yield from span_triples(snode, span, article)
            if role == "time" and span.get("value"):
                yield Triple(snode, gc("value"), Literal(span["value"]))
                if iso_day(span["value"]):
                    yield Triple(snode, gc("startDate"), date_literal(iso_day(span["value"])))
    extractor = claim.get("extractor") or {}
    for key, prop in (("version", "extractorVersion"), ("model", "model")):
        if extractor.get(key):
            yield Triple(node, gc(prop), Literal(extractor[key]))


def _actor_triples(actor: NamedNode, mention: dict) -> Iterator[Triple]:
    yield Triple(actor, RDF_TYPE, gc("Actor"))
    yield Triple(actor, RDFS_LABEL, Literal(actor_name(mention)))
    if mention.get("code"):
        yield Triple(actor, gc("code"), Literal(mention["code"]))


def cluster_triples(cluster: dict) -> Iterator[Triple]:
    node = iri("cluster", cluster["cluster_id"])
    yield Triple(node, RDF_TYPE, gc("Cluster"))
    yield Triple(node, gc("eventType"), gc(cluster["type"]))
    yield Triple(node, gc("subject"), actor_iri(cluster["subject"]))
    if cluster["object"]:
        yield Triple(node, gc("object"), actor_iri(cluster["object"]))
    yield Triple(node, gc("negated"), typed(cluster["negated"]))
    yield Triple(node, gc("support"), typed(cluster["support"]))
    yield Triple(node, gc("articleCount"), typed(cluster["articles"]))
    yield Triple(node, gc("meanConfidence"), typed(float(cluster["confidence"]["mean"])))
    yield Triple(node, gc("maxConfidence"), typed(float(cluster["confidence"]["max"])))
    for source in cluster["sources"]:
        yield Triple(node, gc("source"), Literal(source))
    for key, prop in (("first_seen", "firstSeen"), ("last_seen", "lastSeen")):
        if cluster.get(key):
            yield Triple(node, gc(prop), date_literal(cluster[key]))
    for member in cluster["members"]:
        yield Triple(node, gc("member"), iri("claim", member))
    best = cluster["best_evidence"]
    yield Triple(node, gc("bestEvidence"), iri("claim", best["claim_id"], "evidence"))


def store_triples(store_dir: Path, agg_dir: Path | None = None) -> Iterator[Triple]:
    """Every triple of the store (and of its clusters), part by part."""
    yield from vocabulary_triples()
    for part in iter_parts(store_dir):
        for meta in part.articles.values():
            yield from article_triples(meta)
        for claim in part.claims:
            yield from claim_triples(claim)
    if agg_dir is not None:
        for cluster in iter_cluster_records(agg_dir):
            yield from cluster_triples(cluster)


def rdf_format(path: Path, name: str | None = None) -> RdfFormat:
    """The RDF format for a name (``ttl``/``nt``) or a file suffix; Turtle by default."""
    key = name or path.suffix.lstrip(".").lower()
    return FORMATS.get(key, RdfFormat.TURTLE)


def export_rdf(store_dir: Path, out: Path, *, agg_dir: Path | None = None, fmt: str | None = None) -> int:
    """Write the store as RDF to ``out``; the number of triples (repeated actor triples included)."""
    count = 0

    def counted() -> Iterator[Triple]:
        nonlocal count
        for triple in store_triples(store_dir, agg_dir):
            count += 1
            yield triple

    out.parent.mkdir(parents=True, exist_ok=True)
    rformat = rdf_format(out, fmt)
    prefixes = PREFIXES if rformat == RdfFormat.TURTLE else None
    serialize(counted(), str(out), rformat, prefixes=prefixes)
    return count

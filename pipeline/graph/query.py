"""SPARQL over a claim store or an RDF export, with pyoxigraph.

For a store DIR the graph is built once into ``DIR/graph/oxigraph`` (an on-disk pyoxigraph store,
bulk-loaded from ``rdf.store_triples``) and reused while ``DIR/graph/stamp.json`` matches the store:
the stamp hashes ``manifest.json``, the committed part names and, when given, the aggregation's
``clusters.jsonl``; any change rebuilds it. A ``.ttl``/``.nt`` file is loaded into memory instead.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, Quad, RdfFormat, Store, serialize

from ..errors import GeoclaimsError
from ..store import MANIFEST_FILE, atomic_write, canonical_json
from .aggregate import CLUSTERS_FILE
from .rdf import FORMATS, store_triples
from .source import open_store

CACHE_DIR = "graph"
RESULT_FORMATS = {"tsv": QueryResultsFormat.TSV, "csv": QueryResultsFormat.CSV, "json": QueryResultsFormat.JSON}
# the prefixes every query may use without declaring them
PREAMBLE = "PREFIX gc: <https://geoclaims.org/ns#>\nPREFIX gcid: <https://geoclaims.org/id/>\n" \
           "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"


def store_stamp(store_dir: Path, agg_dir: Path | None) -> str:
    """A hash of what the cached graph was built from."""
    store = open_store(store_dir)
    digest = hashlib.sha256()
    manifest = store.root / MANIFEST_FILE
    digest.update(manifest.read_bytes() if manifest.is_file() else b"")
    digest.update(canonical_json(store.parts()).encode("utf-8"))
    if agg_dir is not None:
        digest.update((Path(agg_dir) / CLUSTERS_FILE).read_bytes())
    return digest.hexdigest()


def cached_graph(store_dir: Path, agg_dir: Path | None = None) -> tuple[Store, bool]:
    """The store's graph (read-only) and whether it was (re)built now."""
    cache = Path(store_dir) / CACHE_DIR
    stamp_path, db_path = cache / "stamp.json", cache / "oxigraph"
    stamp = {"stamp": store_stamp(store_dir, agg_dir), "agg": str(agg_dir) if agg_dir else None}
    current = json.loads(stamp_path.read_text(encoding="utf-8")) if stamp_path.is_file() else None
    built = current != stamp or not db_path.is_dir()
    if built:
        shutil.rmtree(db_path, ignore_errors=True)
        cache.mkdir(parents=True, exist_ok=True)
        graph = Store(str(db_path))
        graph.bulk_extend(Quad(t.subject, t.predicate, t.object) for t in store_triples(store_dir, agg_dir))
        graph.flush()
        del graph
        atomic_write(stamp_path, (canonical_json(stamp) + "\n").encode("utf-8"))
    return Store.read_only(str(db_path)), built


def file_graph(path: Path) -> Store:
    """An RDF file (Turtle or N-Triples) loaded into memory; GC215 when it does not parse."""
    fmt = FORMATS.get(path.suffix.lstrip(".").lower())
    if fmt is None or not path.is_file():
        raise GeoclaimsError("GC215", f"{str(path)!r} is neither a claim store nor a .ttl/.nt file")
    graph = Store()
    try:
        graph.load(path=str(path), format=fmt)
    except (SyntaxError, OSError, ValueError) as err:
        raise GeoclaimsError("GC215", f"{path}: {err}") from None
    return graph


def open_graph(target: Path, agg_dir: Path | None = None) -> Store:
    return cached_graph(target, agg_dir)[0] if Path(target).is_dir() else file_graph(Path(target))


def run_query(graph: Store, sparql: str, *, fmt: str = "tsv") -> bytes:
    """The query's answer serialised: SPARQL results as TSV/CSV/JSON, graphs as N-Triples."""
    try:
        result = graph.query(sparql)
    except SyntaxError as err:
        raise GeoclaimsError("GC214", str(err).splitlines()[0]) from None
    if isinstance(result, QuerySolutions):
        return result.serialize(format=RESULT_FORMATS[fmt])
    if isinstance(result, QueryBoolean):
        return (b"true\n" if bool(result) else b"false\n")
    return serialize(result, format=RdfFormat.N_TRIPLES)

"""Load a Neo4j CSV export into ladybug (the embedded Kùzu fork) and answer Cypher queries.

No Neo4j server runs here, so this maps the ``neo4j-admin database import`` header conventions onto
ladybug's own tables and COPYs the very same files: a node file ``x:ID(Actor),name,n:int,:LABEL``
becomes ``NODE TABLE Actor(x STRING PRIMARY KEY, name STRING, n INT64, label STRING)``; a relationship
file ``:START_ID(Claim),:END_ID(Actor),:TYPE,...`` becomes ``REL TABLE <its TYPE>(FROM Claim TO Actor,
type STRING, ...)``. ladybug reads CSV columns by position, so the headers only steer the schema.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import require

TYPES = {"string": "STRING", "int": "INT64", "long": "INT64", "float": "DOUBLE", "double": "DOUBLE",
         "boolean": "BOOLEAN", "date": "DATE", "localdatetime": "TIMESTAMP"}
_GROUP = re.compile(r"^(?P<name>[^:]*):(?P<kind>ID|START_ID|END_ID)\((?P<group>\w+)\)$")


def read_header(path: Path) -> tuple[list[str], list[str] | None]:
    """The header of a CSV export and its first data row (None for an empty file)."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, next(reader, None)


def column(field: str) -> tuple[str, str]:
    """``name:type`` -> (name, ladybug type); ``:LABEL`` -> ('label', STRING); ``:TYPE`` -> ('type', ...)."""
    if field in (":LABEL", ":TYPE"):
        return field[1:].lower(), "STRING"
    name, _, kind = field.partition(":")
    return name, TYPES[kind or "string"]


def node_table_ddl(header: list[str]) -> tuple[str, str]:
    """(table name, CREATE NODE TABLE statement) for a node file header."""
    match = _GROUP.match(header[0])
    if not match or match["kind"] != "ID":
        raise ValueError(f"node file must start with an :ID(Group) column, not {header[0]!r}")
    key = match["name"] or "id"
    cols = [f"{key} STRING"] + [" ".join(column(f)) for f in header[1:]]
    return match["group"], f"CREATE NODE TABLE {match['group']}({', '.join(cols)}, PRIMARY KEY({key}))"


def rel_table_ddl(header: list[str], rel_type: str) -> str:
    start, end = _GROUP.match(header[0]), _GROUP.match(header[1])
    if not start or not end or header[2] != ":TYPE":
        raise ValueError(f"relationship file must start with :START_ID, :END_ID, :TYPE, not {header[:3]}")
    cols = [" ".join(column(f)) for f in header[2:]]
    return f"CREATE REL TABLE {rel_type}(FROM {start['group']} TO {end['group']}, {', '.join(cols)})"


def load_export(csv_dir: Path, db_path: Path):
    """A ladybug connection holding every CSV of ``csv_dir`` (node files first); GC224 without ladybug,
    a development dependency (``pip install geoclaims[dev]``), imported only here."""
    require("ladybug")
    import ladybug

    conn = ladybug.Connection(ladybug.Database(str(db_path)))
    nodes, rels = [], []
    for path in sorted(Path(csv_dir).glob("*.csv")):
        header, first = read_header(path)
        (nodes if header[0].endswith(")") and ":ID(" in header[0] else rels).append((path, header, first))
    for path, header, _ in nodes:
        _, ddl = node_table_ddl(header)
        conn.execute(ddl)
        _copy(conn, _GROUP.match(header[0])["group"], path)
    for path, header, first in rels:
        if first is None:
            continue
        conn.execute(rel_table_ddl(header, first[2]))
        _copy(conn, first[2], path)
    return conn


def _copy(conn, table: str, path: Path) -> None:
    # parallel=false: evidence sentences hold quoted line breaks
    conn.execute(f"COPY {table} FROM '{path.as_posix()}' (header=true, parallel=false)")


def cypher(conn, query: str) -> list[list]:
    """All rows of a Cypher query."""
    result = conn.execute(query)
    rows = []
    while result.has_next():
        rows.append(result.get_next())
    return rows

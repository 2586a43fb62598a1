"""JSON Lines articles (the contract input), plain or gzip-compressed, decoded line by line."""
from __future__ import annotations

import gzip
import json
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import IO, Iterator

from .. import registry
from ..errors import Reject
from ..records import OPTIONAL_ARTICLE_FIELDS, Article
from .common import binary_reject, excerpt, looks_binary

GZIP_MAGIC = b"\x1f\x8b"
_DAMAGED = (EOFError, gzip.BadGzipFile, zlib.error)


def _open(path: Path) -> IO[bytes]:
    with path.open("rb") as probe:
        magic = probe.read(2)
    return gzip.open(path, "rb") if magic == GZIP_MAGIC else path.open("rb")


@registry.readers.register("geoclaims.readers.jsonl.v1")
def read_jsonl(path: Path, *, root: Path | None = None) -> Iterator[Article | Reject]:
    """One ``Article`` or ``Reject`` per non-blank line; a damaged gzip stream ends with GC111."""
    path = Path(path)
    line_no = 0
    try:
        with _open(path) as handle:
            first = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
            if looks_binary(first):
                yield binary_reject(str(path), first)
                return
            for line_no, raw in enumerate(handle, start=1):
                if raw.strip():
                    yield parse_line(raw, f"{path}:{line_no}")
    except _DAMAGED as err:
        yield Reject("GC111", f"stream damaged after line {line_no}: {err}", f"{path}:{line_no + 1}")


def parse_line(raw: bytes, source: str) -> Article | Reject:
    """The article on one raw line, or the reason it cannot be read."""
    if b"\x00" in raw:
        return binary_reject(source, raw)
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Reject("GC108", f"byte {err.start}: {err.reason}", source, None, excerpt(raw))
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        return Reject("GC101", f"{err.msg} at column {err.colno}", source, None, excerpt(line))
    if not isinstance(data, dict):
        return Reject("GC102", f"got a JSON {type(data).__name__}", source, None, excerpt(line))
    return article_from_dict(data, source, line)


def article_from_dict(data: dict, source: str, line: str = "") -> Article | Reject:
    """An ``Article`` from a contract record, checking required and optional fields."""
    record_id = data.get("id")
    if not isinstance(record_id, str) or not record_id.strip():
        return Reject("GC103", f"'id' is {type(record_id).__name__}: {record_id!r:.60}", source, None,
                      excerpt(line))
    text = data.get("text")
    if not isinstance(text, str):
        return Reject("GC104", f"'text' is {type(text).__name__}", source, record_id, excerpt(line))
    if not text.strip():
        return Reject("GC105", "'text' is empty or blank", source, record_id, excerpt(line))
    optional = {}
    for name in OPTIONAL_ARTICLE_FIELDS:
        value = data.get(name)
        problem = _optional_problem(name, value)
        if problem:
            return Reject("GC114", problem, source, record_id, excerpt(line))
        optional[name] = value
    return Article(id=record_id, text=text, origin=source, **optional)


def _optional_problem(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        return f"'{name}' must be a string, got {type(value).__name__}"
    if name == "published" and not _is_iso_date(value):
        return f"'published' is not ISO 8601: {value!r:.60}"
    return None


def _is_iso_date(value: str) -> bool:
    text = value.strip().replace("Z", "+00:00")
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            parse(text)
            return True
        except ValueError:
            continue
    return False

"""JSON Lines articles (the contract input), plain or gzip-compressed: one decision per line.

A line is the unit: junk, NUL bytes, invalid UTF-8 or an oversized line reject that line only (with
its line number), and the rest of the file goes on. Only a file that is binary as a whole (a known
binary signature such as an image or a zip, or nothing but binary lines) is one GC110 reject. A
truncated or corrupt gzip keeps every complete line before the damage, then ends with GC111.
"""
from __future__ import annotations

import gzip
import json
import zlib
from datetime import date, datetime
from pathlib import Path
from typing import Iterator

from .. import registry
from ..errors import Reject
from ..records import OPTIONAL_ARTICLE_FIELDS, Article
from .common import binary_kind, binary_line, excerpt
from .lines import MAX_LINE_BYTES, Damage, Line, is_gzip, iter_lines

UTF8_BOM = b"\xef\xbb\xbf"
TEXT_EVIDENCE_BYTES = 8  # a non-binary line at least this long shows the file is text
WHOLE_FILE_SNIFF = 1 << 16  # this many bytes of nothing but binary lines: the file is binary


@registry.file_reader("jsonl", rank=0, suffixes=(".jsonl.gz", ".ndjson.gz", ".jsonl", ".ndjson"), sniff=(b"\x1f\x8b", b"{"))
def read_jsonl(path: Path, *, root: Path | None = None) -> Iterator[Article | Reject]:
    """One ``Article`` or ``Reject`` per non-blank line; a damaged gzip stream ends with GC111."""
    path = Path(path)
    verdict = _FileVerdict(path)
    whole = verdict.signature(_head(path))
    if whole:
        yield whole
        return
    for event in iter_lines(path):
        if isinstance(event, Damage):
            yield from verdict.flush()
            yield Reject("GC111", f"stream damaged in line {event.no}: {event.message}; the "
                                  f"{event.no - 1} lines before it were read", f"{path}:{event.no}")
            return
        item = _line_item(event, path)
        if item is None:
            continue
        if verdict.decided:
            yield item
        else:
            yield from verdict.add(event, item)
            if verdict.whole_file:
                return
    yield from verdict.finish()


def _head(path: Path, size: int = 512) -> bytes:
    """The first bytes of the file's content (decompressed when it is gzip; b"" if that fails)."""
    try:
        with (gzip.open(path, "rb") if is_gzip(path) else path.open("rb")) as handle:
            return handle.read(size)
    except (OSError, EOFError, zlib.error):
        return b""


class _FileVerdict:
    """Holds the first lines until the file shows it is text (then they go out one by one) or binary."""

    def __init__(self, path: Path):
        self.path = path
        self.decided = False
        self.whole_file: Reject | None = None
        self.pending: list[Article | Reject] = []
        self.pending_bytes = 0
        self.binary_seen = False

    def signature(self, head: bytes) -> Reject | None:
        """GC110 for the whole file when its first bytes are a known binary format's signature."""
        kind = binary_kind(head)
        return self._whole(f"the file is {kind}, not text; nothing in it was read", head) if kind else None

    def add(self, line: Line, item: Article | Reject) -> Iterator[Article | Reject]:
        raw = line.raw or b""
        is_binary = line.raw is not None and binary_line(raw)
        self.binary_seen |= is_binary
        self.pending.append(item)
        self.pending_bytes += line.size
        if not is_binary and len(raw.strip()) >= TEXT_EVIDENCE_BYTES:
            yield from self.flush()
        elif self.binary_seen and self.pending_bytes > WHOLE_FILE_SNIFF and len(self.pending) >= 4:
            yield self._whole(f"no text line in the first {self.pending_bytes} bytes: the file is binary "
                              "as a whole; nothing in it was read", raw)

    def flush(self) -> Iterator[Article | Reject]:
        self.decided = True
        pending, self.pending = self.pending, []
        yield from pending

    def finish(self) -> Iterator[Article | Reject]:
        if self.pending and self.binary_seen and not self.decided:
            yield self._whole("the file holds only binary lines: it is binary as a whole", b"")
            return
        yield from self.flush()

    def _whole(self, message: str, raw: bytes) -> Reject:
        self.decided = True
        self.pending = []
        self.whole_file = Reject("GC110", message, str(self.path), None, excerpt(raw, 60) or None)
        return self.whole_file


def _line_item(line: Line, path: Path) -> Article | Reject | None:
    source = f"{path}:{line.no}"
    if line.raw is None:
        return Reject("GC109", f"line {line.no} has {line.size:,} bytes, more than the "
                               f"{MAX_LINE_BYTES:,} a record may have; the line was skipped", source)
    raw = line.raw[len(UTF8_BOM):] if line.no == 1 and line.raw.startswith(UTF8_BOM) else line.raw
    if not raw.strip():
        return None
    return parse_line(raw, source)


def parse_line(raw: bytes, source: str) -> Article | Reject:
    """The article on one raw line, or the reason it cannot be read."""
    if binary_line(raw):
        return Reject("GC110", "the line is binary junk (NUL or control bytes), not a JSON record",
                      source, None, excerpt(raw, 60))
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return Reject("GC108", f"byte {err.start}: {err.reason}", source, None, excerpt(raw))
    try:
        data = json.loads(line)
    except json.JSONDecodeError as err:
        return Reject("GC101", f"{err.msg} at column {err.colno}", source, None, excerpt(line))
    except RecursionError:
        return Reject("GC101", "nested too deeply to be an article record", source, None, excerpt(line))
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

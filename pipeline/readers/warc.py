"""WARC archives: one article per HTML response record (warcio; id = the target URI)."""
from __future__ import annotations

import zlib
from pathlib import Path
from typing import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from .. import registry
from ..errors import Reject
from ..records import Article
from .html import html_article

# AttributeError: warcio on a record header cut short (found by fuzzing)
_DAMAGED = (ArchiveLoadFailed, EOFError, zlib.error, ValueError, OSError, AttributeError)


@registry.file_reader("warc", rank=4, suffixes=(".warc.gz", ".warc", ".arc.gz"), sniff=(b"warc/",))
def read_warc(path: Path, *, root: Path | None = None) -> Iterator[Article | Reject]:
    """One ``Article`` or ``Reject`` per HTML response; a damaged archive ends with GC111."""
    path = Path(path)
    count = 0
    with path.open("rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                if not _is_html_response(record):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI") or f"{path}#{count}"
                payload = record.content_stream().read()
                count += 1
                yield html_article(payload, record_id=uri, source=f"{path}#{uri}", url=uri)
        except _DAMAGED as err:
            yield Reject("GC111", f"archive damaged after {count} HTML records: {err}", str(path))
            return
    damage = gzip_damage(path)
    if damage:
        yield Reject("GC111", f"archive damaged after {count} HTML records: {damage}", str(path))


def gzip_damage(path: Path) -> str | None:
    """Why a gzip file (all its members) does not decompress to its end; None if fine or not gzip."""
    with path.open("rb") as handle:
        if handle.read(2) != b"\x1f\x8b":
            return None
        handle.seek(0)
        decompressor, in_member = zlib.decompressobj(wbits=31), False
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                while block:
                    decompressor.decompress(block)
                    in_member = True
                    if not decompressor.eof:
                        break
                    block = decompressor.unused_data
                    decompressor, in_member = zlib.decompressobj(wbits=31), False
        except zlib.error as err:
            return f"corrupt gzip data: {err}"
    return "the gzip stream ends before its end marker (truncated)" if in_member else None


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return "html" in content_type.lower()

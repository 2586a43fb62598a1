"""HTML pages: main text, title, date and author by trafilatura."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

import trafilatura

from .. import registry
from ..errors import Reject
from ..records import Article
from .common import binary_reject, files_under, looks_binary, relative_id

HTML_SUFFIXES = (".html", ".htm", ".xhtml")


@registry.file_reader("html", rank=2, suffixes=(".html", ".htm", ".xhtml"), sniff=(b"<!doctype html", b"<html"))
def read_html(path: Path, *, root: Path | None = None) -> Iterator[Article | Reject]:
    """One ``Article`` per HTML page (a file, or the .html files of a folder)."""
    path = Path(path)
    if root is None:
        root = path if path.is_dir() else path.parent
    for file in files_under(path, None if path.is_file() else HTML_SUFFIXES):
        yield html_article(file.read_bytes(), record_id=relative_id(file, root), source=str(file))


def html_article(data: bytes | str, *, record_id: str, source: str, url: str | None = None
                 ) -> Article | Reject:
    """The main text of one page as an ``Article`` (GC113 when the page has none)."""
    if isinstance(data, bytes) and looks_binary(data):
        return binary_reject(source, data, record_id)
    if isinstance(data, bytes):
        data = data.decode("utf-8", errors="replace")
    try:
        doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as err:  # trafilatura/lxml fail in many ways on junk markup
        return Reject("GC113", f"page could not be parsed: {err}", source, record_id)
    text = (doc.text or "").strip() if doc is not None else ""
    if not text:
        return Reject("GC113", "trafilatura found no main text", source, record_id)
    return Article(id=record_id, text=text, title=doc.title or None, published=doc.date or None,
                   url=url or doc.url or None, source=doc.sitename or None, author=doc.author or None,
                   origin=source)

"""RSS and Atom feeds: one article per entry (feedparser; HTML content becomes text)."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Iterator

import feedparser

from .. import registry
from ..errors import Reject
from ..records import Article
from .common import binary_reject, html_to_text, looks_binary


@registry.file_reader("feed", rank=3, suffixes=(".rss", ".atom", ".xml"), sniff=(b"<?xml", b"<rss", b"<feed"))
def read_feed(path: Path, *, root: Path | None = None) -> Iterator[Article | Reject]:
    """One ``Article`` or ``Reject`` per feed entry."""
    path = Path(path)
    data = path.read_bytes()
    if looks_binary(data):
        yield binary_reject(str(path), data)
        return
    try:
        parsed = feedparser.parse(data)
    except (UnicodeError, LookupError, ValueError) as err:  # e.g. a damaged encoding declaration (found by fuzzing)
        yield Reject("GC113", f"not a readable RSS/Atom feed: {type(err).__name__}: {err}"[:300], str(path))
        return
    if not parsed.entries and not parsed.get("version"):
        yield Reject("GC113", f"not a readable RSS/Atom feed: {parsed.get('bozo_exception')}", str(path))
        return
    feed_title = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        try:
            yield entry_article(entry, source=f"{path}#{index}", feed_title=feed_title)
        except Exception as err:  # noqa: BLE001 - one damaged entry must not stop the feed (found by fuzzing)
            yield Reject("GC113", f"entry {index} is unreadable: {type(err).__name__}: {err}"[:300],
                         f"{path}#{index}")


def entry_article(entry: dict, *, source: str, feed_title: str | None) -> Article | Reject:
    """The article in one feed entry; its id is the entry id, else its link."""
    record_id = entry.get("id") or entry.get("link")
    if not record_id:
        return Reject("GC103", "the entry has neither an id nor a link", source)
    text = html_to_text(_entry_html(entry))
    if not text:
        return Reject("GC105", "the entry has no content or summary", source, record_id)
    return Article(id=record_id, text=text, title=html_to_text(entry.get("title", "")) or None,
                   published=_iso(entry.get("published_parsed") or entry.get("updated_parsed")),
                   url=entry.get("link"), source=feed_title, author=entry.get("author"),
                   origin=source)


def _entry_html(entry: dict) -> str:
    contents = entry.get("content") or []
    values = [c.get("value", "") for c in contents if c.get("value")]
    return "\n".join(values) if values else entry.get("summary", "")


def _iso(parsed: time.struct_time | None) -> str | None:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", parsed) if parsed else None

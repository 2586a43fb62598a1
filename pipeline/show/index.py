"""The browsable index page of ``geoclaims show --html-dir``: every article, its claim count and types.

``page_name`` gives each article a safe, unique file name; ``render_index`` is pure: index entries
in, an HTML string out (same inline CSS as the article pages).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from html import escape
from typing import NamedTuple

from .render import page

INDEX_FILE = "index.html"


class IndexEntry(NamedTuple):
    """One row of the index: the article, its page, what its claims are, whether its text is shown."""

    article_id: str
    href: str
    types: Counter
    title: str | None = None
    full_text: bool = True
    rejected: str | None = None  # why extract rejected the article, if it did

    @property
    def claims(self) -> int:
        return sum(self.types.values())


def page_name(article_id: str) -> str:
    """A file name for the article's page: a readable slug of the id plus a hash of it (unique)."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", article_id).strip("-.")[:80] or "article"
    digest = hashlib.sha1(article_id.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}.html"


def types_text(types: Counter) -> str:
    """``SANCTION 2, REJECT 1`` (most frequent first)."""
    ordered = sorted(types.items(), key=lambda item: (-item[1], str(item[0])))
    return ", ".join(f"{t} {n}" for t, n in ordered)


def entry_row(entry: IndexEntry) -> str:
    title = escape(entry.title) + "<br>" if entry.title else ""
    text = "full" if entry.full_text else '<span class="muted">evidence only</span>'
    rejected = f'<span class="muted">rejected: {escape(entry.rejected)}</span>' if entry.rejected else ""
    link = f'<a href="{escape(entry.href)}">{title}<code>{escape(entry.article_id)}</code></a>'
    return (f'<tr><td class="title">{link}</td>'
            f'<td class="num">{entry.claims}</td><td>{escape(types_text(entry.types))}{rejected}</td>'
            f"<td>{text}</td></tr>")


def render_index(entries: list[IndexEntry], *, store_label: str) -> str:
    """The index page: a table of articles with their claim counts, linking to their pages."""
    total = Counter[str]()
    for entry in entries:
        total.update(entry.types)
    head = "<tr><th>article</th><th>claims</th><th>types</th><th>text</th></tr>"
    rows = "\n".join(entry_row(e) for e in entries)
    summary = (f"{len(entries)} article{'s' if len(entries) != 1 else ''}, "
               f"{sum(total.values())} claims · {escape(types_text(total)) or 'no claims'}")
    body = (f'<header><h1>Claims by article</h1><p class="meta"><code>{escape(store_label)}</code> · '
            f"{summary}</p></header>\n<h2>Articles</h2>\n"
            f'<table class="claims index">\n{head}\n{rows}\n</table>')
    return page(f"{store_label} — geoclaims", body)

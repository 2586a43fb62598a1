"""BBC News (Greene & Cunningham 2006) -> ``Article`` records.

Line 1 of a file is the headline, kept as ``title``; the text is the rest, paragraphs separated by a
blank line, as in the file (``geoclaims.corpora.bbc.v1``). Ids look like ``bbc-business-074``.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from geoclaims.records import Article
from geoclaims.registry import corpora as corpus_readers

from . import shared_data_dir

SECTIONS = ("business", "entertainment", "politics", "sport", "tech")


def bbc_dir() -> Path:
    return shared_data_dir() / "bbc_news" / "bbc"


def bbc_article(path: Path) -> Article:
    raw = path.read_text(encoding="utf-8", errors="replace").replace("\r\n", "\n")
    title, _, rest = raw.partition("\n")
    text = "\n\n".join(p.strip() for p in rest.strip().split("\n\n") if p.strip())
    return Article(id=f"bbc-{path.parent.name}-{path.stem}", text=text, title=title.strip() or None,
                   source="BBC", language="en", origin=str(path))


@corpus_readers.register("geoclaims.corpora.bbc.v1")
def iter_bbc_articles(*, sections: Iterable[str] = ("business", "politics"), root: Path | None = None) -> Iterator[Article]:
    """Articles of the given sections, in section then file order."""
    base = root or bbc_dir()
    for section in sections:
        for path in sorted((base / section).glob("*.txt")):
            yield bbc_article(path)

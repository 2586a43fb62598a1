"""Reuters-21578 (Distribution 1.0) SGML -> ``Article`` records.

The article text is the story body with the wire's hard line breaks folded: paragraphs (indented
lines in the SGML) are separated by a blank line, lines within a paragraph joined by a space, and the
closing "Reuter" signature dropped. Offsets in the team's stand-off annotations point into this text,
so this normalisation is part of the reader's contract (``geoclaims.corpora.reuters21578.v1``).
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path

from geoclaims.records import Article
from geoclaims.registry import corpora as corpus_readers

from . import shared_data_dir

_DOC = re.compile(r"<REUTERS(?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.S)
_NEWID = re.compile(r'NEWID="(\d+)"')
_FIELD = {name: re.compile(rf"<{name}>(.*?)</{name}>", re.S) for name in ("DATE", "TITLE", "BODY", "TOPICS", "PLACES", "DATELINE")}
_D = re.compile(r"<D>(.*?)</D>")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SIGNATURE = re.compile(r"\s*\bReuter\s*$")


def reuters_dir() -> Path:
    return shared_data_dir() / "reuters21578"


def _field(name: str, raw: str) -> str:
    match = _FIELD[name].search(raw)
    return match.group(1) if match else ""


def body_text(raw_body: str) -> str:
    """Story text with paragraphs kept and wire line breaks folded."""
    text = _CONTROL.sub("", html.unescape(raw_body))
    text = _SIGNATURE.sub("", text.rstrip())
    paragraphs, current = [], []
    for line in text.split("\n"):
        if (line.startswith("    ") or not line.strip()) and current:
            paragraphs.append(" ".join(current))
            current = []
        if line.strip():
            current.append(line.strip())
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)


def _published(raw_date: str) -> str | None:
    try:
        return datetime.strptime(raw_date.strip().split(".")[0], "%d-%b-%Y %H:%M:%S").isoformat()
    except ValueError:
        return None


def _article(attrs: str, raw: str, path: Path) -> tuple[Article, list[str]] | None:
    body = body_text(_field("BODY", raw))
    if not body:
        return None
    newid = _NEWID.search(attrs).group(1)
    title = html.unescape(_field("TITLE", raw)).strip() or None
    topics = _D.findall(_field("TOPICS", raw))
    article = Article(id=f"reuters-{newid}", text=body, title=title, published=_published(_field("DATE", raw)),
                      source="Reuters", language="en", origin=f"{path.name}#{newid}")
    return article, topics


@corpus_readers.register("geoclaims.corpora.reuters21578.v1")
def iter_reuters_articles(*, topics: Iterable[str] | None = None, root: Path | None = None) -> Iterator[Article]:
    """Articles with a body, in file order; ``topics`` keeps those tagged with any of them."""
    wanted = set(topics) if topics else None
    for path in sorted((root or reuters_dir()).glob("reut2-*.sgm")):
        raw_file = path.read_text(encoding="latin-1")
        for match in _DOC.finditer(raw_file):
            found = _article(match.group("attrs"), match.group("body"), path)
            if found and (wanted is None or wanted & set(found[1])):
                yield found[0]


def reuters_topics(root: Path | None = None) -> dict[str, list[str]]:
    """Article id -> its TOPICS tags."""
    result = {}
    for path in sorted((root or reuters_dir()).glob("reut2-*.sgm")):
        for match in _DOC.finditer(path.read_text(encoding="latin-1")):
            newid = _NEWID.search(match.group("attrs")).group(1)
            result[f"reuters-{newid}"] = _D.findall(_field("TOPICS", match.group("body")))
    return result

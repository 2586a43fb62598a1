"""Plain-text articles: one file, or every file of a folder (id = path relative to the root)."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from .. import registry
from ..errors import Reject
from ..records import Article
from .common import binary_reject, excerpt, files_under, looks_binary, relative_id


@registry.file_reader("text", rank=1, suffixes=(".txt", ".text"))
def read_text(path: Path, *, root: Path | None = None) -> Iterator[Article | Reject]:
    """One ``Article`` per file; ``root`` defaults to the folder given (or a file's parent)."""
    path = Path(path)
    if root is None:
        root = path if path.is_dir() else path.parent
    for file in files_under(path):
        yield text_article(file.read_bytes(), relative_id(file, root), str(file))


def text_article(data: bytes, record_id: str, source: str) -> Article | Reject:
    """The article in one file's bytes; its title is the first line when a blank line follows."""
    if looks_binary(data):
        return binary_reject(source, data, record_id)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Reject("GC108", f"byte {err.start}: {err.reason}", source, record_id, excerpt(data))
    if not text.strip():
        return Reject("GC105", "the file holds no text", source, record_id)
    return Article(id=record_id, text=text, title=title_of(text), origin=source)


def title_of(text: str) -> str | None:
    """The first line of ``text`` when a blank line follows it, else ``None``."""
    lines = text.lstrip("\n").splitlines()
    if len(lines) >= 2 and lines[0].strip() and not lines[1].strip():
        return lines[0].strip()
    return None

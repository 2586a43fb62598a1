"""Small helpers shared by the readers: binary sniffing, ids, excerpts, HTML fragments to text."""
from __future__ import annotations

from pathlib import Path

from ..errors import Reject

SNIFF_BYTES = 8192
EXCERPT_CHARS = 200
_TEXT_CONTROLS = {7, 8, 9, 10, 12, 13, 27}


def looks_binary(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes or more than 10% control bytes (not text)."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.10


def excerpt(raw: str | bytes, limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of a raw record, for the rejects file."""
    if isinstance(raw, bytes):
        raw = raw[: limit * 4].decode("utf-8", errors="replace")
    raw = raw.strip()
    return raw if len(raw) <= limit else raw[:limit] + "..."


def relative_id(path: Path, root: Path) -> str:
    """``path`` relative to ``root`` in POSIX form (the id of file-based articles)."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.name


def files_under(path: Path, suffixes: tuple[str, ...] | None = None) -> list[Path]:
    """``[path]`` for a file; for a folder its non-hidden files (matching ``suffixes``), sorted."""
    if path.is_file():
        return [path]
    found = []
    for item in sorted(path.rglob("*")):
        parts = item.relative_to(path).parts
        if not item.is_file() or any(p.startswith(".") for p in parts):
            continue
        if suffixes is None or item.name.lower().endswith(suffixes):
            found.append(item)
    return found


def binary_reject(source: str, data: bytes, record_id: str | None = None) -> Reject:
    return Reject("GC110", "the content is binary, not text", source, record_id, excerpt(data, 60))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content): block elements become line breaks."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several types on junk; fall back to the raw string
        return fragment.strip()
    for block in tree.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "blockquote", "tr"):
        block.tail = "\n\n" + (block.tail or "") if block.tag != "br" else "\n" + (block.tail or "")
    lines = [" ".join(line.split()) for line in tree.text_content().split("\n")]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()

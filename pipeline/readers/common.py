"""Small helpers shared by the readers: binary sniffing, ids, excerpts, HTML fragments to text."""
from __future__ import annotations

from pathlib import Path

from ..errors import Reject

SNIFF_BYTES = 8192
EXCERPT_CHARS = 200
_TEXT_CONTROLS = {7, 8, 9, 10, 12, 13, 27}
# bytes.translate(None, delete) keeps what is not deleted: these delete everything but the controls
_NOT_C0 = bytes(b for b in range(256) if not ((b < 32 and b not in _TEXT_CONTROLS) or b == 127))
_XML_INCOMPATIBLE = {c: None for c in range(32) if c not in (9, 10, 13)}
_NOT_C1 = bytes(b for b in range(256) if not 0x80 <= b <= 0x9F)


def looks_binary(data: bytes) -> bool:
    """True when ``data`` holds NUL bytes or more than 10% control bytes (not text)."""
    sample = data[:SNIFF_BYTES]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.10


# known binary formats by their first bytes: (offset, signature, what it is)
_SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (0, b"\x89PNG\r\n\x1a\n", "a PNG image"), (0, b"\xff\xd8\xff", "a JPEG image"),
    (0, b"GIF87a", "a GIF image"), (0, b"GIF89a", "a GIF image"), (0, b"RIFF", "a RIFF file (WebP, WAV, AVI)"),
    (0, b"II*\x00", "a TIFF image"), (0, b"MM\x00*", "a TIFF image"), (0, b"BM", None),
    (0, b"PK\x03\x04", "a zip archive (or docx/xlsx/jar)"), (0, b"PK\x05\x06", "an empty zip archive"),
    (0, b"%PDF-", "a PDF document"), (0, b"\x7fELF", "an ELF executable"), (0, b"MZ", None),
    (0, b"BZh", None), (0, b"\xfd7zXZ\x00", "an xz archive"), (0, b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"), (0, b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (0, b"SQLite format 3\x00", "an SQLite database"), (0, b"OggS", "an Ogg media file"),
    (0, b"\x00asm", "a WebAssembly module"), (0, b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (0, b"wOFF", "a WOFF font"), (0, b"wOF2", "a WOFF2 font"), (0, b"ID3", "an MP3 file"),
    (0, b"\xff\xfe", "UTF-16 text (re-encode it as UTF-8)"), (0, b"\xfe\xff", "UTF-16 text (re-encode it as UTF-8)"),
    (4, b"ftyp", "an MP4/MOV/HEIC media file"), (257, b"ustar", "a tar archive"),
)


def binary_kind(head: bytes) -> str | None:
    """What binary format ``head`` (a file's first bytes) starts, or None (short prefixes need NUL too)."""
    for offset, signature, kind in _SIGNATURES:
        if head[offset:offset + len(signature)] == signature:
            if kind is None:  # two-letter prefixes (BM, MZ, BZh) also start plain words
                if b"\x00" in head[:64]:
                    return "a binary file (" + signature.decode("latin-1") + " signature)"
                continue
            return kind
    return None


def binary_line(raw: bytes) -> bool:
    """True when one line is binary junk: NUL bytes, or more than 10% control bytes.

    Valid UTF-8 counts C0 controls only; bytes that are not UTF-8 also count C1 controls (0x80-0x9f,
    rare in Latin-1/cp1252 text, common in random bytes), so mis-encoded text stays GC108, not junk.
    """
    if not raw:
        return False
    if b"\x00" in raw:
        return True
    controls = len(raw.translate(None, _NOT_C0))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        controls += len(raw.translate(None, _NOT_C1))
    return controls / len(raw) > 0.10


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

    fragment = fragment or ""  # a damaged entry can hold None where the feed had text
    if "<" not in fragment:
        return fragment.strip()
    # lxml refuses strings with NUL or C0 control characters: drop them (found by fuzzing)
    fragment = fragment.translate(_XML_INCOMPATIBLE)
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

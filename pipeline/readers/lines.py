"""Bounded line splitting of plain or gzip files: every complete line, the damage, oversized lines.

``iter_lines(path)`` yields ``Line`` events in file order. A line longer than ``max_bytes`` is never
held in memory: it comes back as ``Line(no, None, size)`` and is skipped to its end. A gzip stream is
decompressed block by block (concatenated members included), so a truncated or corrupt stream still
gives every complete line before the damage, then one ``Damage`` event with the line number it hit.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

GZIP_MAGIC = b"\x1f\x8b"
BLOCK = 1 << 16
MAX_LINE_BYTES = 16 << 20  # 16 MiB: a 1,000,000-character article fits even with every character escaped


@dataclass(frozen=True)
class Line:
    no: int
    raw: bytes | None  # None when the line had more than max_bytes (then ``size`` says how many)
    size: int


@dataclass(frozen=True)
class Damage:
    no: int  # the line the damage hit (its bytes so far are not yielded)
    message: str


def is_gzip(path: Path) -> bool:
    with Path(path).open("rb") as probe:
        return probe.read(2) == GZIP_MAGIC


def _plain_blocks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from iter(lambda: handle.read(BLOCK), b"")


class GzipDamage(Exception):
    """The compressed stream is truncated or corrupt."""


def _gzip_blocks(path: Path) -> Iterator[bytes]:
    """Decompressed blocks of every gzip member; ``GzipDamage`` where the stream breaks.

    Output is bounded per call (a gzip bomb never expands a block at once).
    """
    decoder, started = zlib.decompressobj(wbits=31), False
    with path.open("rb") as handle:
        for data in iter(lambda: handle.read(BLOCK), b""):
            while data:
                if decoder.eof:
                    if not data.strip(b"\x00"):
                        break  # zero padding after the last member is allowed
                    if not data.startswith(GZIP_MAGIC[: len(data)]):
                        raise GzipDamage("bytes after the end of the compressed stream are not gzip")
                    decoder = zlib.decompressobj(wbits=31)
                started = True
                yield _inflate(decoder, data)
                data = decoder.unused_data if decoder.eof else decoder.unconsumed_tail
        if started and not decoder.eof:
            yield _inflate(decoder, b"")
            if not decoder.eof:
                raise GzipDamage("the compressed stream ends early (truncated file)")


def _inflate(decoder, data: bytes) -> bytes:
    try:
        return decoder.decompress(data, BLOCK * 4) if data else decoder.flush()
    except zlib.error as err:
        raise GzipDamage(f"corrupt compressed data ({err})") from None


def iter_lines(path: Path, *, max_bytes: int = MAX_LINE_BYTES) -> Iterator[Line | Damage]:
    """Every line of ``path`` (plain or gzip), without its newline; ``Damage`` last if the gzip breaks."""
    path = Path(path)
    blocks = _gzip_blocks(path) if is_gzip(path) else _plain_blocks(path)
    splitter = _Splitter(max_bytes)
    try:
        for block in blocks:
            yield from splitter.feed(block)
    except GzipDamage as err:
        yield Damage(splitter.line_no + 1, str(err))
        return
    yield from splitter.close()


class _Splitter:
    """Splits a byte stream into lines, holding at most ``max_bytes`` of one line."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.line_no = 0  # lines completed so far
        self.buffer = bytearray()
        self.size = 0  # bytes of the current line, kept or not
        self.oversized = False

    def feed(self, block: bytes) -> Iterator[Line]:
        start = 0
        while True:
            end = block.find(b"\n", start)
            piece = block[start:] if end < 0 else block[start:end]
            self._take(piece)
            if end < 0:
                return
            yield self._emit()
            start = end + 1

    def close(self) -> Iterator[Line]:
        if self.size:
            yield self._emit()

    def _take(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.oversized:
            return
        if self.size > self.max_bytes:
            self.oversized = True
            self.buffer = bytearray()
            return
        self.buffer += piece

    def _emit(self) -> Line:
        self.line_no += 1
        line = Line(self.line_no, None if self.oversized else bytes(self.buffer), self.size)
        self.buffer, self.size, self.oversized = bytearray(), 0, False
        return line

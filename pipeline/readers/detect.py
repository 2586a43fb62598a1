"""Input formats: from the file name (or a sniff of the first bytes), by the registered file readers.

Each reader registers its format, file name endings and first bytes (``registry.file_reader``); this
module loops over them by rank, so a new format is one registered reader.
"""
from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Callable, Iterator

from .. import registry
from ..errors import GeoclaimsError, Reject
from ..records import Article
from . import feed, html, jsonl, text, warc  # noqa: F401  (registers the readers)
from .common import files_under
from .stdin import STDIN_FORMAT, is_stdin, local_path, named_stdin, stdin_copy

PREFIX = "geoclaims.readers."
Reader = Callable[..., Iterator[Article | Reject]]


def file_readers() -> list[Reader]:
    """The registered file readers, by rank."""
    return sorted((registry.readers.get(f"{PREFIX}{fmt}.v1") for fmt in registry.names(registry.readers, PREFIX)),
                  key=lambda reader: reader.rank)


FORMATS = tuple(reader.format for reader in file_readers())
def detect_format(path: Path, override: str | None = None) -> str:
    """The format name for ``path``: ``override``, else by extension, else by a sniff (GC206)."""
    if override:
        known = tuple(reader.format for reader in file_readers())
        if override not in known:
            raise GeoclaimsError("GC206", f"--format {override!r} (known: {', '.join(known)})")
        return override
    if is_stdin(path):
        return STDIN_FORMAT
    if path.is_dir():
        return "text"
    name = path.name.lower()
    for reader in file_readers():
        if name.endswith(reader.suffixes):
            return reader.format
    sniffed = _sniff(path)
    if sniffed is None:
        raise GeoclaimsError("GC206", f"cannot tell the format of {str(path)!r} from its name")
    return sniffed


def _sniff(path: Path) -> str | None:
    with path.open("rb") as handle:
        head = handle.read(512).lstrip().lower()
    return next((reader.format for reader in file_readers() if reader.sniff and head.startswith(reader.sniff)), None)


def reader_for(fmt: str) -> Reader:
    """The registered reader ``geoclaims.readers.<fmt>.v1``."""
    return registry.get(registry.readers, f"{PREFIX}{fmt}.v1")


def check_inputs(paths: list[Path]) -> None:
    """GC201 for the first input path that does not exist."""
    for path in paths:
        if not is_stdin(path) and not path.exists():
            raise GeoclaimsError("GC201", f"{str(path)!r} does not exist")


def describe_input(path: Path, fmt: str) -> dict:
    """``{path, size, sha256, format}`` of one input (a folder hashes its files' names and bytes; ``-``: stdin's)."""
    digest = hashlib.sha256()
    size = 0
    for file in files_under(local_path(path)):
        if path.is_dir():
            digest.update(file.relative_to(path).as_posix().encode("utf-8") + b"\x00")
        with file.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
                size += len(block)
    return {"path": str(path), "size": size, "sha256": digest.hexdigest(), "format": fmt}


def read_inputs(inputs: list[dict]) -> Iterator[Article | Reject]:
    """Every record of every described input, in the order given."""
    for item in inputs:
        if is_stdin(item["path"]):
            yield from named_stdin(reader_for(item["format"])(stdin_copy()), stdin_copy())
        else:
            yield from reader_for(item["format"])(Path(item["path"]))

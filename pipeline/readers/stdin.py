"""``geoclaims extract -``: JSON Lines from standard input (a feed piped in), as Unix tools read ``-``.

Standard input is read once, to a temporary file removed at exit, so that it can be fingerprinted
(the chunk keys, resume) and then read like any input; the store names it ``-`` (the manifest's
``inputs[].path``, every reject's ``source`` and article's ``origin``), never the temporary file.
"""
from __future__ import annotations

import atexit
import dataclasses
import os
import shutil
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

STDIN = "-"
STDIN_FORMAT = "jsonl"


def is_stdin(path: str | Path) -> bool:
    return str(path) == STDIN


@lru_cache(maxsize=1)
def stdin_copy() -> Path:
    """Standard input's bytes in a temporary file (read on the first call only)."""
    handle, name = tempfile.mkstemp(prefix="geoclaims-stdin-", suffix=".jsonl")
    atexit.register(_remove, name)
    with os.fdopen(handle, "wb") as out:
        shutil.copyfileobj(sys.stdin.buffer, out)
    return Path(name)


def _remove(name: str) -> None:
    try:
        os.unlink(name)
    except FileNotFoundError:
        pass


def local_path(path: str | Path) -> Path:
    """The file to read for ``path``: the copy of standard input for ``-``, else ``path`` itself."""
    return stdin_copy() if is_stdin(path) else Path(path)


def named_stdin(items: Iterable, copy: Path) -> Iterator:
    """The reader's records with the temporary file's name in their sources replaced by ``-``."""
    prefix = str(copy)
    for item in items:
        field = "source" if hasattr(item, "source") else "origin"
        where = getattr(item, field, None)
        if isinstance(where, str) and where.startswith(prefix):
            item = dataclasses.replace(item, **{field: STDIN + where[len(prefix):]})
        yield item

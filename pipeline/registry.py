"""Registered, versioned names for readers, corpora, datasets and exporters (spaCy's ``catalogue`` style).

A name like ``geoclaims.readers.jsonl.v1`` never changes behaviour; a new behaviour gets ``v2``. Every
registry here is read by the code that dispatches on it:

- ``readers``: file readers, ``geoclaims.readers.<format>.v1``: ``(path) -> Iterator[Article | Reject]``,
  registered with ``file_reader`` and the file name endings and first bytes that pick them
  (``geoclaims.readers.detect`` loops over them);
- ``corpora``: readers of public corpora, ``geoclaims.corpora.<name>.v1`` (no arguments, or options)
  -> articles or sentences (``geoclaims.corpora``);
- ``datasets``: training and evaluation examples by name, ``geoclaims.datasets.<name>.v1``
  (``geoclaims.ml.datasets``);
- ``exporters``: ``geoclaims.exporters.<name>.v1``, ``(store, out, *, agg_dir, rdf_format) -> str``
  (the line ``export`` prints), looked up by ``geoclaims export --to <name>``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import catalogue

readers = catalogue.create("geoclaims", "readers", entry_points=False)
corpora = catalogue.create("geoclaims", "corpora", entry_points=False)
datasets = catalogue.create("geoclaims", "datasets", entry_points=False)
exporters = catalogue.create("geoclaims", "exporters", entry_points=False)


def get(registry: catalogue.Registry, name: str):
    """The registered object called ``name``, with an error that lists the known names."""
    try:
        return registry.get(name)
    except catalogue.RegistryError as err:
        known = ", ".join(sorted(registry.get_all()))
        raise KeyError(f"unknown name {name!r}; known: {known}") from err


def file_reader(fmt: str, *, rank: int, suffixes: Iterable[str], sniff: Iterable[bytes] = ()) -> Callable:
    """Register a file reader as ``geoclaims.readers.<fmt>.v1``, picked for files whose lower-cased name
    ends with one of ``suffixes``, or (any other name) whose first bytes, stripped and lower-cased, start
    with one of ``sniff``; ``rank`` orders the formats where they are listed (``--format``, GC206)."""
    def register(func: Callable) -> Callable:
        func.format, func.rank, func.suffixes, func.sniff = fmt, rank, tuple(suffixes), tuple(sniff)
        readers.register(f"geoclaims.readers.{fmt}.v1", func=func)
        return func
    return register


def names(registry: catalogue.Registry, prefix: str, suffix: str = ".v1") -> tuple[str, ...]:
    """The short names (``jsonl``, ``neo4j``) registered as ``<prefix><name><suffix>``, in registration order."""
    return tuple(name[len(prefix):-len(suffix)] for name in registry.get_all()
                 if name.startswith(prefix) and name.endswith(suffix))

"""Datasets by registered name, for both models: ``{name = "gold", split = "train"}`` -> examples.

A spec names a reader of the ``geoclaims.datasets`` registry (``gold`` is short for
``geoclaims.datasets.gold.v1``); every other key is passed to the reader. Unknown names and readers
that fail on their data are GC208. The readers themselves register where their examples are defined
(``geoclaims.relations.datasets``, ``geoclaims.motive.data``).
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import registry
from ..errors import GeoclaimsError

PREFIX, SUFFIX = "geoclaims.datasets.", ".v1"


def full_name(name: str) -> str:
    """``conll04`` -> ``geoclaims.datasets.conll04.v1``; full names pass through."""
    return name if name.startswith(PREFIX) else f"{PREFIX}{name}{SUFFIX}"


def iter_dataset(spec: dict[str, Any]) -> Iterator:
    options = dict(spec)
    name = full_name(str(options.pop("name", "")))
    try:
        reader = registry.get(registry.datasets, name)
    except KeyError as err:
        raise GeoclaimsError("GC208", str(err)) from err
    try:
        yield from reader(**options)
    except (FileNotFoundError, TypeError, ValueError) as err:
        raise GeoclaimsError("GC208", f"{name} {options}: {err}") from err


def load_examples(specs: Iterable[dict[str, Any]]) -> list:
    """All examples of the listed datasets, in order."""
    return [example for spec in specs for example in iter_dataset(spec)]


def parse_data_arg(value: str) -> dict[str, Any]:
    """``NAME[:split]`` or a ``.jsonl`` path (command line) -> a dataset spec."""
    if Path(value).suffix == ".jsonl" or Path(value).is_file():
        return {"name": "jsonl", "path": value}
    name, _, split = value.partition(":")
    return {"name": name, "split": split} if split else {"name": name}


def spec_label(spec: dict[str, Any]) -> str:
    """A short printable name for a spec."""
    options = ",".join(f"{k}={v}" for k, v in sorted(spec.items()) if k != "name")
    return f"{full_name(str(spec.get('name', '')))}({options})"

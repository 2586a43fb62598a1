"""Registered, versioned names for components, readers and steps.

A name like ``geoclaims.readers.jsonl.v1`` never changes behaviour; a new behaviour gets ``v2``.
"""
from __future__ import annotations

import catalogue

readers = catalogue.create("geoclaims", "readers", entry_points=False)
steps = catalogue.create("geoclaims", "steps", entry_points=False)
datasets = catalogue.create("geoclaims", "datasets", entry_points=False)


def get(registry: catalogue.Registry, name: str):
    """The registered object called ``name``, with an error that lists the known names."""
    try:
        return registry.get(name)
    except catalogue.RegistryError as err:
        known = ", ".join(sorted(registry.get_all()))
        raise KeyError(f"unknown name {name!r}; known: {known}") from err

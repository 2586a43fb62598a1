"""Registered relation-dataset readers: ``geoclaims.datasets.<name>.v1`` -> Iterator[RelationExample].

Config entries look like ``{name = "geoclaims.datasets.gold.v1", split = "train"}``; every key but
``name`` is passed to the reader. ``gold`` and ``silver`` are implemented elsewhere and imported
only when used.
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any, Iterator

from .. import registry
from ..errors import GeoclaimsError
# re-exported: callers that import them from here have the relation datasets registered first
from ..ml.datasets import full_name, iter_dataset, load_examples, parse_data_arg, spec_label  # noqa: F401
from .encoding import RelationExample


@registry.datasets.register("geoclaims.datasets.jsonl.v1")
def read_jsonl(path: str, source: str | None = None, weight: float | None = None,
               limit: int | None = None) -> Iterator[RelationExample]:
    """RelationExample dicts, one per line; ``source``/``weight`` override the records' own.

    ``limit`` keeps only the first N examples.
    """
    file = Path(path)
    if not file.is_file():
        raise GeoclaimsError("GC208", f"{file} not found")
    with file.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if limit is not None and number > limit:
                return
            if not line.strip():
                continue
            try:
                example = RelationExample.from_dict(json.loads(line))
            except (ValueError, KeyError, TypeError, IndexError) as err:
                raise GeoclaimsError("GC208", f"{file}:{number}: {err}") from err
            if source is not None or weight is not None:
                data = example.to_dict()
                data.update({k: v for k, v in (("source", source), ("weight", weight)) if v is not None})
                example = RelationExample.from_dict(data)
            yield example


@registry.datasets.register("geoclaims.datasets.conll04.v1")
def read_conll04(split: str = "train", path: str | None = None) -> Iterator[RelationExample]:
    from geoclaims.corpora.conll04 import iter_conll04_examples

    return iter_conll04_examples(split, path=path)


def _lazy(module: str, function: str):
    def reader(**options: Any) -> Iterator[RelationExample]:
        try:
            target = getattr(importlib.import_module(module), function)
        except (ImportError, AttributeError) as err:
            raise GeoclaimsError("GC208", f"{module}.{function} is not available ({err})") from err
        return target(**options)

    reader.__doc__ = f"Lazily calls {module}.{function}."
    return reader


registry.datasets.register("geoclaims.datasets.gold.v1", func=_lazy("geoclaims.corpora.standoff", "load_gold_examples"))
registry.datasets.register("geoclaims.datasets.gold.v2",
                           func=_lazy("geoclaims.corpora.gold_v2", "load_gold_v2_examples"))
registry.datasets.register("geoclaims.datasets.events.v1",
                           func=_lazy("geoclaims.corpora.event_examples", "load_event_examples"))
registry.datasets.register("geoclaims.datasets.events.v2",
                           func=_lazy("geoclaims.corpora.event_examples", "load_event_examples_v2"))
registry.datasets.register("geoclaims.datasets.synthetic.v1",
                           func=_lazy("geoclaims.corpora.synthetic", "load_synthetic_examples"))
registry.datasets.register("geoclaims.datasets.plv.v1",
                           func=_lazy("geoclaims.corpora.event_examples", "load_plv_examples"))
registry.datasets.register("geoclaims.datasets.plv.v2",
                           func=_lazy("geoclaims.corpora.event_examples", "load_plv_examples_v2"))
registry.datasets.register("geoclaims.datasets.silver.v1",
                           func=_lazy("geoclaims.relations.silver_data", "iter_silver_examples"))

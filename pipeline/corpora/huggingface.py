"""``geoclaims.corpora.load("gold", split="train")``: a registered relation dataset as a Hugging Face ``Dataset``.

Any name of the ``geoclaims.datasets`` registry works (``gold``, ``gold.v2``, ``events``, ``plv``,
``conll04``, ``silver``, or a full name such as ``geoclaims.datasets.gold.v1``); the rows are the
``RelationExample`` fields (``example_id``, ``text``, ``subject``, ``object``, ``label``, ...), the
same examples ``geoclaims train relations`` reads. The gold holds offsets only: its texts come from
the shared corpora (``$GEOCLAIMS_SHARED/data``), GC208 when they are missing. Without the ``datasets``
package: GC224, never a silent list.
"""
from __future__ import annotations

from typing import Any

from geoclaims.errors import require


def load(name: str, split: str | None = "train", **options: Any):
    """The dataset ``name`` (one ``split``: train, dev, test or all) as a ``datasets.Dataset``."""
    require("datasets")
    import datasets

    from geoclaims.relations.datasets import full_name, load_examples

    spec = {"name": _versioned(name), **options}
    if split is not None:
        spec["split"] = split
    rows = [example.to_dict() for example in load_examples([spec])]
    return datasets.Dataset.from_list(rows, info=datasets.DatasetInfo(description=f"{full_name(spec['name'])} {split}"))


def _versioned(name: str) -> str:
    """``gold`` -> ``gold`` (v1 is added by the registry); ``gold.v2`` -> ``geoclaims.datasets.gold.v2``."""
    if name.startswith("geoclaims.") or "." not in name:
        return name
    return f"geoclaims.datasets.{name}"

"""Load and validate the extract run configuration (``configs/extract.toml``) before a batch starts.

A file names its schema (``geoclaims.config.extract.v3``; ``.v2`` and ``.v1`` files keep their
meaning). Unknown keys and values of the wrong type or out of range raise ``GeoclaimsError("GC203",
...)`` naming the key; ``validate_section`` is the one validator, for this and the training configs.
"""
from __future__ import annotations

import copy
import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

from . import resources
from .errors import GeoclaimsError

SCHEMA_NAME = "geoclaims.config.extract.v3"
# v2 files (no relations.component) keep v2's meaning: the v1 pair component
SCHEMA_V2 = "geoclaims.config.extract.v2"
# v1 files (no [relations], no [motive]) keep v1's meaning: the torch relation model, no motive model
SCHEMA_V1 = "geoclaims.config.extract.v1"
V1_FIXED: dict[str, Any] = {"relations": {"backend": "torch", "threads": 1, "component": "geoclaims.relations.v1"},
                            "motive": {"model": ""}}
V2_FIXED_COMPONENT = "geoclaims.relations.v1"
# v2 files (and v3 files up to v0.3.1, which had no motive.component) ran the v1 motive linking: v2 files keep
# it; a v3 file without the key gets the current default (v2: v1 + the infinitive of purpose)
V2_FIXED_MOTIVE = "geoclaims.motive.v1"
# what a v2 file without relations.backend ran on (and its motive tagger on torch, always)
V2_DEFAULT_BACKEND = "auto"
# the backends of the relation classifier and the motive tagger (``ml.onnx_backends.resolve_backend``)
BACKENDS = ("auto", "auto-int8", "torch", "onnx-int8", "onnx")
# string keys with a fixed set of values
CHOICES: dict[str, tuple[str, ...]] = {"relations.backend": BACKENDS,
                                       "relations.component": ("geoclaims.relations.v1", "geoclaims.relations.v2",
                                                               "geoclaims.relations.v3"),
                                       "motive.component": ("geoclaims.motive.v1", "geoclaims.motive.v2"),
                                       "motive.backend": BACKENDS}

# key -> (type, minimum, maximum, default); nested dicts are sections
SPEC: dict[str, Any] = {
    "schema": (str, None, None, SCHEMA_NAME),
    "chunk_size": (int, 1, 100_000, 64),
    "batch_size": (int, 1, 4096, 16),
    "limits": {
        "max_chars": (int, 1, 100_000_000, 1_000_000),
    },
    "relations": {
        # a v3 file without it gets the current default, as with motive.component (up to v0.3: auto)
        "backend": (str, None, None, "auto-int8"),
        "threads": (int, 1, 256, 1),
        "component": (str, None, None, "geoclaims.relations.v2"),
    },
    "motive": {
        "model": (str, None, None, "models/motive"),
        "component": (str, None, None, "geoclaims.motive.v2"),
        # a v3 file without it gets the current default too (up to v0.3 the tagger ran on torch)
        "backend": (str, None, None, "auto-int8"),
        "threads": (int, 1, 256, 1),
    },
    "language": {
        "allowed": (list, 1, None, ["en"]),
        "short_text_chars": (int, 0, 1_000_000, 200),
        "min_confidence": (float, 0.0, 1.0, 0.95),
        "sample_chars": (int, 10, 10_000_000, 4000),
    },
}


def defaults() -> dict:
    """The configuration with every key at its default."""
    return _defaults_of(SPEC)


def _defaults_of(spec: dict) -> dict:
    return {key: _defaults_of(item) if isinstance(item, dict) else copy.deepcopy(item[3])
            for key, item in spec.items()}


SPEC_V1: dict[str, Any] = {**{k: v for k, v in SPEC.items() if k not in V1_FIXED},
                           "schema": (str, None, None, SCHEMA_V1)}
SPEC_V2: dict[str, Any] = {**SPEC, "schema": (str, None, None, SCHEMA_V2),
                           "relations": {"backend": (str, None, None, V2_DEFAULT_BACKEND),
                                         "threads": SPEC["relations"]["threads"]},
                           "motive": {"model": SPEC["motive"]["model"]}}


def validate(raw: dict) -> dict:
    """``raw`` checked against its schema's spec and completed with defaults; GC203 names the first bad key.

    ``schema`` defaults to the current one (v3); a v1 or v2 file validates against its own keys and runs
    as it did (v2: the v1 pair component; v1: that, the torch backend and no motive model)."""
    schema = raw.get("schema", SCHEMA_NAME)
    if schema == SCHEMA_V1:
        return {**validate_section(raw, SPEC_V1, prefix=""), **copy.deepcopy(V1_FIXED)}
    if schema == SCHEMA_V2:
        config = validate_section(raw, SPEC_V2, prefix="")
        config["relations"]["component"] = V2_FIXED_COMPONENT
        config["motive"].update(component=V2_FIXED_MOTIVE, backend="torch", threads=1)
        return config
    if schema != SCHEMA_NAME:
        raise GeoclaimsError("GC203", f"'schema' must be {SCHEMA_NAME!r} (or {SCHEMA_V2!r}, {SCHEMA_V1!r}), "
                                      f"got {schema!r}")
    return validate_section(raw, SPEC, prefix="")


def invalid_config(detail: str) -> GeoclaimsError:
    """The GC203 error for a bad key or value of any run or training config."""
    return GeoclaimsError("GC203", detail)


def validate_section(raw: dict, spec: dict, prefix: str = "") -> dict:
    """``raw`` checked against ``spec`` (key -> (type, minimum, maximum, default), or a nested spec for a
    table) and completed with defaults; GC203 names the first unknown or bad key. The one validator of
    the extract config and the training configs (relations, motive)."""
    unknown = sorted(set(raw) - set(spec))
    if unknown:
        known = ", ".join(prefix + k for k in spec)
        raise GeoclaimsError("GC203", f"unknown key '{prefix}{unknown[0]}' (known: {known})")
    result = {}
    for key, item in spec.items():
        name = prefix + key
        if isinstance(item, dict):
            section = raw.get(key, {})
            if not isinstance(section, dict):
                raise GeoclaimsError("GC203", f"'{name}' must be a table ([{name}])")
            result[key] = validate_section(section, item, prefix=f"{name}.")
        else:
            result[key] = _validate_value(name, raw.get(key, copy.deepcopy(item[3])), *item[:3])
    return result


def _validate_value(name: str, value: Any, kind: type, low: Any, high: Any) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or isinstance(value, bool):
        raise GeoclaimsError("GC203", f"'{name}' must be {kind.__name__}, got {value!r}")
    if kind is list:
        if not value or not all(isinstance(v, str) and v for v in value):
            raise GeoclaimsError("GC203", f"'{name}' must be a non-empty list of strings, got {value!r}")
        return value
    if name in CHOICES and value not in CHOICES[name]:
        raise GeoclaimsError("GC203", f"'{name}' must be one of {', '.join(CHOICES[name])}, got {value!r}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise GeoclaimsError("GC203", f"'{name}' must be in [{low}, {high}], got {value!r}")
    return value


def load_config(path: str | Path | None = None) -> dict:
    """The validated config read from ``path``; ``None`` reads the default file (or the defaults)."""
    if path is None:
        found = resources.find_file(resources.DEFAULT_CONFIG)
        return load_config(found) if found is not None else defaults()
    path = Path(path)
    if not path.is_file():
        raise GeoclaimsError("GC203", f"config file {str(path)!r} not found")
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise GeoclaimsError("GC203", f"{path}: {err}") from None
    return validate(raw)


def config_hash(config: dict) -> str:
    """A short, stable hash of the validated config."""
    canonical = json.dumps(config, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]

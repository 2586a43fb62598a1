"""Every console script in pyproject.toml points at a ``main`` that runs with no arguments (argv from sys)."""
from __future__ import annotations

import importlib
import inspect
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_console_scripts_resolve_to_mains_callable_without_arguments():
    scripts = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts["geoclaims"] == "geoclaims.cli:main" and len(scripts) > 1
    for name, target in scripts.items():
        module, _, function = target.partition(":")
        main = getattr(importlib.import_module(module), function)
        required = [p for p in inspect.signature(main).parameters.values()
                    if p.default is inspect.Parameter.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        assert required == [], f"{name}: {target} needs arguments"

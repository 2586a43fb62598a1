"""Where the shipped models and configs are: one place that finds them, for the CLI and the Python API.

``models/`` (the relation and motive models) and ``configs/`` ship inside the package (package data,
found through ``importlib.resources``), so a wheel installed anywhere runs ``geoclaims extract`` from
any folder. A relative name such as ``models/relations`` or ``configs/extract.toml`` is looked up in
the current folder first (a user's own copy wins, as it always did), then among the shipped files.
Nothing else in the package knows where those files live.
"""
from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# the package's own folder (site-packages/geoclaims, or pipeline/ in a checkout)
PACKAGE_ROOT = Path(str(files("geoclaims")))
# the checkout an editable install runs from: inputs named in a store's manifest are found relative to it
CHECKOUT_ROOT = PACKAGE_ROOT.parent

DEFAULT_MODEL = Path("models") / "relations"
DEFAULT_CONFIG = Path("configs") / "extract.toml"


def shipped(name: str | Path) -> Path:
    """The shipped file or folder called ``name`` (e.g. ``models/relations``), whether or not it exists."""
    return PACKAGE_ROOT / name


def resolve(name: str | Path) -> Path:
    """A path the user gave (``--config configs/motive.toml``, ``--model models/motive``): as given when it
    exists, else the shipped one of that name when that exists, else as given (for the caller's error)."""
    path = Path(name)
    if path.exists() or path.is_absolute() or not shipped(path).exists():
        return path
    return shipped(path)


def find_dir(name: str | Path) -> Path | None:
    """``name`` as a folder: relative to the current folder, else the shipped one; None when neither is."""
    for candidate in (Path(name), shipped(name)):
        if candidate.is_dir():
            return candidate
    return None


def find_file(name: str | Path) -> Path | None:
    """``name`` as a file: relative to the current folder, else the shipped one; None when neither is."""
    for candidate in (Path(name), shipped(name)):
        if candidate.is_file():
            return candidate
    return None


def default_model_dir() -> Path:
    """The relation model ``extract`` uses without ``--model``."""
    return find_dir(DEFAULT_MODEL) or shipped(DEFAULT_MODEL)


def locate_input(path: Path) -> Path | None:
    """An input named in a store's manifest: as given, else relative to the checkout; None when gone."""
    for candidate in (path, CHECKOUT_ROOT / path):
        if candidate.exists():
            return candidate
    return None

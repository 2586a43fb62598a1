"""Where the shipped models and configs are: one place that finds them, for the CLI and the Python API.

A relative name such as ``models/relations`` or ``configs/extract.toml`` is looked up in the current
folder first (a checkout, or a user's own copy wins), then among the files that ship with geoclaims.
Nothing else in the package knows where those files live.
"""
from __future__ import annotations

from pathlib import Path

# the folder the shipped models/ and configs/ are found under
SHIPPED_ROOT = Path(__file__).resolve().parents[1]
# the checkout the package was installed from (editable installs); inputs named in a store's manifest
CHECKOUT_ROOT = Path(__file__).resolve().parents[1]

DEFAULT_MODEL = Path("models") / "relations"
DEFAULT_CONFIG = Path("configs") / "extract.toml"


def shipped(name: str | Path) -> Path:
    """The shipped file or folder called ``name`` (e.g. ``models/relations``), whether or not it exists."""
    return SHIPPED_ROOT / name


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

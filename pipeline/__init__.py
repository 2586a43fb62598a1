"""geoclaims: geopolitical claims (who did what to whom, and why) from news articles.

The Python API (see the README's "Python API"): ``geoclaims.load()``, ``geoclaims.extract_texts()``,
``geoclaims.read_store()`` and ``geoclaims.corpora.load()``; each is imported on first use, so that
``import geoclaims`` (and the CLI) stays light.
"""
__version__ = "0.1.0"

_API = {"load": "geoclaims.api", "extract_texts": "geoclaims.api", "read_store": "geoclaims.api"}
__all__ = ["__version__", "corpora", *_API]


def __getattr__(name: str):
    import importlib

    if name in _API:
        return getattr(importlib.import_module(_API[name]), name)
    if name == "corpora":
        return importlib.import_module("geoclaims.corpora")
    raise AttributeError(f"module 'geoclaims' has no attribute {name!r}")

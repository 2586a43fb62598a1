"""The Python API: ``load()`` a spaCy pipeline, ``extract_texts()`` from strings or articles, ``read_store()``.

``geoclaims.load()`` gives the spaCy ``Language`` that ``geoclaims extract`` runs, with one more pipe
at the end that turns the relation component's spans into ``Claim`` records: ``nlp(text)._.claims``.
``extract_texts`` cleans its inputs and extracts exactly as ``extract`` does for the same articles
(same claim ids). ``read_store`` reads a claim store back as ``Claim`` records, or as a table.
A plain string is an article whose id is ``text-`` and the first 12 hex digits of its text's SHA-256.
"""
from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from .errors import Reject, require
from .records import Article, Claim

CLAIM_RECORDS = "geoclaims_claim_records_v1"


def text_id(text: str) -> str:
    """The article id a plain string gets."""
    return "text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def build_extractor(model: str | Path | None = None, *, config: str | Path | dict | None = None,
                    device: str = "cpu"):
    """The ``ClaimExtractor`` and validated config that ``geoclaims extract`` would use."""
    from .config import load_config, validate
    from .extract import build_processor
    from .resources import default_model_dir

    settings = validate(config) if isinstance(config, dict) else load_config(config)
    model_dir = Path(model) if model is not None else default_model_dir()
    return build_processor(settings, model_dir, device=device), settings


def load(model: str | Path | None = None, *, config: str | Path | dict | None = None,
         device: str = "cpu") -> Language:
    """The extraction pipeline; ``nlp(text)._.claims`` holds ``Claim`` records (``._.claim_spans`` the spans).

    ``model``: a relation model folder (default: the shipped ``models/relations``); ``config``: an
    extract config file or dict (default: the shipped ``configs/extract.toml``). Set
    ``doc._.article_id`` / ``doc._.published`` on ``nlp.make_doc(text)`` to give the article's id and date."""
    extractor, _ = build_extractor(model, config=config, device=device)
    nlp = extractor.nlp
    nlp.add_pipe(CLAIM_RECORDS, name="geoclaims_claim_records", last=True,
                 config={"extractor": extractor.extractor, "config_hash": extractor.config_hash})
    return nlp


class ClaimRecords:
    """The last pipe of ``load()``: ``doc._.claims`` (relation spans) -> ``Claim`` records."""

    def __init__(self, extractor: dict, config_hash: str):
        self.extractor, self.config_hash = dict(extractor), config_hash
        for name in ("article_id", "published", "claim_spans"):
            if not Doc.has_extension(name):
                Doc.set_extension(name, default=None)

    def __call__(self, doc: Doc) -> Doc:
        from .claims import claim_record

        article = Article(id=doc._.article_id or text_id(doc.text), text=doc.text, published=doc._.published)
        found = list(doc._.claims or [])
        doc._.claim_spans = found
        doc._.claims = [claim_record(article, doc, item, extractor=self.extractor, config_hash=self.config_hash)
                        for item in found]
        return doc


@Language.factory(CLAIM_RECORDS, default_config={"extractor": {}, "config_hash": ""})
def make_claim_records(nlp: Language, name: str, extractor: dict, config_hash: str) -> ClaimRecords:
    return ClaimRecords(extractor, config_hash)


def as_article(item: str | dict | Article, index: int) -> Article | Reject:
    """A string, a JSON-Lines-style dict or an ``Article`` as an Article (or the Reject a bad dict gets)."""
    from .readers.jsonl import article_from_dict

    if isinstance(item, Article):
        return item
    if isinstance(item, str):
        item = {"id": text_id(item), "text": item}
    if isinstance(item, dict):
        return article_from_dict(item, f"texts[{index}]")
    raise TypeError(f"texts[{index}]: expected str, dict or Article, got {type(item).__name__}")


@lru_cache(maxsize=2)
def _cached_extractor(model: str | None, config: str | None, device: str):
    return build_extractor(model, config=config, device=device)


def extract_texts(texts: Iterable[str | dict | Article], *, model: str | Path | None = None,
                  config: str | Path | None = None, device: str = "cpu",
                  rejects: list | None = None) -> list[Claim]:
    """The claims of ``texts`` (strings, article dicts or ``Article``s), cleaned and extracted as ``extract`` does.

    An input that is not processed (empty, not English, a duplicate...) becomes a ``Reject``: appended to
    ``rejects`` when a list is given, else reported as a warning. The models load once per (model, config)."""
    from .extract import extract_safely
    from .readers.clean import Deduplicator, clean

    extractor, settings = _cached_extractor(None if model is None else str(model),
                                            None if config is None else str(config), device)
    items = list(clean((as_article(item, i) for i, item in enumerate(texts)), settings, Deduplicator()))
    articles = [item for item in items if isinstance(item, Article)]
    claims: list[Claim] = []
    for result in [item for item in items if isinstance(item, Reject)] + extract_safely(extractor, articles):
        if isinstance(result, Reject):
            _reject(result, rejects)
        else:
            claims.extend(result)
    return claims


def _reject(reject: Reject, rejects: list | None) -> None:
    if rejects is not None:
        rejects.append(reject)
    else:
        warnings.warn(f"{reject.source}: {reject.code} {reject.message}", stacklevel=3)


class StoreClaims:
    """The claims of a claim store: iterate for ``Claim`` records, or take them all as a table."""

    def __init__(self, store_dir: str | Path):
        from .store import ClaimStore

        self.store = ClaimStore.open_for_read(Path(store_dir))  # GC207 when it is not a store
        self.store.verify()  # GC222 before anything is read: never a damaged file's claims

    def __iter__(self) -> Iterator[Claim]:
        return (Claim.from_dict(record) for record in self.store.iter_claims())

    def dicts(self) -> Iterator[dict]:
        """The claims as the store holds them (the JSON of ``geoclaims cat``)."""
        return self.store.iter_claims()

    def to_arrow(self):
        """A ``pyarrow.Table``, one flat row per claim (the columns of ``export --to parquet``)."""
        require("pyarrow")
        import pyarrow as pa

        from .graph.parquet import CLAIM_SCHEMA, claim_row

        return pa.Table.from_pylist([claim_row(c) for c in self.store.iter_claims()], schema=CLAIM_SCHEMA)

    def to_pandas(self):
        """A ``pandas.DataFrame`` of ``to_arrow()``."""
        require("pandas")
        return self.to_arrow().to_pandas()


def read_store(store_dir: str | Path) -> StoreClaims:
    """The claims of the store at ``store_dir`` (GC207 if it is not one, GC222 if a file is damaged)."""
    return StoreClaims(store_dir)


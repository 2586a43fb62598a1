"""Wikinews 2004–2019 (CC BY 2.5) -> ``Article`` records, and its leak-proof split.

The three files of ``../shared/data/wikinews`` (politics 2004–2009, economy 2004–2018, 2019) already
follow the contract's article record. Ids look like ``wikinews-politics-ID736`` or
``wikinews-2019-a652aad19b93``. The split (``wikinews_split``) keeps near-duplicate articles together
and puts the latest years in test: see ``geoclaims.corpora.neardup``.
"""
from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from geoclaims.records import Article
from geoclaims.registry import corpora as corpus_readers

from . import shared_data_dir

FILES = ("wikinews-politics-2004-2009.jsonl.gz", "wikinews-economy-2004-2018.jsonl.gz", "wikinews-2019.jsonl")
TEST_FROM_YEAR = 2011  # articles of 2011 and later (economy 2011–2018 and all of 2019) are test
# Older articles held out for test as well (one doc id per line, with their near-duplicate clusters): the
# 2011+ articles are economy news and 2019, too few deployments, threats, withdrawals and battles to measure
# those types; ``python -m geoclaims.corpora.annotation.event_targets --choose-held-out`` chose them among 2004–2010 articles that no train or
# dev record (nor a cluster-mate of one) comes from.
HELD_OUT_TEST = Path(__file__).resolve().parents[2] / "corpora" / "annotations" / "events" / "test-held-out.txt"


def wikinews_dir() -> Path:
    return shared_data_dir() / "wikinews"


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else path.open(encoding="utf-8")


@corpus_readers.register("geoclaims.corpora.wikinews.v1")
def iter_wikinews_articles(*, root: Path | None = None) -> Iterator[Article]:
    """Every Wikinews article, file by file, in file order (a title in two files appears twice)."""
    base = root or wikinews_dir()
    for name in FILES:
        with _open(base / name) as handle:
            for number, line in enumerate(handle, 1):
                row = json.loads(line)
                yield Article(id=row["id"], text=row["text"], title=row.get("title"),
                              published=row.get("published"), url=row.get("url"),
                              source=row.get("source") or "Wikinews", language=row.get("language") or "en",
                              origin=f"{name}:{number}")


@lru_cache(maxsize=1)
def wikinews_texts() -> dict[str, str]:
    """doc_id -> text, as the reader gives it (what stand-off offsets index)."""
    return {a.id: a.text for a in iter_wikinews_articles()}


def article_year(article: Article) -> int | None:
    value = (article.published or "")[:4]
    return int(value) if value.isdigit() else None


@lru_cache(maxsize=1)
def wikinews_splits() -> dict[str, str]:
    """doc_id -> train/dev/test: near-duplicate clusters split together, the latest years in test."""
    from .neardup import cluster_split

    articles = list(iter_wikinews_articles())
    latest = {a.id for a in articles if (article_year(a) or 0) >= TEST_FROM_YEAR}
    held_out = checked_held_out(held_out_test_ids(), {a.id for a in articles})
    return cluster_split({a.id: a.text for a in articles}, forced_test=latest | held_out,
                         test_share=0, dev_share=15)


def checked_held_out(held_out: set[str], known: set[str]) -> set[str]:
    """``held_out``, or GC208 naming the ids that are no Wikinews article (a typo would put an article
    meant for test into train without a word)."""
    unknown = sorted(held_out - known)
    if unknown:
        from ..errors import GeoclaimsError

        raise GeoclaimsError("GC208", f"{len(unknown)} id(s) of {HELD_OUT_TEST.name} are no Wikinews article: "
                                      f"{', '.join(unknown[:5])}; fix the list (one doc id per line)")
    return held_out


def held_out_test_ids(path: Path = HELD_OUT_TEST) -> set[str]:
    """The 2004–2010 articles held out for test (empty when the list is absent)."""
    if not path.is_file():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def wikinews_split(doc_id: str) -> str:
    return wikinews_splits()[doc_id]

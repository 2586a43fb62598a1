"""Stream steps after reading: size limit, ftfy normalisation, language check, exact duplicates.

Each step takes an iterator of ``Article | Reject`` and yields the same; rejects pass through.
"""
from __future__ import annotations

import dataclasses
import hashlib
from functools import lru_cache
from typing import Iterable, Iterator

import ftfy

from ..errors import Reject
from ..records import Article
from .common import excerpt

Item = Article | Reject
# Only repair what is broken (mojibake, C1 controls, terminal escapes): clean text keeps its
# characters and length, so claim offsets into the normalised text hold for the input text too.
FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False, uncurl_quotes=False, fix_line_breaks=False, fix_latin_ligatures=False,
    fix_character_width=False, remove_control_chars=False, normalization=None, explain=False,
)


def limit_size(items: Iterable[Item], *, max_chars: int) -> Iterator[Item]:
    """Reject articles longer than ``max_chars`` characters (GC109)."""
    for item in items:
        if isinstance(item, Article) and len(item.text) > max_chars:
            yield Reject("GC109", f"{len(item.text):,} characters; the limit is {max_chars:,}",
                         item.origin or "", item.id, excerpt(item.text))
        else:
            yield item


def normalise(items: Iterable[Item]) -> Iterator[Item]:
    """Repair mojibake and broken characters in text and title with ftfy."""
    for item in items:
        if isinstance(item, Article):
            text = ftfy.fix_text(item.text, FTFY_CONFIG)
            title = ftfy.fix_text(item.title, FTFY_CONFIG) if item.title else item.title
            if text != item.text or title != item.title:
                item = dataclasses.replace(item, text=text, title=title)
        yield item


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, sample_chars: int = 4000) -> tuple[str, float]:
    """The most likely language of ``text`` (ISO 639-1) and its probability."""
    lang, prob = _identifier().classify(text[:sample_chars])
    return str(lang), float(prob)


def check_language(items: Iterable[Item], *, allowed: list[str], short_text_chars: int = 200,
                   min_confidence: float = 0.95, sample_chars: int = 4000) -> Iterator[Item]:
    """Reject articles not in ``allowed`` (GC112); short texts only on a sure guess."""
    for item in items:
        if isinstance(item, Article):
            lang, prob = detect_language(item.text, sample_chars)
            short = len(item.text.strip()) < short_text_chars
            if lang not in allowed and (not short or prob >= min_confidence):
                yield Reject("GC112", f"detected language '{lang}' (p={prob:.2f})",
                             item.origin or "", item.id, excerpt(item.text))
                continue
        yield item


def text_hash(text: str) -> str:
    """The hash that makes two texts duplicates: same words after whitespace is collapsed."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:32]


class Deduplicator:
    """The exact-duplicate filter: same id (GC106) or same normalised text (GC107); first kept.

    ``accepted_ids``/``accepted_hashes`` list what was accepted since the last ``take_accepted``,
    so a store can persist them per chunk and ``restore`` them on resume.
    """

    def __init__(self) -> None:
        self.first_of_id: set[str] = set()
        self.first_of_hash: dict[str, str] = {}
        self._ids: list[str] = []
        self._hashes: list[str] = []

    def restore(self, ids: Iterable[str], hashes: Iterable[tuple[str, str] | list[str]]) -> None:
        """Add ids and (hash, id) pairs accepted in an earlier run."""
        self.first_of_id.update(ids)
        for digest, record_id in hashes:
            self.first_of_hash.setdefault(digest, record_id)

    def take_accepted(self) -> tuple[list[str], list[list[str]]]:
        """The ids and [hash, id] pairs accepted since the last call (then forgotten)."""
        ids, hashes = self._ids, [[h, i] for h, i in zip(self._hashes, self._ids)]
        self._ids, self._hashes = [], []
        return ids, hashes

    def __call__(self, items: Iterable[Item]) -> Iterator[Item]:
        for item in items:
            if isinstance(item, Article):
                rejected = self._check(item)
                if rejected is not None:
                    yield rejected
                    continue
            yield item

    def _check(self, article: Article) -> Reject | None:
        if article.id in self.first_of_id:
            return Reject("GC106", f"id {article.id!r} was already read", article.origin or "",
                          article.id, excerpt(article.text))
        digest = text_hash(article.text)
        if digest in self.first_of_hash:
            first = self.first_of_hash[digest]
            return Reject("GC107", f"same text as {first!r}", article.origin or "", article.id,
                          excerpt(article.text))
        self.first_of_id.add(article.id)
        self.first_of_hash[digest] = article.id
        self._ids.append(article.id)
        self._hashes.append(digest)
        return None


def clean(items: Iterable[Item], config: dict, dedup: Deduplicator) -> Iterator[Item]:
    """All cleaning steps in order, as the extract config sets them."""
    lang = config["language"]
    items = limit_size(items, max_chars=config["limits"]["max_chars"])
    items = normalise(items)
    items = check_language(items, allowed=lang["allowed"], short_text_chars=lang["short_text_chars"],
                           min_confidence=lang["min_confidence"], sample_chars=lang["sample_chars"])
    return dedup(items)

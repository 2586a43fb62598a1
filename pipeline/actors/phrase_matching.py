"""Exact-phrase matching for the actor EntityRuler: the same matches as its token ``Matcher``, faster.

The gazetteer's patterns are all exact token sequences (one ``ORTH`` or one ``LOWER`` value per
token). spaCy's ``Matcher`` walks a state machine per pattern and token (about 2 s of CPU per 100
Reuters articles with 2,556 patterns, as long as tagging, parsing and NER together); a
``PhraseMatcher`` per attribute finds the same (match_id, start, end) triples with a hash lookup.
``TokenSequenceMatcher`` is a drop-in for ``EntityRuler.matcher`` (called on a Doc, returns the
triples); a pattern of any other shape stays in a real ``Matcher``, so nothing is ever dropped.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

PHRASE_ATTRS = ("ORTH", "LOWER")


def phrase_attr(pattern: list[dict]) -> str | None:
    """``ORTH`` or ``LOWER`` when every token of ``pattern`` is one exact string value of that attribute."""
    attrs = {key for token in pattern for key in token}
    if len(attrs) != 1 or not all(len(token) == 1 for token in pattern):
        return None
    (attr,) = attrs
    if attr not in PHRASE_ATTRS or not all(isinstance(token[attr], str) for token in pattern):
        return None
    return attr


class TokenSequenceMatcher:
    """Matches token patterns as the ``Matcher`` would, using ``PhraseMatcher``s where it can."""

    def __init__(self, vocab: Vocab, token_patterns: dict[str, Iterable[list[dict]]]):
        self.vocab = vocab
        self.phrase = {attr: PhraseMatcher(vocab, attr=attr) for attr in PHRASE_ATTRS}
        self.fallback = Matcher(vocab, validate=False)
        for key, patterns in token_patterns.items():
            self.add(key, list(patterns))

    def add(self, key: str, patterns: list[list[dict]], **_: object) -> None:
        """``Matcher.add``'s signature: ``key`` and a list of token patterns."""
        for pattern in patterns:
            attr = phrase_attr(pattern)
            if attr is None:
                self.fallback.add(key, [pattern])
            else:
                self.phrase[attr].add(key, [Doc(self.vocab, words=[token[attr] for token in pattern])])

    def __len__(self) -> int:
        return sum(len(m) for m in self.phrase.values()) + len(self.fallback)

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        matches = [m for matcher in self.phrase.values() for m in matcher(doc)]
        if len(self.fallback):
            matches.extend(self.fallback(doc))
        return matches


def use_phrase_matching(ruler) -> None:
    """Swap ``ruler.matcher`` (an EntityRuler's token ``Matcher``) for a ``TokenSequenceMatcher`` of its patterns.

    Patterns added to the ruler later reach the new matcher through ``EntityRuler.add_patterns``.
    """
    ruler.matcher = TokenSequenceMatcher(ruler.nlp.vocab, ruler.token_patterns)

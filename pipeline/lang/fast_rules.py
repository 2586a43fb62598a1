"""Faster, equivalent stand-ins for en_core_web_sm's two rule components (same outputs, token for token).

* The **attribute ruler** maps the tagger's fine tags to POS and morphology and fixes a few lemmas with 179
  token patterns run through spaCy's ``Matcher``; on the bench articles it cost as much as the parser.
  Every pattern is a fixed sequence of one or two token specs over ``LOWER``/``ORTH``/``TEXT``/``TAG``/
  ``POS``/``DEP``/``IS_SPACE`` with exact values or ``IN``/``NOT_IN``/``REGEX``, so each can be tested on a
  token directly. ``TableAttributeRuler`` indexes the patterns by their first token's lower-cased form, tag
  or space flag, collects a doc's matches in the ruler's own order (pattern number, then position: later
  patterns win) and applies them with the ruler's own normalised attributes and spaCy's ``set_token_attrs``.
* The **lemmatizer** looks each new (word, POS, morphology) up in ``lemma_index`` tables that are Python
  lists (57,528 nouns), a linear scan per candidate form: its cache hides that only once it has seen a
  word. ``use_lemma_index_sets`` turns those lists into frozensets, which the lemmatizer only tests for
  membership.

``speed_up(nlp)`` applies both where they apply and says which; ``tests/lang/test_fast_rules.py``
compares tag, POS, morphology, lemma and dependency label of every token with the stock pipeline's.
"""
from __future__ import annotations

import re
from operator import attrgetter
from collections.abc import Callable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
# spaCy forbids dots in factory names: the versioned name is geoclaims.attribute_table.v1
FACTORY = "geoclaims_attribute_table_v1"
NAME = "geoclaims_attribute_table"
# pattern key -> the token attribute the Matcher compares
ATTRIBUTES = {"LOWER": "lower_", "ORTH": "text", "TEXT": "text", "TAG": "tag_", "POS": "pos_", "DEP": "dep_",
              "IS_SPACE": "is_space"}
INDEXED = ("LOWER", "TAG", "IS_SPACE", "DEP")  # the first token's keys a pattern may be filed under, in order
ValueTest = Callable[[Any], bool]


class UnsupportedPattern(ValueError):
    """A ruler pattern this module does not read (an operator, another attribute or predicate)."""


def value_test(spec: Any) -> ValueTest:
    """A test of one value against an exact value or an ``IN``/``NOT_IN``/``REGEX`` predicate."""
    if not isinstance(spec, dict):
        return lambda value: value == spec
    if len(spec) != 1:
        raise UnsupportedPattern(f"predicate {spec!r}")
    (kind, arg), = spec.items()
    if kind == "IN":
        return frozenset(arg).__contains__
    if kind == "NOT_IN":
        refused = frozenset(arg)
        return lambda value: value not in refused
    if kind == "REGEX":
        regex = re.compile(arg)
        return lambda value: regex.search(value) is not None
    raise UnsupportedPattern(f"predicate {spec!r}")


def first_token_keys(spec: dict) -> list[tuple[str, Any]]:
    """The index keys a pattern whose first token spec is ``spec`` is filed under (empty: every token)."""
    for column in INDEXED:
        value = spec.get(column)
        if isinstance(value, (str, bool)):
            return [(column, value)]
        if isinstance(value, dict) and set(value) == {"IN"}:
            return [(column, v) for v in value["IN"]]
    return []


class CompiledPattern:
    """One alternative of ruler pattern ``number``: per token, (column, test) pairs."""

    def __init__(self, number: int, tokens: Sequence[dict], index: int = 0):
        if not tokens:
            raise UnsupportedPattern("an empty pattern")
        unknown = {key for spec in tokens for key in spec} - set(ATTRIBUTES)
        if unknown:
            raise UnsupportedPattern(f"token keys {sorted(unknown)}")
        self.number, self.width = number, len(tokens)
        if not -self.width <= index < self.width:
            raise UnsupportedPattern(f"pattern {number}: token index {index} outside its {self.width} tokens")
        self.tests = [[(key, value_test(value)) for key, value in spec.items()] for spec in tokens]
        self.columns = {key for spec in tokens for key in spec}
        self.keys = first_token_keys(tokens[0])

    def matches_at(self, columns: dict[str, list], start: int) -> bool:
        if start + self.width > len(columns["TAG"]):  # TAG is always read
            return False
        return all(test(columns[key][start + k]) for k, tests in enumerate(self.tests) for key, test in tests)


def doc_columns(doc: Doc, names: set[str]) -> dict[str, list]:
    """Per pattern key, that attribute of every token of ``doc`` (one pass over the tokens)."""
    names = sorted(names)
    read = attrgetter(*(ATTRIBUTES[name] for name in names))
    rows = [read(token) for token in doc]
    if len(names) == 1:
        return {names[0]: rows}
    return {name: [row[k] for row in rows] for k, name in enumerate(names)}


class TableAttributeRuler:
    """``ruler``'s rules applied without the Matcher; same attributes, same precedence."""

    def __init__(self, ruler: Any):
        self.ruler = ruler
        self.index: dict[tuple[str, Any], list[CompiledPattern]] = {}
        self.unkeyed: list[CompiledPattern] = []
        self.columns = {"TAG"}
        for number, entry in enumerate(ruler.patterns):
            for tokens in entry["patterns"]:
                pattern = CompiledPattern(number, tokens, entry.get("index", 0))
                self.columns |= pattern.columns
                for key in pattern.keys:
                    self.index.setdefault(key, []).append(pattern)
                if not pattern.keys:
                    self.unkeyed.append(pattern)
        self.keyed_by = sorted({column for column, _value in self.index})

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern number, start, end) of every match, sorted as the ruler sorts them."""
        columns = doc_columns(doc, self.columns)
        found = set()
        for i in range(len(doc)):
            candidates = [p for column in self.keyed_by for p in self.index.get((column, columns[column][i]), ())]
            for pattern in candidates + self.unkeyed:
                if pattern.matches_at(columns, i):
                    found.add((pattern.number, i, i + pattern.width))
        return sorted(found)

    def __call__(self, doc: Doc) -> Doc:
        attrs, indices = self.ruler.attrs, self.ruler.indices
        for number, start, end in self.matches(doc):
            index = indices[number]
            set_token_attrs(doc[(start if index >= 0 else end) + index], attrs[number])
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def make_attribute_table(nlp: Language, name: str) -> TableAttributeRuler:
    """The rules of ``nlp``'s attribute ruler as a table (UnsupportedPattern if one cannot be read)."""
    return TableAttributeRuler(nlp.get_pipe(RULER))


def use_attribute_table(nlp: Language) -> bool:
    """``nlp``'s attribute ruler replaced, in place, by a ``TableAttributeRuler`` of its rules; False (nothing
    changed) when the pipeline has no ruler or one of its patterns is not one this module reads."""
    if RULER not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe(FACTORY, name=NAME, after=RULER)
    except UnsupportedPattern:
        return False
    nlp.remove_pipe(RULER)
    return True


def use_lemma_index_sets(nlp: Language) -> bool:
    """The rule lemmatizer's ``lemma_index`` word lists as frozensets (read only with ``in``); False when the
    pipeline has no rule lemmatizer with such lists."""
    if LEMMATIZER not in nlp.pipe_names or getattr(nlp.get_pipe(LEMMATIZER), "mode", None) != "rule":
        return False
    lookups = nlp.get_pipe(LEMMATIZER).lookups
    if "lemma_index" not in lookups:
        return False
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)
    return True


def speed_up(nlp: Language) -> list[str]:
    """Both stand-ins applied to ``nlp`` where they apply; the names of those applied."""
    applied = []
    if use_attribute_table(nlp):
        applied.append("attribute table")
    if use_lemma_index_sets(nlp):
        applied.append("lemma index sets")
    return applied

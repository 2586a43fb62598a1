"""First names that are also place names: "Chad Wolf" is a person, not Chad (TCD).

A token is read as a first name when it is one of ``FIRST_NAME_PLACES`` and the next token is a
capitalised name that names no actor and is no organisation word ("Jordan Times", "India Today" stay
places). The span runs over at most three such name tokens.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .gazetteer import load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

FIRST_NAME_PLACES = frozenset(
    "Chad Jordan Georgia India Kenya Israel Paris Sydney Austin Florence Victoria Santiago Lincoln Kingston "
    "Madison Savannah Dallas Aurora Chelsea Devon Houston Trinidad".split())
ORG_WORDS = frozenset(
    "Air Airways Airlines Times Today Post Daily News Bank University Telecom Group Federation Republic Football "
    "Club United City Cup Open Street Square Airport Port Television TV Radio Herald Tribune Gazette Journal "
    "Standard Mail Observer Express Review Press Agency Ministry Government Council Party Police Army".split())
MAX_NAME = 3


def first_name_spans(doc: Doc) -> list[Span]:
    """Spans "Chad Wolf" where a place name is a person's first name."""
    gazetteer = load_gazetteer()
    spans = []
    for token in doc:
        if token.text not in FIRST_NAME_PLACES or token.i + 1 >= len(doc):
            continue
        end = token.i + 1
        while end < len(doc) and end - token.i <= MAX_NAME and _surname_like(doc[end], gazetteer):
            end += 1
        if end > token.i + 1:
            spans.append(doc[token.i : end])
    return spans


def _surname_like(token, gazetteer) -> bool:
    text = token.text
    return (text[:1].isupper() and text.isalpha() and not token.is_stop and text not in ORG_WORDS
            and gazetteer.find(text) is None)

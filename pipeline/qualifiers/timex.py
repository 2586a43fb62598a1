"""When a claim's event happened: a time expression attached to the predicate, as ISO 8601.

``event_time(doc, sentence, predicate, published=...)`` finds the time expressions of the sentence
(spaCy's DATE/TIME entities plus our patterns for weekdays and relative words), keeps those that
hang from the predicate's clause (a time phrase under a reporting verb dates the speech, not the
event: "X said on Tuesday it would ..."), and resolves the nearest one against the publication
date: "1987-03-03" (a day), "1987-03" (a month), "1987" (a year) or "1987-02-23/1987-03-01" (a
week or quarter, first/last day). A bare weekday is the most recent such day on or before the
publication date, or the next one on or after it when the clause is future ("will meet on Tuesday").
Relative expressions need ``published``; absolute ones ("in 1988", "March 3, 1987") do not.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..candidates import PredicateWords
from ..lang.en import FUTURE_WORDS, MONTHS, ORDINALS, WEEKDAYS
from ..lang.en import TIME_EXPRESSION as _PATTERN
from ..lang.en import TIME_FUTURE_LEMMAS as _FUTURE_LEMMAS
from .clause import clause_heads, predicate_span


class EventTime(NamedTuple):
    text: str
    start: int  # character offsets into the doc text
    end: int
    value: str  # ISO 8601: date, reduced precision, or "start/end" interval


def parse_published(published: str | None) -> date | None:
    """The publication day of an ISO date or date-time, else None."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def time_expressions(sentence: Span) -> list[Span]:
    """DATE/TIME entities of the sentence, plus pattern matches they do not cover."""
    found = [e for e in sentence.ents if e.label_ in ("DATE", "TIME")]
    taken = {i for e in found for i in range(e.start, e.end)}
    for match in _PATTERN.finditer(sentence.text):
        span = sentence.doc.char_span(sentence.start_char + match.start(), sentence.start_char + match.end(),
                                      alignment_mode="expand")
        if span is not None and not taken & set(range(span.start, span.end)):
            found.append(span)
            taken |= set(range(span.start, span.end))
    return sorted(found, key=lambda s: s.start)


def _attached(expression: Span, members: set[int], root: Token) -> int | None:
    """Edges from the expression up to the predicate's clause, or None when a verb outside it intervenes."""
    if any(t.i in members for t in expression):
        return 0
    if expression.root.dep_ in ("compound", "nummod", "amod", "nmod") and expression.root.head.i not in members:
        return None  # "a 1986 pact": the date of another thing
    current, steps = expression.root, 0
    while current.head.i != current.i and steps < 8:
        current, steps = current.head, steps + 1
        if current.i in members:
            return steps
        if current.pos_ in ("VERB", "AUX") and current.i != root.i:
            return None
    return None


def _is_future(heads: list[Token]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in FUTURE_WORDS for h in heads for c in h.children) or \
        any(h.lemma_.lower() in _FUTURE_LEMMAS for h in heads[1:])


def _week(day: date) -> str:
    monday = day - timedelta(days=day.weekday())
    return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"


def _quarter(year: int, number: int) -> str:
    first = date(year, 3 * number - 2, 1)
    last = (date(year + (number == 4), 1 if number == 4 else 3 * number + 1, 1)) - timedelta(days=1)
    return f"{first.isoformat()}/{last.isoformat()}"


def _month_year(month: int, published: date, future: bool) -> int:
    if future:
        return published.year + (month < published.month)
    return published.year - (month > published.month)


def resolve_time(text: str, published: date | None, *, future: bool = False) -> str | None:
    """ISO 8601 value of one time expression, or None when it cannot be resolved."""
    t = re.sub(r"\s+", " ", text.lower().replace(",", " ").replace(".", " ")).strip()
    t = re.sub(r"^(?:on|in|at|by|since|from|during|the|of)\s+", "", t)
    year = re.search(r"\b((?:19|20)\d\d)\b", t)
    month = next((MONTHS[w] for w in t.split() if w in MONTHS and (w != "may" or re.search(r"may \d", t))), None)
    day = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(r"\b(?:19|20)\d\d\b", "", t))
    quarter = re.search(r"\b(first|second|third|fourth|1st|2nd|3rd|4th) quarter\b", t)
    if quarter:
        base = int(year.group(1)) if year else (published.year if published else None)
        return _quarter(base, ORDINALS[quarter.group(1)]) if base else None
    if month and day and 1 <= int(day.group(1)) <= 31:
        base = int(year.group(1)) if year else (_month_year(month, published, future) if published else None)
        try:
            return date(base, month, int(day.group(1))).isoformat() if base else None
        except ValueError:
            return None
    if month:
        base = int(year.group(1)) if year else (_month_year(month, published, future) if published else None)
        return f"{base:04d}-{month:02d}" if base else None
    if year and not re.search(r"\b(?:19|20)\d\d\s*/", t):
        return year.group(1)
    return _relative(t, published, future) if published else None


def _relative(t: str, published: date, future: bool) -> str | None:
    words = t.split()
    shift = -1 if "last" in words or "yesterday" in words else 1 if "next" in words or "tomorrow" in words else 0
    if "today" in words or "tonight" in words or "yesterday" in words or "tomorrow" in words:
        return (published + timedelta(days=shift)).isoformat()
    weekday = next((WEEKDAYS[w] for w in words if w in WEEKDAYS), None)
    if weekday is not None:
        back = (published.weekday() - weekday) % 7
        if shift > 0 or (future and shift == 0):
            ahead = (weekday - published.weekday()) % 7 or (7 if shift > 0 else 0)
            return (published + timedelta(days=ahead)).isoformat()
        return (published - timedelta(days=back or (7 if shift < 0 else 0))).isoformat()
    if "week" in words:
        return _week(published + timedelta(weeks=shift))
    if "month" in words:
        index = published.year * 12 + published.month - 1 + shift
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if "year" in words:
        return str(published.year + shift)
    ago = re.match(r"(\w+) days? ago", t)
    numbers = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
    if ago and (ago.group(1).isdigit() or ago.group(1) in numbers):
        n = int(ago.group(1)) if ago.group(1).isdigit() else numbers[ago.group(1)]
        return (published - timedelta(days=n)).isoformat()
    return None


def event_time(
    doc: Doc, sentence_span: Span, predicate: PredicateWords | Span | Token, *, published: str | None,
) -> EventTime | None:
    """The resolved time expression attached to the predicate's clause, nearest first; or None."""
    root, span = predicate_span(doc, predicate)
    heads = clause_heads(root)
    members = {t.i for t in heads} | {t.i for t in span}
    future = _is_future(heads)
    day = parse_published(published)
    scored = []
    for expression in time_expressions(sentence_span):
        steps = _attached(expression, members, root)
        if steps is not None:
            scored.append((steps, abs(expression.start - root.i), expression))
    for _, _, expression in sorted(scored, key=lambda s: (s[0], s[1])):
        value = resolve_time(expression.text, day, future=future)
        if value is not None:
            return EventTime(expression.text, expression.start_char, expression.end_char, value)
    return None

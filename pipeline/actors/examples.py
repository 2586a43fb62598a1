"""The actor examples of issue 14 as a small gold set, scored through the real spaCy pipeline.

``python -m geoclaims.actors.examples`` prints each mention's expected and resolved (code, sector) and
the accuracy of codes and of (code, sector) pairs; tests/actors/test_examples.py asserts them. The
texts are written for this set (short news-style paragraphs around the issue's examples); the
expected codes follow the annotation guide: the state a person or body acts for, CAMEO sector.
"""
from __future__ import annotations

import sys
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc

from .resolve import resolve_span


class Expected(NamedTuple):
    """A mention (its words and which occurrence) and the actor it stands for; code None = no actor."""

    surface: str
    nth: int
    code: str | None
    sector: str | None


ARTICLES: list[tuple[str, str | None, list[Expected]]] = [
    ("Venezuelan opposition leader Juan Guaidó called for new protests on Monday. Guaidó said the government of "
     "Nicolás Maduro had failed. He urged the army to switch sides.", "2019-04-29",
     [Expected("Juan Guaidó", 0, "VEN", "OPP"), Expected("Guaidó", 1, "VEN", "OPP"), Expected("He", 0, "VEN", "OPP"),
      Expected("the army", 0, "VEN", "MIL")]),
    ("Ukraine's foreign minister Dmytro Kuleba met his Polish counterpart in Warsaw. Kuleba said the minister had "
     "promised more aid. Ned Price, a State Department spokesman, said Washington backed Kyiv. Price added that "
     "Russia must withdraw.", "2022-03-01",
     [Expected("Dmytro Kuleba", 0, "UKR", "GOV"), Expected("Kuleba", 1, "UKR", "GOV"),
      Expected("Ned Price", 0, "USA", "GOV"), Expected("Price", 1, "USA", "GOV")]),
    ("Israel's defence minister warned Hezbollah on Tuesday. The minister said Israel would respond. The ministry "
     "later issued a statement.", "2021-05-01",
     [Expected("Israel's defence minister", 0, "ISR", "GOV"), Expected("The minister", 0, "ISR", "GOV"),
      Expected("The ministry", 0, "ISR", "GOV")]),
    ("Iraqi lawmakers gathered in Baghdad. The Parliament voted to expel US troops from Iraq. The prime minister "
     "welcomed the vote. He said the government would act.", "2020-01-05",
     [Expected("The Parliament", 0, "IRQ", "LEG"), Expected("The prime minister", 0, "IRQ", "GOV"),
      Expected("He", 0, "IRQ", "GOV"), Expected("the government", 0, "IRQ", "GOV")]),
    ("Democrats in Congress criticised the plan. The White House said the president would veto it.", "2021-06-01",
     [Expected("Democrats", 0, "USA", "PTY"), Expected("Congress", 0, "USA", "LEG"),
      Expected("the president", 0, "USA", "GOV")]),
    ("Russian President Vladimir Putin spoke in Moscow on Friday. The president said sanctions had failed.",
     "2014-03-21", [Expected("Vladimir Putin", 0, "RUS", "GOV"), Expected("The president", 0, "RUS", "GOV")]),
    ("Vladimir Putin, a former KGB officer, met German business leaders in Dresden.", "1995-06-01",
     [Expected("Vladimir Putin", 0, "RUS", "ELI")]),
    ("Chad Wolf, the acting Homeland Security secretary, said the plan was lawful. NPR said the plan was new. "
     "According to CNN, Wolf left for Chad on Friday.", "2020-08-01",
     [Expected("Chad Wolf", 0, "USA", "GOV"), Expected("Wolf", 1, "USA", "GOV"), Expected("Chad", 1, "TCD", None),
      Expected("NPR", 0, None, None), Expected("CNN", 0, None, None)]),
    ("The European Union imposed sanctions on Belarus. The bloc said Minsk had violated human rights.", "2021-06-21",
     [Expected("The European Union", 0, "IGO", None), Expected("The bloc", 0, "IGO", None),
      Expected("Minsk", 0, "BLR", None)]),
]


def mention_span(doc: Doc, surface: str, nth: int):
    """The ``nth`` occurrence of ``surface`` in ``doc`` as a token span (None when absent)."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.find(surface, start + 1)
        if start < 0:
            return None
    return doc.char_span(start, start + len(surface), alignment_mode="expand")


def run_article(nlp: Language, text: str, published: str | None) -> Doc:
    """The article through the pipeline with ``doc._.published`` set first, as the extractor does."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def score(nlp: Language) -> tuple[list[tuple[str, Expected, tuple | None]], int, int]:
    """(rows of (text head, expected, got)), correct codes, correct (code, sector) pairs."""
    rows, codes, pairs = [], 0, 0
    for text, published, expected in ARTICLES:
        doc = run_article(nlp, text, published)
        for item in expected:
            span = mention_span(doc, item.surface, item.nth)
            actor = resolve_span(span) if span is not None else None
            got = (actor.code, actor.sector) if actor is not None else None
            want_none = item.code is None
            codes += (got is None) if want_none else (got is not None and got[0] == item.code)
            pairs += (got is None) if want_none else (got == (item.code, item.sector))
            rows.append((text[:40], item, got))
    return rows, codes, pairs


def main() -> None:
    from geoclaims.nlp import build_nlp

    rows, codes, pairs = score(build_nlp())
    for head, item, got in rows:
        print(f"{head!r:45} {item.surface!r:28} want {(item.code, item.sector)} got {got}")
    print(f"codes {codes}/{len(rows)} ({codes / len(rows):.3f}); code+sector {pairs}/{len(rows)} "
          f"({pairs / len(rows):.3f})", file=sys.stdout)


if __name__ == "__main__":
    main()

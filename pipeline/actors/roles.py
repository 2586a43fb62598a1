"""What may act in a claim: ``can_be_actor(span)``, ``political(actor)``, ``political_claim(subject, object)``.

Pure functions for the claim builders (candidates, relations, claims), which call them; nothing here
changes a Doc.
- ``can_be_actor``: False for dates, times, amounts, numbers, products, works, laws, events and venues
  (FAC entities and place nouns such as "stadium"), diseases ("COVID-19"), social-media platforms
  ("Twitter"), and a news outlet that only reports ("NPR said", "according to CNN", "told CNN"): that
  is attribution, not an actor. A first name read as a country ("Chad Wolf") is handled by the links
  (``resolve_span`` gives the person's actor, never TCD).
- ``political``: an actor with a state code (ISO alpha-3) or IGO/NGO/IMG, whose sector is not BUS.
  Companies, unresolved actors (None), and people described as sports or entertainment figures (who
  resolve to None) are not political.
- ``political_claim``: at least one side is political; a claim with neither is not emitted. On the
  event gold (commit 791111c, dev+test, sides resolved from their first gold span) this drops 208 of
  1,021 events, 202 of them because neither side resolves; ``keep_unknown=True`` keeps those and drops
  only claims between known non-political actors (6 of 1,021).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .gazetteer import Actor, load_gazetteer, normalise

if TYPE_CHECKING:
    from spacy.tokens import Span

NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "PRODUCT",
                              "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "FAC"})
DISEASES = frozenset(["covid", "covid 19", "coronavirus", "sars cov 2", "sars", "mers", "ebola", "zika", "hiv",
                      "aids", "malaria", "cholera", "measles", "polio", "mpox", "monkeypox", "influenza", "flu",
                      "bird flu", "swine flu", "tuberculosis", "omicron", "delta variant", "dengue", "pandemic",
                      "virus", "disease"])
PLATFORMS = frozenset(["twitter", "x formerly twitter", "facebook", "instagram", "youtube", "tiktok", "whatsapp",
                       "telegram", "wechat", "weibo", "reddit", "snapchat", "parler", "truth social", "vk",
                       "vkontakte", "threads"])
NEWS_OUTLETS = frozenset(
    ["reuters", "ap", "associated press", "afp", "agence france presse", "cnn", "bbc", "bbc news", "npr", "al jazeera",
     "fox news", "msnbc", "cnbc", "bloomberg", "new york times", "washington post", "wall street journal",
     "guardian", "financial times", "times", "politico", "axios", "xinhua", "tass", "ria novosti", "interfax",
     "sputnik", "rt", "kyodo", "yonhap", "anadolu", "anadolu agency", "irna", "tasnim", "fars", "kcna",
     "al arabiya", "deutsche welle", "dw", "france 24", "euronews", "sky news", "abc news", "cbs news",
     "nbc news", "abc", "cbs", "nbc", "wikinews", "the hill", "haaretz", "times of israel", "der spiegel",
     "spiegel", "le monde", "nhk", "cctv", "global times", "people's daily", "peoples daily", "china daily",
     "dawn", "the hindu", "times of india", "kommersant", "vedomosti", "ukrinform", "new york post", "usa today",
     "the independent", "independent", "telegraph", "daily mail", "economist", "the economist", "vice news"])
VENUE_HEADS = frozenset("stadium arena hotel airport hall venue centre center square park theatre theater museum "
                        "cathedral church mosque temple hospital school university campus building street road "
                        "bridge station".split())
REPORTING_WORDS = frozenset("said says say reported reports report told tells wrote writes quoted cited added "
                            "claimed announced published broadcast aired learned".split())
REPORT_NOUNS = frozenset({"report", "reports", "reporting", "interview", "analysis", "investigation"})
REPORTING_LEMMAS = frozenset({"say", "report", "tell", "write", "quote", "cite", "publish", "broadcast"})
NON_POLITICAL_SECTORS = frozenset({"BUS"})
ORG_CODES = frozenset({"IGO", "NGO", "IMG"})
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s"})


def can_be_actor(span: Span) -> bool:
    """False for spans that never fill a claim's subject (module docstring); True otherwise."""
    if span.label_ in NON_ACTOR_LABELS or all(t.like_num or t.is_punct for t in span):
        return False
    key = normalise(span.text).lower()
    if key in DISEASES or key in PLATFORMS:
        return False
    if span.root.lower_ in VENUE_HEADS and span.label_ not in {"ORG", "GPE", "NORP"}:
        return False
    return not (is_news_outlet(span) and reports(span))


def is_news_outlet(span: Span) -> bool:
    """True for a news organisation: a known outlet, or a media organisation (MED) of the gazetteer."""
    key = normalise(span.text).lower()
    if key in NEWS_OUTLETS:
        return True
    entry = load_gazetteer().find(span.text)
    return entry is not None and entry.actor.sector == "MED"


def reports(span: Span) -> bool:
    """True where the span is a reporting source: "X said/reported", "according to X", "told X", "X's report"."""
    doc = span.doc
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if before[-2:] == ["according", "to"] or (before and before[-1] in {"told", "tells", "tell", "via"}):
        return True
    after = [t for t in doc[span.end : span.end + 3] if not t.is_punct or t.text in POSSESSIVE_MARKS]
    if not after:
        return False
    if after[0].text in POSSESSIVE_MARKS:
        return len(after) > 1 and after[1].lower_ in REPORT_NOUNS
    return after[0].lower_ in REPORTING_WORDS or (span.root.dep_ == "nsubj" and span.root.head.lemma_ in REPORTING_LEMMAS)


def political(actor: Actor | None) -> bool:
    """True for a state actor (ISO alpha-3) or an IGO/NGO/IMG, unless its sector is business (BUS)."""
    if actor is None or not actor.code:
        return False
    return actor.sector not in NON_POLITICAL_SECTORS


def political_claim(subject_actor: Actor | None, object_actor: Actor | None, *, keep_unknown: bool = False) -> bool:
    """True when at least one side of a claim is political; a claim with neither is not emitted.

    With ``keep_unknown`` an unresolved side (None) does not count against the claim: only a claim whose
    resolved sides are all non-political (companies, code-less actors) and that has one is dropped.
    """
    if political(subject_actor) or political(object_actor):
        return True
    if keep_unknown:
        return subject_actor is None and object_actor is None
    return False

"""What the words around a name say it is: titles, nationality adjectives, possessives, appositions.

``left_descriptor`` reads the run of title words, capitalised words and possessives just before a
name or head noun ("Venezuelan opposition leader", "Ukraine's foreign minister", "U.S. Secretary of
State"); ``right_descriptor`` reads an apposition after a comma that ends in a title ("Ned Price, a
State Department spokesman"). ``descriptor_sector`` gives the sector such words state. Lexical only:
works on hand-built Docs and on parsed ones alike. ``first_name_spans`` finds first names that are
also place names: "Chad Wolf" is a person, not Chad (TCD); a token of the place list followed by
capitalised names that name no actor and are no organisation words ("Jordan Times" stays a place).
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .gazetteer import load_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

AGENTS_PATH = Path(__file__).parent / "data" / "agents.tsv"
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})
# person titles -> sector (None: the sector comes from the organisation named with it)
PERSON_TITLES: dict[str, str | None] = {
    **dict.fromkeys("president premier minister chancellor secretary leader ambassador envoy diplomat governor "
                    "mayor king queen emir monarch prince official adviser advisor negotiator".split(), "GOV"),
    **dict.fromkeys("senator lawmaker congressman congresswoman legislator mp speaker".split(), "LEG"),
    **dict.fromkeys("general commander admiral colonel".split(), "MIL"),
    **dict.fromkeys("judge prosecutor".split(), "JUD"),
    **dict.fromkeys("dissident activist".split(), "OPP"),
    **dict.fromkeys("spokesman spokeswoman spokesperson head chief chairman chairwoman director".split(), None),
}
# heads of bodies -> sector; "bloc"-like heads refer to an IGO, "country"-like ones to a state
BODY_HEADS: dict[str, str | None] = {
    **dict.fromkeys("government ministry cabinet administration presidency regime authorities department".split(),
                    "GOV"),
    **dict.fromkeys("parliament legislature senate congress assembly".split(), "LEG"),
    **dict.fromkeys("army military navy junta".split(), "MIL"),
    **dict.fromkeys("police".split(), "COP"),
    **dict.fromkeys("court judiciary".split(), "JUD"),
    **dict.fromkeys("party".split(), "PTY"),
    **dict.fromkeys("opposition".split(), "OPP"),
    **dict.fromkeys("commission council agency".split(), None),
}
IGO_HEADS = frozenset({"bloc", "alliance", "union", "organisation", "organization"})
STATE_HEADS = frozenset({"country", "nation"})
# heads that, with no antecedent, stand for the article's focus country's organ
ORGAN_HEADS = frozenset(set(BODY_HEADS) - {"party", "opposition", "commission", "council", "agency", "department"}
                        | {"president", "premier", "minister", "chancellor"})
# people described as these are not state actors (sports, entertainment)
NON_POLITICAL_TITLES = frozenset(
    "striker footballer player midfielder goalkeeper coach athlete sprinter golfer boxer cricketer batsman "
    "skater swimmer cyclist tennis champion singer actor actress rapper musician songwriter comedian "
    "influencer youtuber model filmmaker".split())
MODIFIERS = frozenset(
    "foreign defence defense interior finance economy economic health justice trade energy home former acting "
    "deputy vice chief top senior caretaker interim opposition prime state security national supreme "
    "constitutional armed federal attorney general military presidential press ruling border election "
    "electoral central high first".split())
# groups of people ("soldiers", "protesters", "employees"): with no country, the focus country's
GROUP_HEADS: dict[str, str | None] = {
    **dict.fromkeys("soldier troop".split(), "MIL"),
    **dict.fromkeys("policeman officer guard".split(), None),
    **dict.fromkeys("protester protestor demonstrator dissident".split(), "OPP"),
    **dict.fromkeys("rebel insurgent militant separatist".split(), "REB"),
    **dict.fromkeys("resident civilian citizen villager voter".split(), "CVL"),
    **dict.fromkeys("farmer".split(), "AGR"),
    **dict.fromkeys("student".split(), "EDU"),
    **dict.fromkeys("employee worker".split(), None),
}
HEAD_WORDS = frozenset(PERSON_TITLES) | frozenset(BODY_HEADS) | IGO_HEADS | STATE_HEADS | frozenset(GROUP_HEADS)
MAX_WINDOW = 8


def word(token) -> str:
    """Lower-case form with a plural -s dropped for known heads ("ministers" -> "minister")."""
    low = token.lower_
    if low.endswith("s") and low[:-1] in HEAD_WORDS:
        return low[:-1]
    return low


def title_like(token) -> bool:
    """A title, body or group word, or a modifier of one ("foreign", "former")."""
    return word(token) in HEAD_WORDS or token.lower_ in MODIFIERS or word(token) in NON_POLITICAL_TITLES


def name_like(token) -> bool:
    """A capitalised word that is no stop word (part of a name)."""
    text = token.text
    return text[:1].isupper() and any(ch.isalpha() for ch in text) and not token.is_stop


def left_descriptor(doc: Doc, start: int, floor: int = 0) -> tuple[Span | None, bool]:
    """The descriptor just before token ``start`` (not before ``floor``) and whether "the" opens it."""
    first, i = start, start - 1
    while i >= floor and start - i <= MAX_WINDOW:
        token = doc[i]
        if token.ent_type_ == "PERSON" and not title_like(token):
            break
        if token.text in POSSESSIVE_MARKS or title_like(token) or name_like(token) or _of_in_title(doc, i):
            first, i = i, i - 1
            continue
        break
    definite = i >= 0 and doc[i].lower_ == "the"
    return (doc[first:start] if first < start else None), definite


def _of_in_title(doc: Doc, i: int) -> bool:
    """"of" inside a title: "Secretary of State", "Minister of Defence"."""
    return (doc[i].lower_ == "of" and 0 < i < len(doc) - 1 and title_like(doc[i - 1])
            and doc[i + 1].text[:1].isupper())


def right_descriptor(doc: Doc, end: int) -> Span | None:
    """An apposition after the name ending at ``end``: ", a State Department spokesman" -> that span."""
    if end >= len(doc) - 1 or doc[end].text != ",":
        return None
    j = end + 1
    if doc[j].lower_ in {"a", "an", "the"}:
        j += 1
    first, last = j, None
    while j < len(doc) and j - first < MAX_WINDOW:
        token = doc[j]
        if token.text in POSSESSIVE_MARKS or title_like(token) or name_like(token) or _of_in_title(doc, j):
            if title_like(token):
                last = j
            j += 1
            continue
        break
    if last is None or (last + 1 < len(doc) and name_like(doc[last + 1]) and last + 1 < j):
        return None
    return doc[first : last + 1]


def head_word(span: Span) -> str:
    """The head of a descriptor: its last title-like word, else its last word."""
    heads = [word(t) for t in span if word(t) in HEAD_WORDS or word(t) in NON_POLITICAL_TITLES]
    return heads[-1] if heads else word(span[-1])


def is_non_political(span: Span | None) -> bool:
    """True when a descriptor says sports or entertainment ("Brazilian striker", "the singer")."""
    return span is not None and any(word(t) in NON_POLITICAL_TITLES for t in span)


def descriptor_sector(span: Span | None, organ_sector: str | None = None) -> str | None:
    """Sector a descriptor states: "former" -> ELI; a PETRARCH2 agent phrase of two or three words;
    the head's own sector; the sector of an organisation named in it; a one-word agent phrase."""
    if span is None:
        return organ_sector
    words = [word(t) for t in span if t.text not in POSSESSIVE_MARKS]
    if "former" in words:
        return "ELI"
    agents = load_agents()
    for size in (3, 2):
        for end in range(len(words), size - 1, -1):
            sector = agents.get(" ".join(words[end - size : end]))
            if sector:
                return sector
    head = head_word(span)
    own = PERSON_TITLES.get(head) or BODY_HEADS.get(head)
    return own or organ_sector or agents.get(head)


@lru_cache(maxsize=1)
def load_agents() -> dict[str, str]:
    """PETRARCH2 agent phrase (lower case) -> sector, from ``data/agents.tsv``."""
    lines = AGENTS_PATH.read_text(encoding="utf-8").splitlines()[2:]
    return dict(line.split("\t") for line in lines if "\t" in line)


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
    wanted = {doc.vocab.strings[name] for name in FIRST_NAME_PLACES}  # string hashes: no Token per word
    for i, orth in enumerate(doc.to_array("ORTH").tolist()):
        if orth not in wanted or i + 1 >= len(doc):
            continue
        end = i + 1
        while end < len(doc) and end - i <= MAX_NAME and _surname_like(doc[end], gazetteer):
            end += 1
        if end > i + 1:
            spans.append(doc[i:end])
    return spans


def _surname_like(token, gazetteer) -> bool:
    text = token.text
    return (text[:1].isupper() and text.isalpha() and not token.is_stop and text not in ORG_WORDS
            and gazetteer.find(text) is None)

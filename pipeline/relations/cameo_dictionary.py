"""The PETRARCH2 CAMEO verb dictionary (``CAMEO.2.0.txt``) parsed into synsets, verb blocks, forms, patterns.

Format: noun synsets (``&FOOD`` + ``+MEMBER`` lines), verb blocks (``---  IMPOSE   [170]  ---``, then
verb forms with irregular forms in ``{}`` and optional own code, multi-word verbs as ``+CALL_OFF``),
then patterns (``- * SANCTIONS  [163]  # IMPOSE``). What the rules do with them: ``silver.py``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

DICTIONARY = Path("petrarch2") / "dictionaries" / "CAMEO.2.0.txt"
MARKERS = frozenset({"$", "+"})
Phrase = tuple[str, ...]
Element = str | tuple[Phrase, ...]  # "$" / "+" marker, or alternative phrases


@dataclass(frozen=True)
class Pattern:
    before: tuple[Element, ...]
    after: tuple[Element, ...]
    code: str | None
    text: str
    line: int

    @property
    def size(self) -> tuple[int, int]:
        elements = self.before + self.after
        markers = sum(isinstance(e, str) for e in elements)
        return len(elements) - markers, markers


@dataclass
class VerbBlock:
    name: str
    code: str | None
    patterns: list[Pattern] = field(default_factory=list)


class VerbForm(NamedTuple):
    words: Phrase
    block: int
    code: str | None


def singular(word: str) -> str:
    for suffix in ("IES", "ES", "S"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return word[: -len(suffix)] + ("Y" if suffix == "IES" else "")
    return word


def phrase(raw: str) -> Phrase:
    return tuple(w for w in raw.strip("+").upper().split("_") if w)


def parse_code(raw: str) -> str | None:
    """'163' -> '163'; '042:043' -> '042'; ':173', '---' -> None; '080!' -> '080'."""
    first = raw.split(":")[0]
    digits = re.sub(r"[^0-9]", "", first)
    return digits or None


class CameoDictionary:
    """The parsed verb dictionary."""

    def __init__(self, text: str):
        self.synsets: dict[str, tuple[Phrase, ...]] = {}
        self.blocks: list[VerbBlock] = []
        self.forms: dict[str, list[VerbForm]] = {}
        self.skipped = 0  # pattern lines not used
        self._parse(text.splitlines())

    @property
    def n_patterns(self) -> int:
        return sum(len(b.patterns) for b in self.blocks)

    # -- parsing -------------------------------------------------------------------------------
    def _parse(self, lines: list[str]) -> None:
        synset: list[Phrase] | None = None
        for number, raw in enumerate(lines, start=1):
            line = raw.split("#", 1)[0].strip()
            if not raw.strip():
                synset = None
            if not line or line.startswith("~"):
                continue
            if line.startswith("&") and not self.blocks:
                synset = []
                self.synsets[line[1:].strip().rstrip("_")] = synset  # filled below, frozen later
            elif line.startswith("+") and synset is not None and not self.blocks:
                synset.append(phrase(line))
            elif line.startswith("---"):
                name, code = re.match(r"---\s*(\S+)\s*\[([^\]]*)\]", line).groups()
                self.blocks.append(VerbBlock(name, parse_code(code)))
            elif line.startswith("-") and self.blocks:
                self._add_pattern(line[1:], number)
            elif self.blocks:
                self._add_verb(line)
        self.synsets = {k: tuple(v) for k, v in self.synsets.items()}

    def _add_verb(self, line: str) -> None:
        code_match = re.search(r"\[([^\]]*)\]", line)
        code = parse_code(code_match.group(1)) if code_match else self.blocks[-1].code
        line = re.sub(r"\[[^\]]*\]", "", line)
        main, _, rest = line.partition("{")
        for raw in [main] + re.split(r"[\s,]+", rest.replace("}", " ")):
            words = phrase(raw.strip())
            if words:
                self.forms.setdefault(words[0], []).append(VerbForm(words, len(self.blocks) - 1, code))

    def _add_pattern(self, body: str, number: int) -> None:
        match = re.search(r"\[([^\]]*)\]\s*$", body)
        if not match:
            return
        words = re.sub(r"[(){}]|_?\*_?", lambda m: " * " if "*" in m.group() else " ", body[: match.start()]).split()
        if words.count("*") != 1 or any(w.startswith("&") and w[1:].rstrip("_") not in self.synsets for w in words):
            self.skipped += 1  # malformed, or names a synset the file does not define
            return
        star = words.index("*")
        before = tuple(e for e in map(self._element, words[:star]) if e)
        after = tuple(e for e in map(self._element, words[star + 1:]) if e)
        text = " ".join(body[: match.start()].split())
        self.blocks[-1].patterns.append(Pattern(before, after, parse_code(match.group(1)), text, number))

    def _element(self, word: str) -> Element | None:
        if word in MARKERS:
            return word
        if word.startswith("&"):
            return tuple(self.synsets[word[1:].rstrip("_")])
        alternatives = tuple(p for p in (phrase(w) for w in word.split("/")) if p)
        return alternatives if alternatives and word not in ("^", "%", "*") else None

"""Multi-CoPED train (as distributed with ConfliBERT): event sentences with source/target roles.

Two files: ``cameo_class/train.tsv`` (sentence, coarse class 0-4) and ``cameo_ner/train.txt`` (BIO tags
S = source, T = target, R = reciprocal). ``iter_multicoped()`` yields the NER sentences with their
role spans (text = tokens joined by single spaces) and the coarse class of the matching class sentence
(joined on a letters-and-digits key), or None where no class sentence matches.
``iter_class_sentences()`` yields the class sentences as written (for annotation and spaCy).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from geoclaims.registry import corpora as corpus_readers

from . import shared_data_dir

COARSE_CLASSES = {0: "statement", 1: "verbal cooperation", 2: "material cooperation",
                  3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class RoleSentence:
    sentence_id: str
    text: str
    coarse_class: int | None
    sources: list[tuple[int, int]] = field(default_factory=list)
    targets: list[tuple[int, int]] = field(default_factory=list)
    reciprocals: list[tuple[int, int]] = field(default_factory=list)


def multicoped_dir() -> Path:
    return shared_data_dir() / "multicoped_cameo"


def join_key(text: str) -> str:
    """A letters-and-digits key that survives tokenisation and apostrophe variants."""
    return re.sub(r"[^0-9a-z]", "", text.lower())


@corpus_readers.register("geoclaims.corpora.multicoped_class.v1")
def iter_class_sentences(root: Path | None = None) -> Iterator[tuple[str, str, int]]:
    """(sentence id, sentence, coarse class) for each line of the class file."""
    path = (root or multicoped_dir()) / "cameo_class" / "train.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        sentence, _, label = line.rstrip("\r").rpartition("\t")
        if sentence.strip() and label.strip().isdigit():
            yield f"mcp-{number:04d}", sentence.strip(), int(label)


def _token_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    sentence: list[tuple[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.strip().split(" ")
        if len(parts) >= 2:
            sentence.append((parts[0], parts[-1]))
        elif sentence:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def _role_spans(tokens: list[tuple[str, str]]) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    text_parts, spans, offset, open_span = [], {"S": [], "T": [], "R": []}, 0, None
    for word, tag in tokens:
        start = offset
        text_parts.append(word)
        offset += len(word) + 1
        if tag.startswith("B-") or (tag.startswith("I-") and (open_span is None or open_span[0] != tag[2:])):
            open_span = [tag[2:], start, start + len(word)]
            spans.setdefault(tag[2:], []).append(open_span)
        elif tag.startswith("I-"):
            open_span[2] = start + len(word)
        else:
            open_span = None
    text = " ".join(text_parts)
    return text, {role: [(s, e) for _, s, e in found] for role, found in spans.items()}


@corpus_readers.register("geoclaims.corpora.multicoped_roles.v1")
def iter_multicoped(root: Path | None = None) -> Iterator[RoleSentence]:
    base = root or multicoped_dir()
    classes = {join_key(text): label for _, text, label in iter_class_sentences(base)}
    for number, tokens in enumerate(_token_sentences(base / "cameo_ner" / "train.txt"), start=1):
        text, roles = _role_spans(tokens)
        yield RoleSentence(f"mcp-ner-{number:04d}", text, classes.get(join_key(text)),
                           roles["S"], roles["T"], roles["R"])

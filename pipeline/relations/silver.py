"""Silver labels from the PETRARCH2 CAMEO verb patterns, mapped to PLOVER; also the rule baseline.

Reads ``petrarch2/dictionaries/CAMEO.2.0.txt``: noun synsets (``&FOOD`` + ``+MEMBER`` lines), verb
blocks (``---  IMPOSE   [170]  ---``, then verb forms with irregular forms in ``{}`` and optional own
code, multi-word verbs as ``+CALL_OFF``), then patterns (``- * SANCTIONS  [163]  # IMPOSE``).

The subset implemented: ``*`` verb position; words before ``*`` must occur in order before the verb,
words after it in order after the verb, within the verb's clause (its subtree less conj/ccomp/advcl/
parataxis children; for an ``acl`` verb or a passive, its head noun / passive subject counts as the
first word after the verb: "restrictions imposed by" = IMPOSE * RESTRICTIONS); ``$`` / ``+`` must
fall, in that order, on a token of the subject / object span; ``&SYNSET`` and ``A/B`` are
alternatives; ``_`` joins words of one phrase. Skipped: phrase structure (``()`` PPs and ``{}`` noun
phrases are flattened to ordered words), ``^`` and ``%`` (ignored), the ``~`` transformations, the
second (reciprocal) code of ``[a:b]``. Patterns whose code is ``[---]`` or reverse-only ``[:b]`` code
nothing (``None``) when they are the best match. Words match the token text or lemma, ignoring a
plural ``S``/``ES``. A negated verb (``neg`` child) gives ``None``.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Span, Token

from geoclaims.relations.cameo_dictionary import (  # parse_code re-exported for callers of this module
    DICTIONARY, CameoDictionary, Element, Phrase, VerbForm, parse_code, singular,  # noqa: F401
)
from geoclaims.relations.plover import cameo_to_plover


CLAUSE_BREAKS = frozenset({"conj", "ccomp", "advcl", "parataxis", "csubj"})
VERB_POS = frozenset({"VERB", "AUX"})


class SilverLabel(NamedTuple):
    type: str  # PLOVER event type
    cameo: str
    verb: str  # dictionary verb form matched ("IMPOSE", "CALL OFF")
    pattern: str  # the pattern text, or "DEFAULT" for the verb block's own code


class CameoRules(CameoDictionary):
    """The parsed verb dictionary and the labelling rules."""

    @classmethod
    def from_shared(cls, shared_dir: Path | None = None) -> "CameoRules":
        return _cached_rules(str(shared_dir) if shared_dir else None)

    # -- labelling -----------------------------------------------------------------------------
    def label(self, sentence: Span, subject: Span, object: Span,  # noqa: A002 - brief's name
              predicate_token: Token | None = None) -> SilverLabel | None:
        """The PLOVER silver label of a (subject, object) pair, or None when no rule fires."""
        top = predicate_token if predicate_token is not None else linking_head(subject, object)
        if top is None:
            return None
        top = verb_of(top)
        verbs = [top] + lower_verbs(top, subject, object)
        if any(is_negated(v) for v in verbs):
            return None
        for verb in verbs:
            if not plays_roles(verb, subject, object):
                continue
            found = self.label_verb(verb, sentence, subject, object)
            if found is not None:
                return found
        return None

    def label_verb(self, verb: Token, sentence: Span, subject: Span, obj: Span) -> SilverLabel | None:
        form = self.verb_form(verb, sentence)
        if form is None:
            return None
        block = self.blocks[form.block]
        before, after = clause_sequences(verb, sentence, subject, obj, skip=len(form.words) - 1)
        best = None
        for pattern in block.patterns:
            if self._matches(pattern.before, before, subject, obj) and self._matches(pattern.after, after, subject, obj):
                if best is None or pattern.size > best.size:
                    best = pattern
        code, text = (best.code, best.text) if best else (form.code, "DEFAULT")
        plover = cameo_to_plover(code) if code else None
        return SilverLabel(plover, code, " ".join(form.words), text) if plover else None

    def verb_form(self, verb: Token, sentence: Span) -> VerbForm | None:
        """The longest dictionary verb form whose first word is the token and the rest follow it."""
        keys = {verb.lemma_.upper(), verb.text.upper()}
        forms = [f for key in keys for f in self.forms.get(key, [])]
        following = [t.text.upper() for t in sentence.doc[verb.i + 1: min(sentence.end, verb.i + 5)]]
        fitting = [f for f in forms if _in_order(f.words[1:], following)]
        return max(fitting, key=lambda f: len(f.words)) if fitting else None

    def _matches(self, elements: Sequence[Element], seq: list[Token], subject: Span, obj: Span) -> bool:
        cursor = 0
        for element in elements:
            cursor = _find(element, seq, cursor, subject, obj)
            if cursor < 0:
                return False
        return True


def _in_order(words: Phrase, following: list[str]) -> bool:
    position = 0
    for word in words:
        try:
            position = following.index(word, position) + 1
        except ValueError:
            return False
    return True


def _word_matches(token: Token, word: str) -> bool:
    forms = {token.text.upper(), token.lemma_.upper()}
    return word in forms or singular(word) in {singular(f) for f in forms}


def _find(element: Element, seq: list[Token], cursor: int, subject: Span, obj: Span) -> int:
    """Position after the first match of ``element`` in ``seq`` at or after ``cursor``; -1 if none."""
    for position in range(cursor, len(seq)):
        token = seq[position]
        if isinstance(element, str):
            span = subject if element == "$" else obj
            if span.start <= token.i < span.end:
                return position + 1
            continue
        for alternative in element:
            doc = token.doc
            words = doc[token.i: token.i + len(alternative)]
            if len(words) == len(alternative) and all(_word_matches(t, w) for t, w in zip(words, alternative)):
                return position + len(alternative)
    return -1


def linking_head(subject: Span, obj: Span) -> Token | None:
    """The lowest common head of the two spans' roots (None across sentences)."""
    ancestors = {t.i for t in [subject.root, *subject.root.ancestors]}
    for token in [obj.root, *obj.root.ancestors]:
        if token.i in ancestors:
            return token
    return None


def is_negated(verb: Token) -> bool:
    """A ``neg`` child on the verb, or on the verb it completes ("did not agree to impose")."""
    chain = [verb] + ([verb.head] if verb.dep_ in ("xcomp", "acl") else [])
    return any(c.dep_ == "neg" for v in chain for c in v.children)


def agents(verb: Token, depth: int = 0) -> list[Token]:
    """Tokens that stand as the verb's doer: nsubj (with conjuncts), the passive 'by' agent, the
    shared subject of an xcomp/conj verb, the noun a relative clause hangs on, the subject of the
    reporting verb when the verb's own subject is a pronoun."""
    found = [c for c in verb.children if c.dep_ == "nsubj"]
    found += [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if verb.dep_ == "relcl":
        found.append(verb.head)
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if depth < 3 and verb.head is not verb and (not own or all(c.pos_ == "PRON" for c in own)):
        if verb.dep_ in ("xcomp", "conj", "ccomp", "advcl"):
            found += agents(verb.head, depth + 1)
    found += [c for t in list(found) for c in t.conjuncts]
    return found


def plays_roles(verb: Token, subject: Span, obj: Span) -> bool:
    """The subject is the verb's doer and the object sits in its clause (not inside the subject)."""
    doers = agents(verb)
    if not any(subject.start <= t.i < subject.end or t.i == subject.root.head.i and subject.root.dep_ in
               ("poss", "compound", "nmod") for t in doers):
        return False
    inside_doer = {t.i for d in doers for t in d.subtree}
    return obj.root.i not in inside_doer and obj.root.i in clause_of(verb)


def verb_of(token: Token) -> Token:
    """A noun predicate's verb where it has one ("restrictions imposed", "imposed restrictions")."""
    if token.pos_ in VERB_POS:
        return token
    for child in token.children:
        if child.dep_ == "acl" and child.pos_ == "VERB":
            return child
    if token.head.pos_ == "VERB" and token.dep_ in ("dobj", "nsubjpass"):
        return token.head
    return token


def lower_verbs(top: Token, subject: Span, obj: Span) -> list[Token]:
    """Verbs on the path from ``top`` down to the object that share the subject (no own subject)."""
    chain = [obj.root, *obj.root.ancestors]
    ids = [t.i for t in chain]
    result = []
    for token in reversed(chain[: ids.index(top.i)] if top.i in ids else []):  # top-down
        if token.pos_ != "VERB" or any(c.dep_ == "neg" for c in token.children):
            continue
        subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        if all(c.pos_ == "PRON" or subject.start <= c.i < subject.end for c in subjects):
            result.append(token)
    return result


def patient_of(verb: Token) -> list[int]:
    """Token ids of what a passive or participial verb acts on ("restrictions imposed by")."""
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            return [t.i for t in child.subtree]
    return [verb.head.i] if verb.dep_ == "acl" else []


def clause_of(verb: Token) -> set[int]:
    """Token ids of the verb's own clause: its subtree less conj/ccomp/advcl/parataxis children."""
    clause = {t.i for t in verb.subtree}
    for child in verb.children:
        if child.dep_ in CLAUSE_BREAKS:
            clause -= {t.i for t in child.subtree}
    return clause | set(patient_of(verb))


def clause_sequences(verb: Token, sentence: Span, subject: Span, obj: Span, skip: int = 0) -> tuple[list[Token], list[Token]]:
    """Tokens before and after the verb in its clause (patient first after a passive/acl verb)."""
    patient = patient_of(verb)
    clause = clause_of(verb) | {i for span in (subject, obj) for i in range(span.start, span.end)}
    clause = {i for i in clause if sentence.start <= i < sentence.end} - set(patient)
    doc = verb.doc
    before = [doc[i] for i in sorted(clause) if i < verb.i]
    after = [doc[i] for i in patient] + [doc[i] for i in sorted(clause) if i > verb.i + skip]
    return before, after


@lru_cache(maxsize=2)
def _cached_rules(shared_dir: str | None) -> CameoRules:
    if shared_dir is None:
        from geoclaims.corpora import shared_data_dir

        base = shared_data_dir()
    else:
        base = Path(shared_dir)
    return CameoRules((base / DICTIONARY).read_text(encoding="utf-8", errors="replace"))


def _load_spacy():
    from ..nlp import english

    return english()


def baseline_predict(examples: Iterable, *, nlp=None, rules: CameoRules | None = None) -> list[str]:
    """The rule baseline: the PLOVER type (or "NONE") of each RelationExample's pair."""
    examples = list(examples)
    nlp = nlp or _load_spacy()
    rules = rules or CameoRules.from_shared()
    predictions = []
    for example, doc in zip(examples, nlp.pipe(e.text for e in examples)):
        subject = doc.char_span(*example.subject, alignment_mode="expand")
        obj = doc.char_span(*example.object, alignment_mode="expand")
        found = rules.label(subject.sent, subject, obj) if subject is not None and obj is not None else None
        predictions.append(found.type if found else "NONE")
    return predictions

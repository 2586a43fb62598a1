"""What a claim's predicate is qualified by: negation, modality, attribution (who says so) and time.

``qualify(doc, sentence, predicate, event_type=..., published=...)`` is the one entry point: the
claim extractor (``geoclaims.claims``) and the evaluation on the team's qualifier gold
(``geoclaims.qualifiers.evaluate``) both call it, so what is scored is what is extracted.
``clause`` holds the clause helpers the rules share; ``modality`` (negation too), ``attribution`` and
``timex`` each hold one rule set.
"""
from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from ..candidates import PredicateWords
from .attribution import Attribution, claim_attribution
from .modality import predicate_qualifiers_v2
from .timex import EventTime, event_time


class Qualified(NamedTuple):
    negated: bool
    modality: str
    cue: str | None  # the word that decided the modality (or the negation when asserted), else None
    attribution: Attribution | None  # who asserts the claim, resolved like an actor; None: the article itself
    time: EventTime | None  # when the event happened, resolved against ``published``; None: not said


def qualify(doc: Doc, sentence: Span, predicate: PredicateWords | Span | Token, *, event_type: str | None = None,
            published: str | None = None) -> Qualified:
    """Negation, modality, attribution and time of the claim whose ``predicate`` stands in ``sentence``.

    ``event_type`` is the claim's PLOVER type when known (a REJECT is never negated, a speech act's
    own subject is not its attribution); ``published`` is the article's ISO date (relative times)."""
    qualifiers = predicate_qualifiers_v2(doc, predicate, event_type=event_type)
    source = claim_attribution(doc, sentence, predicate, event_type=event_type)
    when = event_time(doc, sentence, predicate, published=published)
    return Qualified(qualifiers.negated, qualifiers.modality, qualifiers.cue, source, when)


__all__ = ["Qualified", "qualify"]

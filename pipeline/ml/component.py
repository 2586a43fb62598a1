"""What the models' spaCy components share: ``Doc._.claims`` and the batched predict/annotate loop.

``ClaimSpan`` is what ``Doc._.claims`` holds (the relation component writes it, the motive component
fills each one's ``motive``). A ``BatchedComponent`` subclass gives ``predict(docs)`` (pure, batched
across documents); ``set_annotations`` (``Doc._.claims``, unless overridden), ``__call__`` and ``pipe``
come from here.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.tokens import Doc, Span

from ..candidates import Candidate


class ClaimSpan(NamedTuple):
    """A classified pair on a Doc: what ``Doc._.claims`` holds."""

    candidate: Candidate
    type: str
    confidence: float
    motive: Span | None = None  # the cause that explains the claim (geoclaims_motive_v1)


def register_extensions() -> None:
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", default=None)


def scoring_groups(model: object, per_doc: list[list]) -> list[list]:
    """The items of a batch of documents grouped for the model's calls: all in one group, or one group per
    document (empty ones left out) for dynamic int8 (``onnx-int8``). int8 quantises activations with one scale
    per batch, so a sentence's scores would depend on the sentences batched with it (3.5% of the relation
    model's top labels moved between batches of 16 and of 1); scored one document at a time, an article's
    claims are the same whatever else is in the run (chunk and batch size, order, workers)."""
    if getattr(model, "backend", "torch") == "onnx-int8":
        return [items for items in per_doc if items]
    return [[item for items in per_doc for item in items]]


class BatchedComponent:
    """spaCy's calling conventions over ``predict`` and ``set_annotations``, a batch of docs at a time."""

    def set_annotations(self, docs: Iterable[Doc], predictions: list[list[ClaimSpan]]) -> None:
        for doc, claims in zip(docs, predictions):
            doc._.claims = claims

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations([doc], self.predict([doc]))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64):
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._annotated(batch)
                batch = []
        if batch:
            yield from self._annotated(batch)

    def _annotated(self, batch: list[Doc]):
        self.set_annotations(batch, self.predict(batch))
        return batch

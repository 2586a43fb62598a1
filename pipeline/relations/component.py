"""The relation component: candidate pairs of a batch of docs -> the classifier -> ``Doc._.claims``.

spaCy style: ``predict(docs)`` is pure and batched across documents (one classifier call for all
candidate pairs of the batch); ``set_annotations(docs, predictions)`` writes ``Doc._.claims``.
Registered as the factory ``geoclaims_relations_v1`` (spaCy forbids dots in factory names; the
versioned name is ``geoclaims.relations.v1``).
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..candidates import Candidate, candidate_pairs
from ..ml.calibration import decide
from ..ml.component import BatchedComponent, ClaimSpan, register_extensions
from ..records import NONE_LABEL
from ..resources import resolve  # the default models/relations: the shipped one outside a checkout

FACTORY = "geoclaims_relations_v1"


def distinct_actors(candidate: Candidate) -> bool:
    """False for pairs that name one actor twice ("the EU" / "EU", "Moscow" / "the Kremlin")."""
    a, b = candidate.subject_actor, candidate.object_actor
    if candidate.subject.text.lower().removeprefix("the ") == candidate.object.text.lower().removeprefix("the "):
        return False
    return a is None or b is None or tuple(a)[:3] != tuple(b)[:3]


def relation_items(candidates: Iterable[Candidate]) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(sentence text, subject offsets, object offsets) relative to the sentence, for the classifier."""
    items = []
    for cand in candidates:
        base = cand.sentence.start_char
        items.append((cand.sentence.text,
                      (cand.subject.start_char - base, cand.subject.end_char - base),
                      (cand.object.start_char - base, cand.object.end_char - base)))
    return items


class RelationComponent(BatchedComponent):
    def __init__(self, model_dir: str, *, batch_size: int = 32, max_pairs_per_sentence: int = 12,
                 threshold: float | None = None, backend: str = "torch", device: str = "cpu", threads: int = 1):
        from ..actors.resolve import resolve_span
        from .onnx_model import load_relation_model

        register_extensions()
        self.model = load_relation_model(resolve(model_dir), backend=backend, device=device, threads=threads)
        self.batch_size, self.max_pairs = batch_size, max_pairs_per_sentence
        self.threshold = self.model.threshold if threshold is None else float(threshold)
        self.resolver = resolve_span

    def candidates(self, doc: Doc) -> list[Candidate]:
        found = candidate_pairs(doc, max_pairs_per_sentence=self.max_pairs, resolver=self.resolver)
        return [c for c in found if distinct_actors(c)]

    def predict(self, docs: Iterable[Doc]) -> list[list[ClaimSpan]]:
        per_doc = [self.candidates(doc) for doc in docs]
        flat = [c for cands in per_doc for c in cands]
        if not flat:
            return [[] for _ in per_doc]
        probs = self.model.predict_proba(relation_items(flat), batch_size=self.batch_size)
        none_index = self.model.labels.index(NONE_LABEL)
        chosen = decide(probs, none_index, self.threshold)
        results, cursor = [], 0
        for cands in per_doc:
            kept = []
            for cand, label_index, row in zip(cands, chosen[cursor:cursor + len(cands)], probs[cursor:cursor + len(cands)]):
                if label_index != none_index:
                    kept.append(ClaimSpan(cand, self.model.labels[label_index], float(row[label_index])))
            results.append(kept)
            cursor += len(cands)
        return results


@Language.factory(FACTORY, default_config={"model_dir": "models/relations", "batch_size": 32,
                                           "max_pairs_per_sentence": 12, "threshold": None,
                                           "backend": "torch", "device": "cpu", "threads": 1})
def make_relation_component(nlp: Language, name: str, model_dir: str, batch_size: int,
                            max_pairs_per_sentence: int, threshold: float | None, backend: str,
                            device: str, threads: int) -> RelationComponent:
    return RelationComponent(model_dir, batch_size=batch_size, max_pairs_per_sentence=max_pairs_per_sentence,
                             threshold=threshold, backend=backend, device=device, threads=threads)


"""The event component (``geoclaims.relations.v2``): event candidates -> classifier -> decisions -> ``Doc._.claims``.

spaCy style like v1 (``geoclaims.relations.component``): ``predict(docs)`` is pure and batched
across documents, ``set_annotations`` writes ``Doc._.claims`` as ``ClaimSpan`` records. What differs:
candidates include no-target and coordinated events (``geoclaims.events.candidates``), each type has
its own threshold (``calibration.json`` ``type_thresholds``, fitted on dev), the overlap rule keeps
one reading per event, and mutual types give both directions (``geoclaims.events.decide``). A claim's
candidate has ``object`` None when the event has no target. Spans that are never actors (venues,
diseases, platforms, news outlets that report: ``geoclaims.actors.roles.can_be_actor``) are no
subjects, and with ``political_only`` (default) a claim whose resolved sides are all non-political
(firms, actors without a state or organisation code) is dropped (``political_claim``, unknown sides
kept).

``geoclaims.relations.v3`` is v2 with the direct object in a no-target trigger (``candidates.trigger_words``),
for models trained on candidates drawn that way (``geoclaims.datasets.events.v2``); either component warns when
its model was trained for the other (``trained_component``).
"""
from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy as np

from spacy.language import Language
from spacy.tokens import Doc

from ..actors.roles import can_be_actor, political_claim
from ..ml.component import BatchedComponent, ClaimSpan, register_extensions, scoring_groups
from .candidates import EventCandidate, classifier_item, event_candidates
from .decide import claim_triples, decide_per_type

FACTORY = "geoclaims_relations_v2"
FACTORY_V3 = "geoclaims_relations_v3"


def type_thresholds(model_dir: Path, backend: str | None = None) -> dict[str, float]:
    """Per-type thresholds from the model's calibration file ({} when it has none): those tuned for
    ``backend`` (``type_thresholds_by_backend``, e.g. onnx-int8, whose probabilities are shifted by the
    quantisation) when there are some, else those of the fp32 model (``type_thresholds``)."""
    path = Path(model_dir) / "calibration.json"
    data = json.loads(path.read_text()) if path.is_file() else {}
    by_backend = (data.get("type_thresholds_by_backend") or {}).get(backend or "")
    return {k: float(v) for k, v in (by_backend or data.get("type_thresholds") or {}).items()}


# the training data of each candidate generator: a model trained on one reads the other's triggers worse
TRAINED_FOR = {"geoclaims.datasets.events.v1": "geoclaims.relations.v2",
               "geoclaims.datasets.plv.v1": "geoclaims.relations.v2",
               "geoclaims.datasets.events.v2": "geoclaims.relations.v3",
               "geoclaims.datasets.plv.v2": "geoclaims.relations.v3"}


def trained_component(meta: dict) -> str | None:
    """The event component whose candidates a model's training data were drawn with (None: not known)."""
    found = {TRAINED_FOR.get(spec.get("name")) for spec in (meta.get("trained_with") or {}).get("train", [])}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def same_actor(event: EventCandidate) -> bool:
    """True for pairs that name one actor twice ("the EU" / "EU", "Moscow" / "the Kremlin")."""
    cand = event.candidate
    if cand.object is None:
        return False
    if cand.subject.text.lower().removeprefix("the ") == cand.object.text.lower().removeprefix("the "):
        return True
    a, b = cand.subject_actor, cand.object_actor
    return a is not None and b is not None and tuple(a)[:3] == tuple(b)[:3]


class EventComponent(BatchedComponent):
    # v3: a no-target trigger holds the verb's direct object (``trigger_words``)
    object_in_trigger = False
    component_name = "geoclaims.relations.v2"

    def __init__(self, model_dir: str, *, batch_size: int = 32, max_pairs_per_sentence: int = 12,
                 threshold: float | None = None, backend: str = "torch", device: str = "cpu", threads: int = 1,
                 political_only: bool = True):
        from ..actors.resolve import resolve_span
        from ..relations.onnx_model import load_relation_model

        register_extensions()
        self.model = load_relation_model(Path(model_dir), backend=backend, device=device, threads=threads)
        self.batch_size, self.max_pairs = batch_size, max_pairs_per_sentence
        self.threshold = self.model.threshold if threshold is None else float(threshold)
        self.thresholds = type_thresholds(Path(model_dir), getattr(self.model, "backend", "torch"))
        self.resolver = resolve_span
        self.political_only = political_only
        trained = trained_component(self.model.meta)
        if trained is not None and trained != self.component_name:
            warnings.warn(f"the relation model in {model_dir} was trained for {trained}, not {self.component_name}: "
                          f"its no-target triggers are drawn differently and read worse; set [relations] "
                          f"component = \"{trained}\"", stacklevel=2)

    def probabilities(self, per_doc: list[list[EventCandidate]]) -> np.ndarray:
        """Class probabilities of every candidate, in order (one model call per ``ml.component.scoring_groups``)."""
        return np.concatenate([self.model.predict_proba([classifier_item(e.candidate) for e in events],
                                                        batch_size=self.batch_size)
                               for events in scoring_groups(self.model, per_doc)])

    def candidates(self, doc: Doc) -> list[EventCandidate]:
        found = event_candidates(doc, max_pairs_per_sentence=self.max_pairs, resolver=self.resolver,
                                 object_in_trigger=self.object_in_trigger)
        return [e for e in found if not same_actor(e) and can_be_actor(e.candidate.subject)]

    def decided(self, events: list[EventCandidate], decisions: list[tuple[str, float]]) -> list[ClaimSpan]:
        kept = [(e, label, p) for e, (label, p) in zip(events, decisions) if label != "NONE"]
        return [ClaimSpan(cand, label, p) for cand, label, p in claim_triples(kept, self.resolver)
                if not self.political_only or political_claim(cand.subject_actor, cand.object_actor, keep_unknown=True)]

    def predict(self, docs: Iterable[Doc]) -> list[list[ClaimSpan]]:
        per_doc = [self.candidates(doc) for doc in docs]
        flat = [e for events in per_doc for e in events]
        if not flat:
            return [[] for _ in per_doc]
        probs = self.probabilities(per_doc)
        decisions = decide_per_type(probs, self.model.labels, self.thresholds, self.threshold)
        results, cursor = [], 0
        for events in per_doc:
            results.append(self.decided(events, decisions[cursor:cursor + len(events)]))
            cursor += len(events)
        return results


class EventComponentV3(EventComponent):
    """``geoclaims.relations.v3``: v2 with the direct object in a no-target event's trigger ("Moscow | erect
    trade barriers"), for a model trained on candidates drawn that way (``geoclaims.datasets.events.v2``)."""

    object_in_trigger = True
    component_name = "geoclaims.relations.v3"


DEFAULT_CONFIG = {"model_dir": "models/relations", "batch_size": 32, "max_pairs_per_sentence": 12, "threshold": None,
                  "backend": "torch", "device": "cpu", "threads": 1, "political_only": True}


def component_factory(cls: type[EventComponent]):
    """The spaCy factory function of an event component class (its config keys are the arguments)."""
    def make(nlp: Language, name: str, model_dir: str, batch_size: int, max_pairs_per_sentence: int,
             threshold: float | None, backend: str, device: str, threads: int, political_only: bool) -> EventComponent:
        return cls(model_dir, batch_size=batch_size, max_pairs_per_sentence=max_pairs_per_sentence, threshold=threshold,
                   backend=backend, device=device, threads=threads, political_only=political_only)
    return make


make_event_component = Language.factory(FACTORY, default_config=DEFAULT_CONFIG, func=component_factory(EventComponent))
make_event_component_v3 = Language.factory(FACTORY_V3, default_config=DEFAULT_CONFIG,
                                           func=component_factory(EventComponentV3))

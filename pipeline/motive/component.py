"""The motive component: claims of a batch of docs -> the cause tagger -> ``ClaimSpan.motive``.

spaCy style: ``predict(docs)`` is pure and batched across documents: it runs the model once over
the sentences near claims (each claim's sentence, the one before and up to ``after`` after it, in
the same paragraph) of the whole batch, then links causes to claims (``linking.link_motives``).
``set_annotations`` replaces each ``ClaimSpan`` of ``Doc._.claims`` with one whose ``motive`` is
the cause span (or None). A sentence's spans count only when its causal probability reaches
``threshold`` (default ``LINK_THRESHOLD``, chosen on dev). Registered as ``geoclaims_motive_v1`` (versioned name
``geoclaims.motive.v1``); it goes after ``geoclaims_relations``, which fills ``Doc._.claims``.
``geoclaims_motive_v2`` (``geoclaims.motive.v2``, the default since v0.3) is v1 plus the parse rule for the
infinitive of purpose (``purpose.purpose_clause``) where the tagger links nothing in the claim's sentence.
"""
from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc

from ..ml.component import BatchedComponent, register_extensions, scoring_groups
from ..resources import resolve  # the default models/motive: the shipped one outside a checkout
from .linking import MotiveLink, candidate_of, context_sentences, could_explain, link_motives, sentence_layout

FACTORY = "geoclaims_motive_v1"
FACTORY_V2 = "geoclaims_motive_v2"  # v1 + the infinitive of purpose where the tagger links nothing in the sentence
FACTORIES = {"geoclaims.motive.v1": FACTORY, "geoclaims.motive.v2": FACTORY_V2}
# causal probability a sentence needs before its spans are linked: chosen on the qualifier gold's dev
# split (motive overlap F1 0.585 against 0.553 at the model's own classification threshold 0.63)
LINK_THRESHOLD = 0.8


class MotiveComponent(BatchedComponent):
    def __init__(self, model_dir: str, *, batch_size: int = 32, before: int = 1, after: int = 2,
                 min_score: float = 0.5, threshold: float | None = None, inside_below: float | None = None,
                 device: str = "cpu", purpose: bool = False, backend: str = "torch", threads: int = 1):
        from .onnx_model import load_motive_model

        register_extensions()
        self.model = load_motive_model(resolve(model_dir), backend=backend, device=device, threads=threads)
        self.batch_size, self.before, self.after, self.min_score = batch_size, before, after, float(min_score)
        self.threshold = self.model.threshold if threshold is None else float(threshold)
        self.inside_below, self.purpose = inside_below, bool(purpose)

    def sentences_near_claims(self, doc: Doc) -> dict[int, str]:
        """Sentence start token -> sentence text, for every sentence a claim of ``doc`` may draw on: its own
        sentence, and a neighbour only when it names the claim's event or actors (``could_explain``), as
        a neighbour's cause links only through an effect span that does (``linking.other_sentence_link``)."""
        wanted, layout = {}, sentence_layout(doc)
        for item in doc._.claims or []:
            cand = candidate_of(item)
            for distance, sentence in context_sentences(doc, cand.sentence, before=self.before, after=self.after,
                                                        layout=layout):
                if distance == 0 or could_explain(sentence, cand):
                    wanted[sentence.start] = sentence.text
        return wanted

    def predict(self, docs: Iterable[Doc]) -> list[list[MotiveLink | None]]:
        docs = list(docs)
        wanted = [self.sentences_near_claims(doc) for doc in docs]
        keys = [(d, start) for d, sentences in enumerate(wanted) for start in sentences]
        found = self.causes([list(sentences.values()) for sentences in wanted])
        per_doc: list[dict] = [{} for _ in docs]
        for (d, start), causes in zip(keys, found):
            per_doc[d][start] = causes
        return [link_motives(doc, doc._.claims or [], per_doc[d], threshold=self.threshold, min_score=self.min_score,
                             before=self.before, after=self.after, purpose=self.purpose) for d, doc in enumerate(docs)]

    def causes(self, texts_per_doc: list[list[str]]) -> list:
        """The tagger's ``SentenceCauses`` for every sentence, in order (one call per ``ml.component.scoring_groups``)."""
        return [causes for texts in scoring_groups(self.model, texts_per_doc) if texts
                for causes in self.model.predict(texts, batch_size=self.batch_size, inside_below=self.inside_below)]

    def set_annotations(self, docs: Iterable[Doc], predictions: list[list[MotiveLink | None]]) -> None:
        for doc, links in zip(docs, predictions):
            if doc._.claims:
                doc._.claims = [claim._replace(motive=link.cause if link else None)
                                for claim, link in zip(doc._.claims, links)]


DEFAULT_CONFIG = {"model_dir": "models/motive", "batch_size": 32, "before": 1, "after": 2, "min_score": 0.5,
                  "threshold": LINK_THRESHOLD, "inside_below": None, "device": "cpu", "backend": "torch", "threads": 1}


@Language.factory(FACTORY, default_config=DEFAULT_CONFIG)
def make_motive_component(nlp: Language, name: str, model_dir: str, batch_size: int, before: int, after: int,
                          min_score: float, threshold: float | None, inside_below: float | None,
                          device: str, backend: str = "torch", threads: int = 1) -> MotiveComponent:
    """``device`` "cuda" runs the tagger on the GPU under bf16/fp16 autocast (spaCy stays on CPU); ``backend``
    torch (default), onnx or onnx-int8 (``onnx_model.load_motive_model``), ``threads`` for ONNX Runtime."""
    return MotiveComponent(model_dir, batch_size=batch_size, before=before, after=after, min_score=min_score,
                           threshold=threshold, inside_below=inside_below, device=device, backend=backend,
                           threads=threads)


@Language.factory(FACTORY_V2, default_config=DEFAULT_CONFIG)
def make_motive_component_v2(nlp: Language, name: str, model_dir: str, batch_size: int, before: int, after: int,
                             min_score: float, threshold: float | None, inside_below: float | None,
                             device: str, backend: str = "torch", threads: int = 1) -> MotiveComponent:
    """v1 with the infinitive of purpose (``purpose.purpose_clause``) as the last same-sentence rule."""
    component = make_motive_component(nlp, name, model_dir, batch_size, before, after, min_score, threshold,
                                      inside_below, device, backend, threads)
    component.purpose = True
    return component

"""Articles -> ``Claim`` records: the spaCy pipeline with the relation component, then provenance.

``ClaimExtractor(model_dir).extract(articles)`` returns one list of claims per article. A claim's
``claim_id`` hashes the article (id and text), the two spans, the type, the model and the config, so
the same article, model and config always give the same id.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from spacy.tokens import Doc, Span

from . import __version__
from .ml.component import ClaimSpan
from .qualifiers import Qualified, qualify
from .records import Article, Claim, Mention, Predicate, TimeRef
from .records import Span as TextSpan


def _sha(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()


def mention_record(span: Span | None, actor) -> Mention | None:
    """A subject or object mention with its resolved actor (or nulls); None for an event with no target."""
    if span is None:
        return None
    if actor is None:
        return Mention(span.text, span.start_char, span.end_char)
    entity_type = actor.type or (span.root.ent_type_ or None)
    return Mention(span.text, span.start_char, span.end_char, actor.name, actor.code, actor.sector, entity_type)


def attribution_record(qualified: Qualified) -> Mention | None:
    """Who asserts the claim, when the article reports someone's words (resolved like any actor)."""
    source = qualified.attribution
    if source is None:
        return None
    return Mention(source.text, source.start, source.end, source.name, source.code, source.sector, source.type)


def time_record(qualified: Qualified) -> TimeRef | None:
    """When the event happened, resolved against the article's ``published`` date; None if not given."""
    when = qualified.time
    return TimeRef(when.text, when.start, when.end, when.value) if when else None


def motive_record(found: ClaimSpan) -> TextSpan | None:
    motive = found.motive
    return TextSpan(motive.text, motive.start_char, motive.end_char) if motive is not None else None


def claim_record(article: Article, doc: Doc, found: ClaimSpan, *, extractor: dict, config_hash: str) -> Claim:
    cand = found.candidate
    qualifiers = qualify(doc, cand.sentence, cand.predicate, event_type=found.type, published=article.published)
    predicate = Predicate(found.type, cand.predicate.lemma, cand.predicate.text, qualifiers.negated,
                          qualifiers.modality, cand.predicate.start, cand.predicate.end)
    object_offsets = (cand.object.start_char, cand.object.end_char) if cand.object is not None else (None, None)
    claim_id = _sha(article.id, _sha(article.text), cand.subject.start_char, cand.subject.end_char,
                    *object_offsets, found.type, extractor["model"], config_hash)[:24]
    sentence = cand.sentence
    return Claim(
        claim_id=claim_id, article_id=article.id,
        subject=mention_record(cand.subject, cand.subject_actor),
        predicate=predicate,
        object=mention_record(cand.object, cand.object_actor),
        evidence=TextSpan(sentence.text, sentence.start_char, sentence.end_char),
        confidence=found.confidence, extractor=extractor,
        motive=motive_record(found), attribution=attribution_record(qualifiers),
        time=time_record(qualifiers))


def article_doc(nlp, article: Article) -> Doc:
    """The article's unprocessed Doc, with its publication date as ``Doc._.published`` for the components."""
    if not Doc.has_extension("published"):
        Doc.set_extension("published", default=None)
    doc = nlp.make_doc(article.text)
    doc._.published = article.published
    return doc


def model_fingerprint(model_dir: Path) -> str:
    """SHA-256 over the model folder's files (names and bytes), so a retrained model is a new identity."""
    digest = hashlib.sha256()
    for path in sorted(p for p in model_dir.iterdir() if p.is_file() and p.suffix in (".json", ".safetensors")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class ClaimExtractor:
    """The processor that ``geoclaims extract`` runs: spaCy + actors + relations -> claims."""

    def __init__(self, model_dir: Path | str, *, batch_size: int = 16, threshold: float | None = None,
                 backend: str = "torch", device: str = "cpu", threads: int = 1,
                 motive_dir: Path | str | None = None, component: str = "geoclaims.relations.v2",
                 motive_component: str = "geoclaims.motive.v2", motive_backend: str = "torch",
                 motive_threads: int = 1):
        from .nlp import build_nlp
        from .ml.onnx_backends import resolve_backend

        self.model_dir = Path(model_dir)
        self.batch_size = batch_size
        self.backend, self.device = resolve_backend(backend, device), device
        self.motive_dir = Path(motive_dir) if motive_dir is not None else None
        self.motive_backend = resolve_backend(motive_backend, device) if self.motive_dir is not None else None
        self.component_name = component
        self.nlp = build_nlp(relations=True, model_dir=self.model_dir, backend=self.backend, device=device,
                             threads=threads, motive_dir=self.motive_dir, component=component,
                             motive_component=motive_component, motive_backend=self.motive_backend or "torch",
                             motive_threads=motive_threads)
        if threshold is not None:
            self.nlp.get_pipe("geoclaims_relations").threshold = float(threshold)
        component = self.nlp.get_pipe("geoclaims_relations")
        meta = component.model.meta
        self.extractor = {"version": __version__,
                          "model": f"{meta.get('name', 'geoclaims-relations')} {meta.get('version', '?')}"}
        if self.motive_dir is not None:
            motive_meta = self.nlp.get_pipe("geoclaims_motive").model.meta
            self.extractor["motive_model"] = f"{motive_meta.get('name', 'geoclaims-motive')} {motive_meta.get('version', '?')}"
        self.model_sha256 = model_fingerprint(self.model_dir)
        self.motive_sha256 = model_fingerprint(self.motive_dir) if self.motive_dir is not None else None
        settings = {"threshold": component.threshold, "max_pairs_per_sentence": component.max_pairs}
        if self.component_name != "geoclaims.relations.v1":
            settings["component"] = self.component_name  # v1 keeps its v0.1 hash, so its claim ids do not move
        self.config_hash = _sha(json.dumps(settings, sort_keys=True))[:16]

    def identity(self) -> dict:
        return {**self.extractor, "config_hash": self.config_hash, "model_sha256": self.model_sha256,
                "motive_sha256": self.motive_sha256, "backend": self.backend, "motive_backend": self.motive_backend,
                "device": self.device}

    def extract(self, articles: Sequence[Article]) -> list[list[Claim]]:
        docs = self.nlp.pipe((article_doc(self.nlp, a) for a in articles), batch_size=self.batch_size)
        return [[claim_record(article, doc, found, extractor=self.extractor, config_hash=self.config_hash)
                 for found in doc._.claims or []]
                for article, doc in zip(articles, docs)]

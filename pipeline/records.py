"""The records that flow in and out: ``Article`` (contract input) and ``Claim`` (contract output)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

SCHEMA_VERSION = 1

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "INVESTIGATE",
    "DEMAND", "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT", "FIGHT",
)
NONE_LABEL = "NONE"
RELATION_LABELS: tuple[str, ...] = PLOVER_TYPES + (NONE_LABEL,)
MODALITIES = ("asserted", "reported", "hedged", "intended", "future", "hypothetical")
OPTIONAL_ARTICLE_FIELDS = ("title", "published", "url", "source", "author", "language")


@dataclass(frozen=True)
class Article:
    """One article, as the contract reads it: ``id`` and ``text`` required, the rest optional."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    language: str | None = None
    origin: str | None = field(default=None, compare=False)  # where it was read: "file:line"

    def to_dict(self) -> dict:
        data = asdict(self)
        data.pop("origin")
        return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class Mention:
    """An actor or thing in the text, resolved where possible."""

    text: str
    start: int
    end: int
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    type: str | None = None

    def to_dict(self) -> dict:
        return {"text": self.text, "name": self.name, "code": self.code, "sector": self.sector,
                "type": self.type, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Predicate:
    type: str
    lemma: str
    text: str
    negated: bool = False
    modality: str = "asserted"
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {"type": self.type, "lemma": self.lemma, "text": self.text, "negated": self.negated,
                "modality": self.modality, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Span:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class TimeRef:
    """When the event happened: the words and their ISO 8601 value (a day, month, year or interval)."""

    text: str
    start: int
    end: int
    value: str

    def to_dict(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "value": self.value}


@dataclass(frozen=True)
class Claim:
    """One claim, as the contract writes it."""

    claim_id: str
    article_id: str
    subject: Mention
    predicate: Predicate
    object: Mention | None  # None: an event with no target (a protest, a deployment, a threat to no one named)
    evidence: Span
    confidence: float
    extractor: dict
    motive: Span | None = None
    attribution: Mention | None = None
    time: TimeRef | None = None

    def to_dict(self) -> dict:
        return {
            "schema_version": SCHEMA_VERSION,
            "claim_id": self.claim_id,
            "article_id": self.article_id,
            "subject": self.subject.to_dict(),
            "predicate": self.predicate.to_dict(),
            "object": self.object.to_dict() if self.object is not None else None,
            "motive": self.motive.to_dict() if self.motive else None,
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "time": self.time.to_dict() if self.time else None,
            "confidence": round(float(self.confidence), 4),
            "evidence": self.evidence.to_dict(),
            "extractor": dict(self.extractor),
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Claim":
        """The record of a claim as ``to_dict`` (and the claim store) writes it."""
        def part(kind, key):
            value = data.get(key)
            return kind(**value) if value else None

        return cls(claim_id=data["claim_id"], article_id=data["article_id"], subject=part(Mention, "subject"),
                   predicate=part(Predicate, "predicate"), object=part(Mention, "object"),
                   evidence=part(Span, "evidence"), confidence=data["confidence"],
                   extractor=dict(data.get("extractor") or {}), motive=part(Span, "motive"),
                   attribution=part(Mention, "attribution"), time=part(TimeRef, "time"))

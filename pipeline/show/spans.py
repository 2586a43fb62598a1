"""Highlighted text: a claim's spans as ``Highlight``s, and a piece of text with them marked up.

``highlights_for_claim`` turns one claim record into the spans to mark (subject, predicate,
object, motive, attribution, time and the evidence sentence), ``merge_highlights`` folds the same
span of several claims into one, and ``render_fragment`` writes a piece of text (at a known
character offset of the article) as HTML with the highlights as nested ``<mark>`` elements.
Overlapping spans are cut at every span boundary, so the HTML nests properly whatever overlaps.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, NamedTuple

# kinds in nesting order: an earlier kind encloses a later one when two spans have the same extent
KINDS = ("evidence", "attribution", "time", "motive", "subject", "object", "predicate")
KIND_NAMES = {"subject": "subject", "predicate": "predicate", "object": "object", "motive": "motive",
              "attribution": "said by", "time": "time", "evidence": "evidence"}


class Highlight(NamedTuple):
    """One span to mark: ``[start, end)`` of the article text, its kind, label and claim numbers."""

    start: int
    end: int
    kind: str
    label: str
    claims: tuple[int, ...]

    @property
    def anchor(self) -> str:
        """The element id of this span in the article text."""
        return f"s-{self.kind}-{self.start}-{self.end}"


def span_offsets(span: dict | None) -> tuple[int, int] | None:
    """``(start, end)`` of a span record, or None when it has no usable offsets."""
    if not isinstance(span, dict):
        return None
    start, end = span.get("start"), span.get("end")
    if not isinstance(start, int) or not isinstance(end, int) or end <= start or start < 0:
        return None
    return start, end


def actor_label(mention: dict) -> str:
    """The mention's code (``RUS``), empty when it was not resolved (its text is marked anyway)."""
    return str(mention.get("code") or "")


def predicate_label(predicate: dict) -> str:
    """``SANCTION``, with ``not`` and the modality when they change what the claim says."""
    label = str(predicate.get("type") or "?")
    if predicate.get("negated"):
        label = f"not {label}"
    modality = predicate.get("modality")
    if modality and modality != "asserted":
        label = f"{label} ({modality})"
    return label


def claim_spans(claim: dict) -> list[tuple[str, dict, str]]:
    """``(kind, span record, label)`` for every span a claim carries, evidence first."""
    spans: list[tuple[str, dict, str]] = []
    if isinstance(claim.get("evidence"), dict):
        spans.append(("evidence", claim["evidence"], ""))
    for kind in ("subject", "object"):
        if isinstance(claim.get(kind), dict):
            spans.append((kind, claim[kind], f"{kind} {actor_label(claim[kind])}".strip()))
    if isinstance(claim.get("predicate"), dict):
        spans.append(("predicate", claim["predicate"], predicate_label(claim["predicate"])))
    if isinstance(claim.get("motive"), dict):
        spans.append(("motive", claim["motive"], "motive"))
    if isinstance(claim.get("attribution"), dict):
        who = actor_label(claim["attribution"])
        spans.append(("attribution", claim["attribution"], f"said by {who}".strip()))
    if isinstance(claim.get("time"), dict):
        value = claim["time"].get("value")
        spans.append(("time", claim["time"], f"time {value}" if value else "time"))
    return spans


def highlights_for_claim(number: int, claim: dict) -> list[Highlight]:
    """The highlights of claim ``number``; spans without offsets are left out."""
    found = []
    for kind, span, label in claim_spans(claim):
        offsets = span_offsets(span)
        if offsets is not None:
            found.append(Highlight(offsets[0], offsets[1], kind, label, (number,)))
    return found


def merge_highlights(highlights: Iterable[Highlight]) -> list[Highlight]:
    """One highlight per (start, end, kind, label), with the claim numbers of all, in text order."""
    merged: dict[tuple[int, int, str, str], set[int]] = {}
    for h in highlights:
        merged.setdefault((h.start, h.end, h.kind, h.label), set()).update(h.claims)
    result = [Highlight(s, e, k, lab, tuple(sorted(n))) for (s, e, k, lab), n in merged.items()]
    return sorted(result, key=nesting_key)


def nesting_key(h: Highlight) -> tuple[int, int, int, str]:
    """Sort key: earlier start first, then the longer span (the enclosing one), then by kind."""
    return (h.start, -h.end, KINDS.index(h.kind) if h.kind in KINDS else len(KINDS), h.label)


def claims_attr(numbers: tuple[int, ...]) -> str:
    return " ".join(str(n) for n in numbers)


def label_html(h: Highlight) -> str:
    """The small label after a span: claim numbers and what the span is."""
    if h.kind == "evidence":
        return ""
    numbers = ",".join(str(n) for n in h.claims)
    return (f'<span class="lbl"><b>{escape(numbers)}</b> {escape(h.label)}</span>')


def open_tag(h: Highlight, *, first: bool, anchors: bool) -> str:
    """The opening ``<mark>`` of one segment of ``h``; the first segment carries the anchor id."""
    classes = f"hl hl-{h.kind}" + ("" if first else " cont")
    ident = f' id="{h.anchor}"' if anchors and first else ""
    title = f' title="{escape(h.label or KIND_NAMES.get(h.kind, h.kind))}"'
    return f'<mark class="{classes}"{ident} data-claims="{claims_attr(h.claims)}"{title}>'


def render_fragment(text: str, offset: int, highlights: Iterable[Highlight], *,
                    anchors: bool = False) -> str:
    """``text`` (which starts at character ``offset`` of the article) as escaped HTML, highlighted.

    Spans are clipped to the fragment; a span that another one crosses is split into segments,
    each its own ``<mark>``, and the label follows the span's last segment.
    """
    end_of_text = offset + len(text)
    spans = sorted({h for h in highlights if h.start < end_of_text and h.end > offset}, key=nesting_key)
    cuts = sorted({offset, end_of_text, *(max(h.start, offset) for h in spans),
                   *(min(h.end, end_of_text) for h in spans)})
    pieces: list[str] = []
    for left, right in zip(cuts, cuts[1:]):
        active = [h for h in spans if h.start <= left and h.end >= right]
        pieces.extend(open_tag(h, first=h.start == left, anchors=anchors) for h in active)
        pieces.append(escape(text[left - offset:right - offset]))
        for h in reversed(active):
            pieces.append((label_html(h) if h.end == right else "") + "</mark>")
    return "".join(pieces)

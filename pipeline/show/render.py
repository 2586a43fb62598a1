"""One article as a self-contained HTML page: its claims' spans highlighted in the text.

``render_article(claims, text, article_id=...)`` is pure: claim records and the article text in,
an HTML string out (inline CSS, a few lines of inline JS for hover-linking, nothing fetched). The
page has a claims table, one numbered block per claim (who / what / whom / why / said by / when,
the evidence sentence highlighted, links to the spans in the text) and the article text with every
span marked. Without the text (``text=None``) it shows the evidence sentences and the motive spans
the claims carry, and says so.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, NamedTuple

from .spans import (Highlight, claim_spans, highlights_for_claim, merge_highlights, predicate_label,
                    render_fragment, span_offsets)
from .style import CSS, JS


class ArticleMeta(NamedTuple):
    """What the page header shows about the article besides its id (all optional)."""

    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


def page(title: str, body: str) -> str:
    """A complete HTML document with the house CSS and JS inline."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
            f"{body}\n</main>\n<script>{JS}</script>\n</body>\n</html>\n")


def text_or_dash(value: object) -> str:
    return escape(str(value)) if value not in (None, "") else '<span class="muted">–</span>'


def actor_cell(mention: dict | None) -> str:
    """``'Russia' (RUS)`` for a table cell."""
    if not isinstance(mention, dict):
        return text_or_dash(None)
    code = mention.get("code")
    code_html = f" <code>{escape(str(code))}</code>" if code else ""
    return f"{escape(str(mention.get('text') or ''))}{code_html}"


def span_link(span: dict | None, kind: str, inner: str) -> str:
    """``inner`` linked to the span's highlight in the text, when the span has offsets."""
    offsets = span_offsets(span)
    if offsets is None:
        return inner
    return f'<a href="#s-{kind}-{offsets[0]}-{offsets[1]}">{inner}</a>'


def time_cell(time: dict | None) -> str:
    if not isinstance(time, dict):
        return text_or_dash(None)
    value = time.get("value")
    return escape(str(time.get("text") or "")) + (f" <code>{escape(str(value))}</code>" if value else "")


def claims_table(claims: list[dict]) -> str:
    """The table of all claims, one row each, linking to the claim blocks."""
    head = ("<tr><th>#</th><th>subject</th><th>type</th><th>object</th><th>negated</th>"
            "<th>modality</th><th>attribution</th><th>time</th><th>motive</th><th>confidence</th></tr>")
    rows = []
    for number, claim in enumerate(claims, start=1):
        predicate = claim.get("predicate") or {}
        motive = claim.get("motive")
        negated = '<span class="neg">yes</span>' if predicate.get("negated") else "no"
        confidence = claim.get("confidence")
        rows.append(
            f'<tr data-claims="{number}"><td class="num"><a href="#claim-{number}">{number}</a></td>'
            f"<td>{actor_cell(claim.get('subject'))}</td>"
            f'<td class="type">{escape(str(predicate.get("type") or "?"))}</td>'
            f"<td>{actor_cell(claim.get('object'))}</td><td>{negated}</td>"
            f"<td>{text_or_dash(predicate.get('modality'))}</td>"
            f"<td>{actor_cell(claim.get('attribution'))}</td>"
            f"<td>{time_cell(claim.get('time'))}</td>"
            f"<td>{text_or_dash(motive.get('text') if isinstance(motive, dict) else None)}</td>"
            f'<td class="num">{f"{float(confidence):.2f}" if confidence is not None else "–"}</td></tr>')
    return f'<table class="claims">\n{head}\n' + "\n".join(rows) + "\n</table>"


def span_text(span: dict, text: str | None) -> tuple[int, str] | None:
    """``(start, text)`` of a span: from the article when there is one, else from the record."""
    offsets = span_offsets(span)
    if offsets is None:
        return None
    if text is not None and offsets[1] <= len(text):
        return offsets[0], text[offsets[0]:offsets[1]]
    return (offsets[0], str(span.get("text"))) if isinstance(span.get("text"), str) else None


def claim_fragments(claim: dict, text: str | None) -> list[tuple[int, str]]:
    """The pieces of text that show a claim: its evidence, and each span lying outside it."""
    pieces = [p for p in [span_text(claim.get("evidence") or {}, text)] if p is not None]
    for kind, span, _ in claim_spans(claim):
        offsets = span_offsets(span)
        if kind == "evidence" or offsets is None:
            continue
        if not any(start <= offsets[0] and offsets[1] <= start + len(piece) for start, piece in pieces):
            found = span_text(span, text)
            if found is not None:
                pieces.append(found)
    return sorted(pieces)


def merge_fragments(pieces: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Overlapping or touching pieces of the same text joined into one, in text order."""
    merged: list[tuple[int, str]] = []
    for start, piece in sorted(pieces):
        if merged and start <= merged[-1][0] + len(merged[-1][1]):
            prev_start, prev = merged[-1]
            tail = piece[prev_start + len(prev) - start:]
            merged[-1] = (prev_start, prev + tail)
        else:
            merged.append((start, piece))
    return merged


def fragment_html(start: int, piece: str, highlights: list[Highlight], *, anchors: bool,
                  css_class: str) -> str:
    where = f'<span class="where">[{start}:{start + len(piece)}]</span>'
    body = render_fragment(piece, start, highlights, anchors=anchors)
    return f'<div class="{css_class}">{where}{body}</div>'


def claim_block(number: int, claim: dict, text: str | None) -> str:
    """The numbered block of one claim: what it says, and its evidence highlighted."""
    predicate = claim.get("predicate") or {}
    motive, attribution, time = claim.get("motive"), claim.get("attribution"), claim.get("time")
    rows = [("who", span_link(claim.get("subject"), "subject", actor_cell(claim.get("subject")))),
            ("what", span_link(predicate, "predicate",
                               f'<span class="type">{escape(predicate_label(predicate))}</span> '
                               f"“{escape(str(predicate.get('text') or ''))}”")),
            ("whom", span_link(claim.get("object"), "object", actor_cell(claim.get("object"))))]
    if isinstance(motive, dict):
        rows.append(("why", span_link(motive, "motive", f"“{escape(str(motive.get('text') or ''))}”")))
    if isinstance(attribution, dict):
        rows.append(("said by", span_link(attribution, "attribution", actor_cell(attribution))))
    if isinstance(time, dict):
        rows.append(("when", span_link(time, "time", time_cell(time))))
    facts = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    highlights = highlights_for_claim(number, claim)
    snippets = "".join(fragment_html(s, p, highlights, anchors=False, css_class="snippet")
                       for s, p in merge_fragments(claim_fragments(claim, text)))
    confidence = claim.get("confidence")
    conf = f"confidence {float(confidence):.2f} · " if confidence is not None else ""
    evidence = span_offsets(claim.get("evidence"))
    jump_html = (f'<a class="jump" href="#s-evidence-{evidence[0]}-{evidence[1]}">in the text ↓</a>'
                 if evidence else "")
    return (f'<section class="claim" id="claim-{number}" data-claims="{number}">'
            f'<h3>Claim {number} <span class="type">{escape(str(predicate.get("type") or "?"))}</span>'
            f'{jump_html}<span class="conf">{conf}<code>{escape(str(claim.get("claim_id") or ""))}</code>'
            f"</span></h3><dl>{facts}</dl>{snippets}</section>")


def legend() -> str:
    kinds = [("subject", "subject"), ("predicate", "event type"), ("object", "object"),
             ("motive", "motive"), ("attribution", "said by"), ("time", "time"), ("evidence", "evidence")]
    items = "".join(f'<mark class="hl hl-{k}">{name}</mark>' for k, name in kinds)
    return f'<div class="legend">{items}</div>'


def header(article_id: str, meta: ArticleMeta, count: int, index_href: str | None) -> str:
    title = meta.title or article_id
    details = [f"<code>{escape(article_id)}</code>"]
    details += [escape(v) for v in (meta.source, meta.published) if v]
    if meta.url:  # linked only when it is a web address (never javascript: and the like)
        web = meta.url.lower().startswith(("http://", "https://"))
        details.append(f'<a href="{escape(meta.url)}">{escape(meta.url)}</a>' if web else escape(meta.url))
    details.append(f"{count} claim{'s' if count != 1 else ''}")
    nav = f'<nav class="top"><a href="{escape(index_href)}">← all articles</a></nav>' if index_href else ""
    meta_html = f'<p class="meta">{" · ".join(details)}</p>'
    return f"<header>{nav}<h1>{escape(title)}</h1>{meta_html}{legend()}</header>"


def article_section(claims: list[dict], text: str | None, highlights: list[Highlight]) -> str:
    """The full text with every span marked, or, without it, the claims' own pieces of text."""
    if text is not None:
        body = render_fragment(text, 0, highlights, anchors=True)
        return f'<h2>Article text</h2>\n<div class="article">{body}</div>'
    pieces = merge_fragments(p for claim in claims for p in claim_fragments(claim, None))
    body = "".join(fragment_html(s, p, highlights, anchors=True, css_class="fragment") for s, p in pieces)
    return ("<h2>Evidence sentences only</h2>\n<p class=\"note\">The article text was not available, "
            "so this shows only the evidence sentences and motive spans stored with the claims, "
            f"at their offsets in the article.</p>\n<div class=\"article\">{body}</div>")


def render_article(claims: list[dict], text: str | None, *, article_id: str,
                   meta: ArticleMeta = ArticleMeta(), note: str | None = None,
                   index_href: str | None = None) -> str:
    """The HTML page of one article and its claims (numbered 1.. in the order given)."""
    highlights = merge_highlights(h for number, claim in enumerate(claims, start=1)
                                  for h in highlights_for_claim(number, claim))
    parts = [header(article_id, meta, len(claims), index_href)]
    if note:
        parts.append(f'<p class="note">{escape(note)}</p>')
    if claims:
        parts.append("<h2>Claims</h2>\n" + claims_table(claims))
        parts.append("\n".join(claim_block(n, c, text) for n, c in enumerate(claims, start=1)))
    else:
        parts.append('<p class="note">No claims were extracted from this article.</p>')
    if text is not None or claims:
        parts.append(article_section(claims, text, highlights))
    return page(f"{meta.title or article_id} — geoclaims", "\n".join(parts))

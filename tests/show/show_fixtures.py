"""Test helpers for ``geoclaims show``: a hand-made article with claims (overlaps, a motive in
another sentence, nulls), a claim store writer and a reader of the rendered marks."""
from __future__ import annotations

from html.parser import HTMLParser

TEXT = ("Moscow, March 4. <script>alert('x')</script> & more.\n\n"
        "Russia imposed sanctions on Ukraine on Monday, a Kremlin spokesman said. "
        "The move followed Kyiv's refusal to join the customs union.")


def span(text: str, piece: str, *, after: int = 0, **extra) -> dict:
    """A span record for the first ``piece`` at or after ``after`` in ``text``."""
    start = text.index(piece, after)
    return {"text": piece, "start": start, "end": start + len(piece), **extra}


def mention(text: str, piece: str, code: str | None, **extra) -> dict:
    return span(text, piece, name=piece, code=code, sector=None, type="GPE", **extra)


def sentence(text: str, first_words: str, last_words: str) -> dict:
    start = text.index(first_words)
    end = text.index(last_words, start) + len(last_words)
    return {"text": text[start:end], "start": start, "end": end}


def build_claims(text: str = TEXT) -> list[dict]:
    """Three claims: a full one, one inside the first's motive, one with null fields."""
    full = {
        "claim_id": "c1", "article_id": "a1",
        "subject": mention(text, "Russia", "RUS"),
        "predicate": {**span(text, "imposed sanctions"), "type": "SANCTION", "lemma": "impose",
                      "negated": False, "modality": "reported"},
        "object": mention(text, "Ukraine", "UKR"),
        "motive": span(text, "Kyiv's refusal to join the customs union"),
        "attribution": mention(text, "a Kremlin spokesman", "RUS"),
        "time": {**span(text, "on Monday"), "value": "2024-03-04"},
        "confidence": 0.87,
        "evidence": sentence(text, "Russia imposed", "said."),
    }
    inner = {
        "claim_id": "c2", "article_id": "a1",
        "subject": mention(text, "Kyiv", "UKR"),
        "predicate": {**span(text, "refusal to join"), "type": "REJECT", "lemma": "refuse",
                      "negated": True, "modality": "asserted"},
        "object": mention(text, "the customs union", None),
        "motive": None, "attribution": None, "confidence": 0.55,
        "evidence": sentence(text, "The move", "union."),
    }
    nulls = {
        "claim_id": "c3", "article_id": "a1",
        "subject": mention(text, "Russia", "RUS"),
        "predicate": {"type": "COERCE", "lemma": "sanction", "text": "sanctions", "negated": False,
                      "modality": "asserted", "start": None, "end": None},
        "object": {"text": "Ukraine", "name": None, "code": None, "sector": None, "type": None,
                   "start": None, "end": None},
        "motive": None, "attribution": None, "time": None, "confidence": None,
        "evidence": sentence(text, "Russia imposed", "said."),
    }
    return [full, inner, nulls]


class MarkReader(HTMLParser):
    """Reads rendered text back: the plain text (labels left out) and where each kind of mark lies.

    ``spans`` holds ``(kind, start, end, claims)`` in plain-text coordinates, the segments of one
    span joined again.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.stack: list[tuple[str, int, str] | None] = []
        self.segments: list[tuple[str, int, int, str]] = []
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "span" and ("lbl" in classes or self.in_label):
            self.in_label += 1
        if tag == "mark":
            kind = next(c[3:] for c in classes if c.startswith("hl-"))
            self.stack.append((kind, len(self.text), attrs.get("data-claims", "")))

    def handle_endtag(self, tag):
        if tag == "span" and self.in_label:
            self.in_label -= 1
        if tag == "mark":
            kind, start, numbers = self.stack.pop()
            self.segments.append((kind, start, len(self.text), numbers))

    def handle_data(self, data):
        if not self.in_label:
            self.text += data

    @property
    def spans(self) -> set[tuple[str, int, int, str]]:
        joined: list[list] = []
        for kind, start, end, numbers in sorted(self.segments, key=lambda s: (s[0], s[3], s[1])):
            last = joined[-1] if joined else None
            if last and last[0] == kind and last[3] == numbers and last[2] == start:
                last[2] = end
            else:
                joined.append([kind, start, end, numbers])
        return {tuple(item) for item in joined}


def read_marks(html: str) -> MarkReader:
    reader = MarkReader()
    reader.feed(html)
    return reader


def write_store(root, claims: list[dict], *, inputs: list[str] = (), rejects: list[dict] = ()):
    """A finished claim store at ``root`` with ``claims`` and ``rejects``; its manifest lists ``inputs``."""
    from geoclaims.store import ClaimStore, part_name

    store = ClaimStore.open_for_write(root, {"schema_version": 1, "config_hash": "test", "extractor": {}})
    part = part_name(0, "test")
    store.write_chunk(0, "test", claims, list(rejects), {"part": part})
    manifest = {"schema_version": 1, "parts": [part],
                "inputs": [{"path": str(p), "format": "jsonl"} for p in inputs]}
    store.finish([part], manifest)
    return root


def write_articles(path, articles: dict[str, str]):
    """A JSON Lines input file with one article per (id, text)."""
    import json

    lines = [json.dumps({"id": i, "text": t, "title": f"Title of {i}"}) for i, t in articles.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path

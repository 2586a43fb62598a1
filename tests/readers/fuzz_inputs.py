"""Seed files for every reader and the hypothesis strategy that mutates them (issue 12 item 2).

Seeds are real inputs: the bundled sample article (JSON Lines, plain and gzip), its text as a text
file, an HTML page, an RSS and an Atom feed, and a WARC archive with HTML and image records. Mutations
are what breaks real batches: byte flips, truncation, inserted junk or NUL bytes, another encoding
spliced in, a BOM, CRLF line ends, a very long line, deeply nested JSON, XML entity expansion.
"""
from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

from hypothesis import strategies as st

REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLE = REPO_ROOT / "corpora" / "samples" / "kazakhstan-middle-power.jsonl"


def _sample() -> dict:
    return json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])


def _paragraphs(n: int = 4) -> list[str]:
    return [p for p in _sample()["text"].split("\n") if len(p) > 80][:n]


def _html() -> bytes:
    body = "".join(f"<p>{p}</p>" for p in _paragraphs())
    return (f"<!DOCTYPE html><html><head><title>{_sample()['title']}</title>"
            f"<meta name=\"date\" content=\"2024-10-21\"></head><body><article>{body}</article></body></html>").encode()


def _feed(atom: bool) -> bytes:
    items = _paragraphs(3)
    if atom:
        entries = "".join(f"<entry><id>urn:x:{i}</id><title>Item {i}</title><updated>2024-10-2{i}T10:00:00Z</updated>"
                          f"<content type=\"html\">&lt;p&gt;{p}&lt;/p&gt;</content></entry>" for i, p in enumerate(items))
        return (f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                f"<title>Trend</title>{entries}</feed>").encode()
    entries = "".join(f"<item><guid>http://x/{i}</guid><title>Item {i}</title><pubDate>Mon, 21 Oct 2024 10:00:00 GMT"
                      f"</pubDate><description>{p}</description></item>" for i, p in enumerate(items))
    return (f"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Trend</title>{entries}</channel></rss>").encode()


def _warc() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    for i, (ctype, body) in enumerate((("text/html; charset=utf-8", _html()), ("image/png", b"\x89PNG\r\n"))):
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(f"http://ex.org/{i}", "response", payload=BytesIO(body),
                                                      http_headers=headers))
    return out.getvalue()


def _jsonl() -> bytes:
    sample = _sample()
    records = [sample] + [{"id": f"p{i}", "text": p, "published": "2024-10-21"} for i, p in enumerate(_paragraphs())]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()


def seeds() -> dict[str, tuple[str, bytes]]:
    """format -> (file name, bytes)."""
    return {"jsonl": ("in.jsonl", _jsonl()), "jsonl.gz": ("in.jsonl.gz", gzip.compress(_jsonl(), mtime=0)),
            "text": ("in.txt", _sample()["text"].encode()), "html": ("in.html", _html()),
            "rss": ("in.rss", _feed(atom=False)), "atom": ("in.atom", _feed(atom=True)), "warc": ("in.warc.gz", _warc())}


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
          b'&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">'
          b'<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>')


def _apply(data: bytes, kind: str, pos: int, blob: bytes) -> bytes:
    at = pos % (len(data) + 1)
    if kind == "flip" and data:
        at %= len(data)
        return data[:at] + bytes([data[at] ^ (blob[0] if blob else 0xFF) or 1]) + data[at + 1:]
    if kind == "truncate":
        return data[:at]
    if kind == "insert":
        return data[:at] + blob + data[at:]
    if kind == "nul":
        return data[:at] + b"\x00" * (1 + len(blob)) + data[at:]
    if kind == "encoding":  # a stretch re-encoded as UTF-16 or Latin-1
        text = data[at:at + 200].decode("utf-8", errors="replace")
        other = text.encode("utf-16") if blob[:1] < b"\x80" else text.encode("latin-1", errors="replace")
        return data[:at] + other + data[at + 200:]
    if kind == "bom":
        return b"\xef\xbb\xbf" + data
    if kind == "crlf":
        return data.replace(b"\n", b"\r\n")
    if kind == "long_line":
        return data[:at] + b"x" * (200_000 + 1000 * len(blob)) + data[at:]
    if kind == "deep_json":
        return data[:at] + b"\n" + b'{"id": "deep", "text": ' + b"[" * 50_000 + b"\n" + data[at:]
    if kind == "entities":
        body = data.split(b"?>", 1)[-1]
        return LAUGHS + body.replace(b"<title>", b"<title>&lol4;", 1)
    return data


MUTATIONS = ("flip", "truncate", "insert", "nul", "encoding", "bom", "crlf", "long_line", "deep_json", "entities")


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """``seed`` after one to four mutations."""
    step = st.tuples(st.sampled_from(MUTATIONS), st.integers(0, 1 << 20), st.binary(max_size=64))
    return st.lists(step, min_size=1, max_size=4).map(lambda steps: _mutate(seed, steps))


def _mutate(seed: bytes, steps: list) -> bytes:
    data = seed
    for kind, pos, blob in steps:
        data = _apply(data, kind, pos, blob)
    return data

import gzip
import json
from pathlib import Path

from geoclaims import registry
from geoclaims.errors import Reject
from geoclaims.readers.jsonl import read_jsonl
from geoclaims.records import Article


def _codes(items):
    return [i.code if isinstance(i, Reject) else "ok" for i in items]


def test_registered():
    assert registry.readers.get("geoclaims.readers.jsonl.v1") is read_jsonl


def test_reads_articles_with_optional_fields(tmp_path: Path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"id": "a1", "text": "Hello.", "title": "T", "published": "2024-10-21",
                                "url": "http://x", "extra": 1}) + "\n\n", encoding="utf-8")
    (article,) = list(read_jsonl(path))
    assert article == Article(id="a1", text="Hello.", title="T", published="2024-10-21", url="http://x")
    assert article.origin == f"{path}:1"


def test_each_bad_line_has_its_code_and_good_lines_survive(tmp_path: Path):
    lines = [
        b'{"id": "ok1", "text": "fine"}',
        b'{"id": "x", "text": ',                       # GC101
        b'[1, 2]',                                       # GC102
        b'{"text": "no id"}',                            # GC103
        b'{"id": 7, "text": "int id"}',                  # GC103
        b'{"id": "t", "text": null}',                    # GC104
        b'{"id": "e", "text": "   "}',                   # GC105
        b'{"id": "u", "text": "caf\xe9 bad utf8"}',      # GC108
        b'{"id": "p", "text": "x", "published": "last week"}',  # GC114
        b'{"id": "q", "text": "x", "author": 5}',       # GC114
        b'{"id": "ok2", "text": "also fine", "published": "2024-10-21T12:35:00+04:00"}',
    ]
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    items = list(read_jsonl(path))
    assert _codes(items) == ["ok", "GC101", "GC102", "GC103", "GC103", "GC104", "GC105", "GC108",
                             "GC114", "GC114", "ok"]
    assert items[7].source == f"{path}:8"
    assert items[5].record_id == "t"


def test_gzip_and_truncated_gzip(tmp_path: Path):
    records = [json.dumps({"id": f"a{i}", "text": f"article number {i} " * 50}) for i in range(400)]
    data = gzip.compress(("\n".join(records) + "\n").encode(), mtime=0)
    whole = tmp_path / "a.jsonl.gz"
    whole.write_bytes(data)
    assert _codes(read_jsonl(whole)) == ["ok"] * 400
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) // 2])
    items = list(read_jsonl(cut))
    assert 0 < len(items) - 1 < 400
    assert all(isinstance(i, Article) for i in items[:-1])
    assert items[-1].code == "GC111"


def test_binary_file_is_one_reject(tmp_path: Path):
    path = tmp_path / "junk.jsonl"
    path.write_bytes(bytes(range(256)) * 20)
    (reject,) = list(read_jsonl(path))
    assert reject.code == "GC110"

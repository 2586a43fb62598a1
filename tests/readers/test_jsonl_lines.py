"""Issue 12 item 1: in JSON Lines a line is the unit; only a file binary as a whole is one reject."""
import gzip
import json
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from geoclaims.errors import Reject
from geoclaims.readers.jsonl import read_jsonl
from geoclaims.readers.lines import Damage, iter_lines
from geoclaims.records import Article

GOOD = [json.dumps({"id": f"good{i}", "text": f"Russia and China met in Astana, round {i}."}).encode()
        for i in range(4)]
BROKEN = [
    b'{"id": "x", "text": ',                                   # GC101
    b"\x00\x01\x02\x03binary\x00junk\xff\xfe\x00" * 40,        # GC110: NUL bytes and junk
    b"[1, 2]",                                                 # GC102
    b'{"text": "no id"}',                                      # GC103
    b'{"id": "t", "text": null}',                              # GC104
    b'{"id": "e", "text": "   "}',                             # GC105
    b'{"id": "u", "text": "caf\xe9 bad utf8"}',                # GC108
    b'{"id": "p", "text": "x", "published": "last week"}',     # GC114
    bytes(range(1, 9)) * 30,                                   # GC110: control bytes, no NUL
]


def _split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Reject)])


def _mixed_lines() -> list[bytes]:
    lines = []
    for n, bad in enumerate(BROKEN):
        lines.append(bad)
        if n % 2 == 0 and GOOD[n // 2:n // 2 + 1]:
            lines.append(GOOD[n // 2])
    return lines


@pytest.mark.parametrize("compress", [False, True])
def test_four_good_nine_broken_gives_4_articles_9_rejects(tmp_path: Path, compress):
    lines = _mixed_lines()
    lines[0], lines[2] = lines[2], lines[0]  # the file starts with the NUL line
    data = b"\n".join(lines) + b"\n"
    path = tmp_path / ("mixed.jsonl.gz" if compress else "mixed.jsonl")
    path.write_bytes(gzip.compress(data, mtime=0) if compress else data)
    articles, rejects = _split(read_jsonl(path))
    assert sorted(a.id for a in articles) == [f"good{i}" for i in range(4)]
    assert len(rejects) == 9
    assert sorted(r.code for r in rejects) == ["GC101", "GC102", "GC103", "GC104", "GC105", "GC108",
                                               "GC110", "GC110", "GC114"]
    nul = next(r for r in rejects if r.code == "GC110" and r.source.endswith(":1"))
    assert nul.source == f"{path}:1" and "line" in nul.message
    for reject in rejects:  # every reject names its line
        number = int(reject.source.rsplit(":", 1)[1])
        assert lines[number - 1].strip()


def test_a_50_mb_line_rejects_that_line_only(tmp_path: Path):
    path = tmp_path / "big.jsonl"
    with path.open("wb") as handle:
        handle.write(GOOD[0] + b"\n")
        handle.write(b'{"id": "huge", "text": "' + b"word " * 10_000_000 + b'"}\n')
        handle.write(GOOD[1] + b"\n")
    items = list(read_jsonl(path))
    assert [i.id if isinstance(i, Article) else i.code for i in items] == ["good0", "GC109", "good1"]
    assert items[1].source == f"{path}:2" and "50,000,0" in items[1].message


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    body = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", body) + chunk(b"IEND", b"")


def test_an_image_or_a_zip_is_one_whole_file_reject(tmp_path: Path):
    png = tmp_path / "photo.jsonl"
    png.write_bytes(_png())
    (reject,) = list(read_jsonl(png))
    assert reject.code == "GC110" and "PNG image" in reject.message and reject.source == str(png)
    archive = tmp_path / "articles.jsonl"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.jsonl", b"\n".join(GOOD) * 50)
    (reject,) = list(read_jsonl(archive))
    assert reject.code == "GC110" and "zip archive" in reject.message


def test_random_bytes_without_signature_are_one_whole_file_reject(tmp_path: Path):
    path = tmp_path / "noise.jsonl"
    path.write_bytes(bytes((i * 7919 + 13) % 256 for i in range(200_000)))
    (reject,) = list(read_jsonl(path))
    assert reject.code == "GC110" and "binary as a whole" in reject.message


def _complete_lines_before(data: bytes) -> int:
    decoder = zlib.decompressobj(wbits=31)
    try:
        prefix = decoder.decompress(data)
    except zlib.error:
        prefix = b""
    return prefix.count(b"\n")


@pytest.mark.parametrize("fraction", [0.1, 0.37, 0.5, 0.83, 0.99])
def test_truncated_gzip_keeps_every_complete_line_before_the_damage(tmp_path: Path, fraction):
    records = [json.dumps({"id": f"a{i}", "text": f"article number {i} " * 40}) for i in range(600)]
    data = gzip.compress(("\n".join(records) + "\n").encode(), mtime=0)
    cut = data[: int(len(data) * fraction)]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut)
    items = list(read_jsonl(path))
    articles, rejects = _split(items)
    assert len(articles) == _complete_lines_before(cut) > 0
    assert [a.id for a in articles] == [f"a{i}" for i in range(len(articles))]
    assert [r.code for r in rejects] == ["GC111"]
    assert rejects[0].source == f"{path}:{len(articles) + 1}"


def test_corrupt_gzip_member_and_concatenated_members(tmp_path: Path):
    first = gzip.compress(b"\n".join(GOOD[:2]) + b"\n", mtime=0)
    second = gzip.compress(b"\n".join(GOOD[2:]) + b"\n", mtime=0)
    path = tmp_path / "two.jsonl.gz"
    path.write_bytes(first + second)
    articles, rejects = _split(read_jsonl(path))
    assert [a.id for a in articles] == [f"good{i}" for i in range(4)] and not rejects
    path.write_bytes(first + b"this is not gzip at all")
    articles, rejects = _split(read_jsonl(path))
    assert len(articles) == 2 and [r.code for r in rejects] == ["GC111"]


def test_bom_crlf_and_deep_nesting(tmp_path: Path):
    path = tmp_path / "win.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD[0] + b"\r\n" + b"[" * 200_000 + b"\r\n" + GOOD[1] + b"\r\n")
    items = list(read_jsonl(path))
    assert [i.id if isinstance(i, Article) else i.code for i in items] == ["good0", "GC101", "good1"]


def test_iter_lines_bounds_each_line(tmp_path: Path):
    path = tmp_path / "lines.txt"
    path.write_bytes(b"short\n" + b"x" * 100 + b"\nend")
    events = list(iter_lines(path, max_bytes=50))
    assert [(e.no, e.raw, e.size) for e in events] == [(1, b"short", 5), (2, None, 100), (3, b"end", 3)]
    gz = tmp_path / "lines.gz"
    gz.write_bytes(gzip.compress(b"a\nb\n" * 10, mtime=0)[:-9])
    assert isinstance(list(iter_lines(gz))[-1], Damage)

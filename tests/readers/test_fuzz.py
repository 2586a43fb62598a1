"""Property-based tests (hypothesis) over every reader and the cleaning steps (issue 12 item 2).

Invariant on mutated real files: no uncaught exception, every record read is an ``Article`` or a
``Reject`` with a catalogue code, and the cleaning steps keep the count (read == processed + rejected).
``make test`` runs a few examples per reader (profile ``geoclaims``, set in tests/conftest.py); ``make
fuzz`` runs 10,000 per reader (``--hypothesis-profile=fuzz``).
"""
from __future__ import annotations

import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fuzz_inputs import mutated, seeds
from geoclaims.config import defaults
from geoclaims.errors import CATALOGUE, Reject
from geoclaims.readers.clean import Deduplicator, clean
from geoclaims.readers.detect import detect_format, reader_for
from geoclaims.records import Article

SEEDS = seeds()
CONFIG = defaults()
REPO_ROOT = Path(__file__).resolve().parents[2]


def check_file(name: str, data: bytes) -> tuple[int, int, int]:
    """Read ``data`` as the file ``name`` with its reader, clean it; (read, processed, rejected)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        items = list(reader_for(detect_format(path))(path))
        for item in items:
            assert isinstance(item, (Article, Reject)), item
            if isinstance(item, Reject):
                assert item.code in CATALOGUE and item.message and item.source
            else:
                assert isinstance(item.id, str) and item.id and isinstance(item.text, str) and item.text.strip()
        cleaned = list(clean(iter(items), CONFIG, Deduplicator()))
    processed = sum(isinstance(i, Article) for i in cleaned)
    rejected = [i for i in cleaned if isinstance(i, Reject)]
    assert all(r.code in CATALOGUE for r in rejected)
    assert len(items) == processed + len(rejected)
    return len(items), processed, len(rejected)


@pytest.mark.parametrize("fmt", sorted(SEEDS))
def test_seeds_read_cleanly(fmt):
    name, data = SEEDS[fmt]
    read, processed, rejected = check_file(name, data)
    assert read >= 1 and processed >= 1 and rejected == 0


def _fuzz(*formats: str):
    """A property over the mutated seeds of ``formats`` (one reader: JSON Lines plain or gzip, RSS or Atom)."""
    files = st.sampled_from(formats).flatmap(lambda f: st.tuples(st.just(SEEDS[f][0]), mutated(SEEDS[f][1])))

    progress = Progress(f"fuzz_{formats[0]}")

    @given(file=files)
    def run(file: tuple[str, bytes]) -> None:
        check_file(*file)
        progress.tick()

    return run


class Progress:
    """Under the long profile, the count of inputs checked so far in build/fuzz/<name>.txt (a stopped run
    still tells how far it got)."""

    def __init__(self, name: str):
        self.name, self.count, self.started = name, 0, time.monotonic()

    def tick(self) -> None:
        self.count += 1
        if self.count % 250 == 0 and settings().max_examples >= 1000:
            path = REPO_ROOT / "build" / "fuzz" / f"{self.name}.txt"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"{self.count} inputs checked in {time.monotonic() - self.started:.0f} s\n")


test_fuzz_jsonl = _fuzz("jsonl", "jsonl.gz")
test_fuzz_text = _fuzz("text")
test_fuzz_html = _fuzz("html")
test_fuzz_feed = _fuzz("rss", "atom")
test_fuzz_warc = _fuzz("warc")


@given(lines=st.lists(st.binary(max_size=300) | st.text(max_size=300).map(str.encode), max_size=12))
def test_fuzz_jsonl_from_scratch(lines):
    check_file("scratch.jsonl", b"\n".join(lines))


def test_entity_expansion_is_not_expanded():
    """A billion-laughs feed must not expand (feedparser/lxml refuse or leave the entity unexpanded)."""
    from fuzz_inputs import LAUGHS

    name, seed = SEEDS["rss"]
    bomb = LAUGHS + seed.split(b"?>", 1)[1].replace(b"<title>Item 0", b"<title>&lol4;", 1)
    read, processed, rejected = check_file(name, bomb)
    assert read == processed + rejected


@pytest.mark.parametrize("fmt,steps", [
    ("atom", [("insert", 0, b"\x01"), ("flip", 1154, b" "), ("insert", 1154, b"\x1c"), ("flip", 1154, b" ")]),
    ("warc", [("truncate", 96, b"")]),
    ("atom", [("flip", 30, b"")]),
    ("atom", [("insert", 0, b"\x01\x01\x01"), ("flip", 179073, b"")]),
])
def test_inputs_make_fuzz_found(fmt, steps):
    """Found by `make fuzz`: a control character in a feed entry (lxml ValueError), a WARC cut inside its
    first record header (warcio AttributeError), a flipped byte in a feed's XML declaration (feedparser
UnicodeDecodeError), an Atom entry whose content came back as None (TypeError); all were uncaught."""
    from fuzz_inputs import _mutate

    name, seed = SEEDS[fmt]
    read, processed, rejected = check_file(name, _mutate(seed, steps))
    assert read == processed + rejected >= 1

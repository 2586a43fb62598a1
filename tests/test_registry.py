"""The registries are real: file readers, exporters and corpus readers are found by what registered them."""
from __future__ import annotations

from pathlib import Path

import catalogue
import pytest

from geoclaims import registry
from geoclaims.cli import main
from geoclaims.extract import run_extract
from geoclaims.graph import exporters
from geoclaims.readers.detect import FORMATS, detect_format, read_inputs, describe_input
from test_extract import FirstWordProcessor, config, write_articles


@pytest.fixture
def scratch_names():
    """Registers made in a test are removed after it (catalogue has no unregister)."""
    added: list[tuple] = []
    yield added
    for key in added:
        catalogue.REGISTRY.pop(key, None)


def test_detect_follows_the_registered_file_types(tmp_path):
    assert FORMATS == ("jsonl", "text", "html", "feed", "warc")
    for fmt in FORMATS:
        reader = registry.readers.get(f"geoclaims.readers.{fmt}.v1")
        for suffix in reader.suffixes:
            assert detect_format(tmp_path / f"x{suffix}") == fmt
        for head in reader.sniff:
            (tmp_path / fmt).write_bytes(b"  " + head.upper() + b" rest")
            assert detect_format(tmp_path / fmt) == fmt


def test_a_new_file_reader_is_one_registration(tmp_path, scratch_names):
    @registry.file_reader("lines", rank=99, suffixes=(".lines",))
    def read_lines(path: Path):
        from geoclaims.records import Article

        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            yield Article(id=f"line-{number}", text=line, origin=f"{path}:{number}")

    scratch_names.append(("geoclaims", "readers", "geoclaims.readers.lines.v1"))
    path = tmp_path / "in.lines"
    path.write_text("one\ntwo\n", encoding="utf-8")
    assert detect_format(path) == "lines" and detect_format(path, "lines") == "lines"
    assert [a.id for a in read_inputs([describe_input(path, "lines")])] == ["line-1", "line-2"]


def test_export_looks_up_the_registered_exporters(tmp_path, scratch_names, capsys):
    assert exporters.names() == ("neo4j", "rdf", "graphml", "parquet")
    store = tmp_path / "store"
    run_extract([write_articles(tmp_path / "in.jsonl", 3)], store, FirstWordProcessor(), config())

    @exporters.exporter("count", writes_directory=False)
    def to_count(store_dir, out, *, agg_dir=None, rdf_format=None):
        claims = sum(1 for _ in __import__("geoclaims").read_store(store_dir).dicts())
        out.write_text(str(claims), encoding="utf-8")
        return f"{claims} claims; {out}"

    scratch_names.append(("geoclaims", "exporters", "geoclaims.exporters.count.v1"))
    assert main(["export", str(store), "--to", "count", "--out", str(tmp_path / "n.txt")]) == 0
    assert capsys.readouterr().out.startswith("3 claims;") and (tmp_path / "n.txt").read_text() == "3"


def test_corpus_readers_are_their_own_registry():
    import geoclaims.corpora as corpora

    for module in corpora.CORPUS_MODULES:
        __import__(f"geoclaims.corpora.{module}")
    corpus_names = set(registry.corpora.get_all())
    assert "geoclaims.corpora.bbc.v1" in corpus_names and "geoclaims.corpora.reuters21578.v1" in corpus_names
    assert not any(name.startswith("geoclaims.corpora.") for name in registry.readers.get_all())


def test_registries_nothing_reads_are_gone():
    assert not hasattr(registry, "steps") and not hasattr(registry, "configs")
    import geoclaims.config

    assert not hasattr(geoclaims.config, "configs")

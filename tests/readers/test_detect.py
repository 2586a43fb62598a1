from pathlib import Path

import pytest

from geoclaims.errors import GeoclaimsError
from geoclaims.readers.detect import check_inputs, describe_input, detect_format


@pytest.mark.parametrize("name,fmt", [("a.jsonl", "jsonl"), ("a.jsonl.gz", "jsonl"), ("a.txt", "text"),
                                      ("a.HTML", "html"), ("a.rss", "feed"), ("a.atom", "feed"),
                                      ("a.warc.gz", "warc"), ("a.warc", "warc")])
def test_by_extension(tmp_path: Path, name, fmt):
    path = tmp_path / name
    path.write_bytes(b"")
    assert detect_format(path) == fmt


def test_folder_override_sniff_and_unknown(tmp_path: Path):
    assert detect_format(tmp_path) == "text"
    odd = tmp_path / "data.dat"
    odd.write_bytes(b'{"id": "a", "text": "b"}\n')
    assert detect_format(odd) == "jsonl"
    assert detect_format(odd, "text") == "text"
    odd.write_bytes(b"\x89PNG....")
    with pytest.raises(GeoclaimsError, match="GC206"):
        detect_format(odd)
    with pytest.raises(GeoclaimsError, match="GC206"):
        detect_format(odd, "pdf")


def test_missing_input_and_fingerprint(tmp_path: Path):
    with pytest.raises(GeoclaimsError, match="GC201"):
        check_inputs([tmp_path / "nope.jsonl"])
    path = tmp_path / "a.jsonl"
    path.write_bytes(b"abc")
    info = describe_input(path, "jsonl")
    assert info == {"path": str(path), "size": 3, "format": "jsonl",
                    "sha256": "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}

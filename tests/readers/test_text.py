from pathlib import Path

from geoclaims.errors import Reject
from geoclaims.readers.text import read_text, title_of


def test_title_only_when_blank_line_follows():
    assert title_of("Headline\n\nBody text.") == "Headline"
    assert title_of("One line\nnext line") is None
    assert title_of("single") is None


def test_folder_ids_are_relative_paths_sorted(tmp_path: Path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "002.txt").write_text("Second\n\nBody two.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First\n\nBody one.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me", encoding="utf-8")
    (tmp_path / "bin.dat").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("caf\xe9".encode("latin-1"))
    items = list(read_text(tmp_path))
    assert [i.id if not isinstance(i, Reject) else (i.code, i.record_id) for i in items] == [
        "a.txt", "b/002.txt", ("GC110", "bin.dat"),
        ("GC108", "latin1.txt")]
    assert items[0].title == "First" and items[0].text == "First\n\nBody one."


def test_single_file_id_is_its_name(tmp_path: Path):
    path = tmp_path / "story.txt"
    path.write_text("Just text without a title line.", encoding="utf-8")
    (article,) = list(read_text(path))
    assert article.id == "story.txt" and article.title is None

"""extract/cat/summary through ``geoclaims.cli.main`` with a small deterministic processor."""
import json
import sys
from pathlib import Path

import pytest

from geoclaims import cli
from geoclaims.commands import extract as extract_command
from geoclaims.commands.summary import render_claim, render_summary

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from test_extract import FirstWordProcessor, write_articles  # noqa: E402


@pytest.fixture
def fake_processor(monkeypatch):
    monkeypatch.setattr(extract_command, "build_processor", lambda config, model: FirstWordProcessor())


def _store(tmp_path, n=5):
    src = write_articles(tmp_path / "in.jsonl", n, ["{bad json"])
    assert cli.main(["extract", str(src), "--out", str(tmp_path / "out")]) == 0
    return tmp_path / "out"


def test_extract_prints_one_count_line(tmp_path, capsys, fake_processor):
    _store(tmp_path)
    out, err = capsys.readouterr()
    assert out.count("\n") == 1
    assert out.startswith("read 6, processed 5, rejected 1 (GC101: 1), claims 5;")
    assert err == ""  # stderr is not a terminal: no progress bar


def test_cat_prints_compact_contract_ordered_lines(tmp_path, capsys, fake_processor):
    store = _store(tmp_path)
    capsys.readouterr()
    assert cli.main(["cat", str(store)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and ", " not in lines[0].split('"text"')[0]
    first = json.loads(lines[0])
    assert list(first)[:4] == ["schema_version", "claim_id", "article_id", "subject"]
    assert [json.loads(l)["article_id"] for l in lines] == [f"a{i}" for i in range(5)]


def test_summary(tmp_path, capsys, fake_processor):
    store = _store(tmp_path, n=2)
    capsys.readouterr()
    assert cli.main(["summary", str(store)]) == 0
    text = capsys.readouterr().out
    assert "who:   'Country0' -> ?" in text and "what:  CONSULT 'consults' [asserted]" in text
    assert "why:   -" in text and "where: a0 [0:39], confidence 0.50" in text
    assert "claims by type (2):\n  CONSULT      2\n" in text
    assert "GC101     1  malformed JSON line" in text


def test_render_claim_with_codes_motive_and_negation():
    claim = {"claim_id": "c", "article_id": "art", "confidence": 0.91,
             "subject": {"text": "Russia's Rosselkhoznadzor", "name": "Russia", "code": "RUS"},
             "predicate": {"type": "SANCTION", "text": "restrictions imposed by", "negated": True,
                           "modality": "reported"},
             "object": {"text": "Kazakh imports", "name": "Kazakhstan", "code": "KAZ"},
             "motive": {"text": "refusal to join BRICS"}, "evidence": {"start": 0, "end": 236}}
    block = render_claim(1, claim)
    assert "who:   \"Russia's Rosselkhoznadzor\" -> RUS (Russia)" in block
    assert "what:  SANCTION 'restrictions imposed by' [NEGATED, reported]" in block
    assert "whom:  'Kazakh imports' -> KAZ (Kazakhstan)" in block
    assert "why:   'refusal to join BRICS'" in block and "where: art [0:236], confidence 0.91" in block
    assert "... 1 more claims" in render_summary([claim, claim], [], limit=1)


def test_run_errors_exit_2_without_traceback(tmp_path, capsys, fake_processor):
    assert cli.main(["extract", str(tmp_path / "missing.jsonl"), "--out", str(tmp_path / "o")]) == 2
    assert "GC201" in capsys.readouterr().err and not (tmp_path / "o").exists()
    src = write_articles(tmp_path / "in.jsonl", 1)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["extract", str(src), "--out", str(blocker / "store")]) == 2
    assert "GC202" in capsys.readouterr().err
    assert cli.main(["cat", str(tmp_path)]) == 2
    assert "GC207" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("chunk_size = 0\n")
    assert cli.main(["extract", str(src), "--out", str(tmp_path / "o"), "--config", str(bad)]) == 2
    assert "GC203" in capsys.readouterr().err and not (tmp_path / "o").exists()


def test_render_claim_with_attribution_and_time():
    claim = {"claim_id": "c", "article_id": "art", "confidence": 0.5,
             "subject": {"text": "Japan", "name": "Japan", "code": "JPN"},
             "predicate": {"type": "SANCTION", "text": "will impose", "negated": False, "modality": "future"},
             "object": {"text": "U.S. goods", "name": "United States", "code": "USA"}, "motive": None,
             "attribution": {"text": "officials", "name": None, "code": None},
             "time": {"text": "next week", "start": 5, "end": 14, "value": "1987-03-30/1987-04-05"},
             "evidence": {"start": 0, "end": 40}}
    lines = render_claim(2, claim).splitlines()
    assert lines[5] == "  said by: 'officials' -> ?"
    assert lines[6] == "  when:  1987-03-30/1987-04-05 ('next week')"

"""The CLI's help: every command and option described, examples that parse, ``--version``; ``extract -``."""
from __future__ import annotations

import argparse
import io
import shlex
import sys

import pytest

from geoclaims import __version__
from geoclaims.cli import COMMANDS, build_parser, main
from geoclaims.extract import run_extract
from geoclaims.readers import stdin
from geoclaims.store import ClaimStore
from test_extract import FirstWordProcessor, config, write_articles


def parsers(parser: argparse.ArgumentParser, name: str = "geoclaims"):
    """(name, parser) of the program and of every (sub)command."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from parsers(sub, f"{name} {sub_name}")


def test_every_option_and_argument_has_help():
    missing = [f"{name} {action.option_strings or action.dest}" for name, parser in parsers(build_parser())
               for action in parser._actions if not action.help]
    assert missing == []


def test_every_command_has_examples_that_parse():
    parser = build_parser()
    for name, sub in parsers(parser):
        if name.count(" ") != 1:
            continue
        assert sub.epilog and sub.epilog.startswith("examples:"), name
        lines = [line.strip() for line in sub.epilog.splitlines()[1:] if line.strip()]
        assert lines and all(f"{name} " in line for line in lines), name
        for line in lines:
            command = line[line.index(name):].split(" | ")[0]  # `curl ... | geoclaims extract -`, `... | head`
            parser.parse_args(shlex.split(command)[1:])


def test_top_level_help_names_every_command_and_examples(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert all(f"    {name}" in text for name in COMMANDS)
    assert "examples:" in text and "extract -" in text
    assert "extract, cat, train, evaluate." not in text  # the stale one-line description


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0 and capsys.readouterr().out.strip() == f"geoclaims {__version__}"


@pytest.fixture
def piped(monkeypatch):
    """Replace standard input with these bytes (read once per process: the cache is cleared around)."""
    def pipe(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    stdin.stdin_copy.cache_clear()
    yield pipe
    stdin.stdin_copy.cache_clear()


def test_extract_dash_reads_json_lines_from_stdin(tmp_path, piped):
    source = write_articles(tmp_path / "in.jsonl", 6, extra=["not json"])
    from_file = run_extract([source], tmp_path / "file", FirstWordProcessor(), config())
    piped(source.read_bytes())
    from_stdin = run_extract([stdin.STDIN], tmp_path / "stdin", FirstWordProcessor(), config())
    assert from_stdin.counts.to_dict() == from_file.counts.to_dict()
    file_store, stdin_store = ClaimStore(tmp_path / "file"), ClaimStore(tmp_path / "stdin")
    assert list(stdin_store.iter_claims()) == list(file_store.iter_claims())
    assert [r["source"] for r in stdin_store.iter_rejects()] == ["-:7"]
    assert [i["path"] for i in stdin_store.manifest()["inputs"]] == ["-"]
    assert file_store.parts() == stdin_store.parts()  # the same chunk keys: stdin is fingerprinted

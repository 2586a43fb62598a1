"""The ``geoclaims`` command line: extract claims into a store, then read, show, aggregate, export, query it.

Each subcommand's arguments, help and examples live in the module that owns the job; this module only
parses, dispatches and turns ``GeoclaimsError`` into a message and a non-zero exit.
"""
from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading

from .errors import GeoclaimsError

# subcommand -> (module, help); the module has add_arguments(parser) and run(args) -> int
COMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("geoclaims.commands.extract", "extract claims from articles into a claim store"),
    "cat": ("geoclaims.commands.cat", "print every claim of a store as JSON Lines"),
    "summary": ("geoclaims.commands.summary", "print a readable summary of a store's claims"),
    "show": ("geoclaims.commands.show", "claims highlighted in their article's text, as HTML"),
    "aggregate": ("geoclaims.commands.aggregate", "merge the same claim seen in many articles into clusters"),
    "export": ("geoclaims.commands.export", "export a store to neo4j (CSV), rdf, graphml or parquet"),
    "graph": ("geoclaims.commands.graph", "SPARQL queries over a store's graph, and a picture of it"),
    "train": ("geoclaims.commands.train", "train a model (relations, motive) from a TOML config"),
    "evaluate": ("geoclaims.commands.evaluate",
                 "evaluate a model (relations, motive), the qualifier rules, or a store (claims, actors)"),
}

DESCRIPTION = ("Extract geopolitical claims (who did what to whom, and why) from news articles into a claim "
               "store,\nthen read, show, aggregate, export and query it; train and evaluate the models.")
EXAMPLES = """\
examples:
  geoclaims extract corpora/samples/kazakhstan-middle-power.jsonl --out out/demo
  geoclaims summary out/demo
  cat feed.jsonl | geoclaims extract - --out out/feed
  geoclaims export out/demo --to parquet --out out/parquet

errors print as 'geoclaims: error GCnnn what: detail. What to do.' and exit 2 (the codes:
  geoclaims.errors.CATALOGUE); an interrupted extract exits 130 (SIGINT) or 143 (SIGTERM).
"""


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(prog="geoclaims", description=DESCRIPTION, epilog=EXAMPLES,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"geoclaims {__version__}",
                        help="print the version (geoclaims X.Y.Z) and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands",
                                help="what to do (one of the commands below)",
                                description="'geoclaims COMMAND --help' describes each one, with examples")
    for name, (module_name, help_text) in COMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=help_text, description=help_text,
                                            epilog=getattr(module, "EXAMPLES", None),
                                            formatter_class=argparse.RawDescriptionHelpFormatter))
    return parser


class Terminated(BaseException):
    """SIGTERM, raised where the program is (like Ctrl-C's KeyboardInterrupt), so that it unwinds cleanly."""


def _on_sigterm(signum, frame) -> None:
    raise Terminated()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    main_thread = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
    try:
        return _run(module, args)
    finally:
        if main_thread:
            signal.signal(signal.SIGTERM, previous)


def _run(module, args: argparse.Namespace) -> int:
    """The command, with its errors and interruptions turned into a message and an exit code."""
    try:
        return int(module.run(args) or 0)
    except GeoclaimsError as err:
        print(f"geoclaims: error {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("geoclaims: interrupted; the unfinished chunk was abandoned: run the same command again to resume",
              file=sys.stderr)
        return 130
    except Terminated:
        print("geoclaims: terminated (SIGTERM); the unfinished chunk was abandoned: run the same command again "
              "to resume", file=sys.stderr)
        return 143


if __name__ == "__main__":
    sys.exit(main())

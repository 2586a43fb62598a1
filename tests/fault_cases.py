"""Shared by the fault tests: a slow deterministic processor, a CLI runner that uses it, fault injection.

``python tests/fault_cases.py extract IN --out DIR [--workers N]`` is ``geoclaims`` with the claim
extractor replaced by ``SlowProcessor`` (also in spawned workers: the factory is importable), so
signals, locks and disk faults are tested on the real command line in seconds, without models.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parent
REPO_ROOT = TESTS.parent
DELAY = float(os.environ.get("GEOCLAIMS_TEST_DELAY", "0.02"))  # seconds per article


class SlowProcessor:
    """One claim per article (its first and last words), ``DELAY`` seconds per article."""

    def identity(self) -> dict:
        return {"version": "test", "model": "slow-first-word 1"}

    def extract(self, articles: list) -> list:
        time.sleep(DELAY * len(articles))
        return [[self.claim(a)] for a in articles]

    @staticmethod
    def claim(article) -> dict:
        from geoclaims.records import Claim, Mention, Predicate, Span

        words = article.text.split()
        first, last = words[0], words[-1]
        start, end = article.text.index(first), article.text.rindex(last)
        digest = hashlib.sha256(f"{article.id}|{first}|{last}".encode()).hexdigest()[:12]
        return Claim(claim_id=digest, article_id=article.id, subject=Mention(first, start, start + len(first)),
                     predicate=Predicate("CONSULT", "meet", "met"), object=Mention(last, end, end + len(last)),
                     evidence=Span(article.text, 0, len(article.text)), confidence=0.5,
                     extractor={"version": "test", "model": "slow-first-word 1"}).to_dict()


def build_slow(config: dict, model_dir, **kwargs) -> SlowProcessor:
    """Stands in for ``geoclaims.extract.build_processor`` (same signature, picklable)."""
    return SlowProcessor()


def write_articles(path: Path, n: int) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": f"Country{i} met with Partner{i} about trade number {i}."})
             for i in range(n)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def store_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def small_config(folder: Path, chunk_size: int = 4) -> Path:
    path = folder / "run.toml"
    path.write_text(f"chunk_size = {chunk_size}\nbatch_size = 4\n[motive]\nmodel = \"\"\n", encoding="utf-8")
    return path


def cli(*args: str, delay: float = DELAY, **popen) -> subprocess.Popen:
    """The fake-processor command line as a child process (stdout/stderr piped, text)."""
    env = dict(os.environ, GEOCLAIMS_TEST_DELAY=str(delay))
    return subprocess.Popen([sys.executable, str(Path(__file__)), *args], cwd=REPO_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def markers(out: Path) -> int:
    return len(list((out / "done").glob("part-*.json"))) if (out / "done").is_dir() else 0


class FailingFsync:
    """``os.fsync`` that fails with ``error`` for files whose path contains ``target`` (disk full by default)."""

    def __init__(self, target: str, error: int = errno.ENOSPC):
        self.target, self.error, self.real, self.hits = target, error, os.fsync, 0

    def __call__(self, fd: int) -> None:
        path = os.readlink(f"/proc/self/fd/{fd}")
        if self.target in path and not os.path.isdir(path):
            self.hits += 1
            raise OSError(self.error, os.strerror(self.error))
        self.real(fd)


if __name__ == "__main__":
    sys.path.insert(0, str(TESTS))
    from geoclaims import cli as geoclaims_cli
    from geoclaims.commands import extract as extract_command

    extract_command.build_processor = build_slow
    # as in a terminal: a test run started in the background inherits SIGINT ignored (SIG_IGN)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.exit(geoclaims_cli.main(sys.argv[1:]))

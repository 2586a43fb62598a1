"""Soak run: ``geoclaims extract`` over a big corpus, RSS of the whole process tree sampled over time.

    python benchmarks/soak.py --out /tmp/soak/store --report /tmp/soak/report.json \
        [--interval 5] [--deadline 2026-12-02T20:20] -- INPUT... --workers 2

Starts ``geoclaims extract INPUT... --out OUT ...``, samples every ``--interval`` seconds the summed
RSS of the command and all its descendants (from /proc) and the chunks committed so far, and writes
the report (wall time, samples, exit code, the manifest's counts; ``partial`` when the deadline
stopped it) as JSON. Past ``--deadline`` (UTC) the run is sent SIGTERM and the report says partial.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def tree_rss_mb(root: int) -> tuple[float, int]:
    """Summed RSS (MB) of ``root`` and its descendants, and how many processes that is."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
                parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        children = [p for p, parent in parents.items() if parent == pid and p not in tree]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024, len(tree)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--report", type=Path, required=True)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--deadline", default=None, help="UTC time (ISO) after which the run is stopped")
    parser.add_argument("extract_args", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    extra = [a for a in args.extract_args if a != "--"]
    deadline = datetime.fromisoformat(args.deadline).replace(tzinfo=timezone.utc) if args.deadline else None
    command = [str(REPO / ".venv" / "bin" / "geoclaims"), "extract", *extra, "--out", str(args.out)]
    started = time.monotonic()
    report = {"command": command, "started_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "samples": [], "partial": False}
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    while proc.poll() is None:
        rss, procs = tree_rss_mb(proc.pid)
        done = len(list((args.out / "done").glob("part-*.json"))) if (args.out / "done").is_dir() else 0
        report["samples"].append([round(time.monotonic() - started, 1), round(rss, 1), procs, done])
        if deadline and datetime.now(timezone.utc) > deadline and not report["partial"]:
            report["partial"] = True
            proc.send_signal(signal.SIGTERM)
        args.report.write_text(json.dumps(report))
        time.sleep(args.interval)
    stdout, stderr = proc.communicate()
    report.update(wall_s=round(time.monotonic() - started, 1), returncode=proc.returncode,
                  stdout=stdout[-2000:], stderr=stderr[-4000:],
                  peak_rss_mb=max((s[1] for s in report["samples"]), default=0.0))
    manifest = args.out / "manifest.json"
    if manifest.is_file():
        report["counts"] = json.loads(manifest.read_text())["counts"]
    args.report.write_text(json.dumps(report, indent=1))
    print(json.dumps({k: v for k, v in report.items() if k != "samples"}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

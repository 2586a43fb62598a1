"""Annotators' answers for the event round -> checked, then stand-off event records.

An answer file (``build/annotation/events/answers/<batch>.<pass>.<annotator>.jsonl``) has one line
per pool item: ``{"item", "skip", "events": [{"type", "trigger", "sources": [{"text", "code"}],
"targets": [...], "negated", "modality"}]}``, quotes copied from the sentence. ``check`` reports
what is malformed or cannot be found; ``to_record`` turns an answered item into a stand-off record
whose offsets index the article text (a quote that occurs twice is taken nearest to the trigger).

``python -m geoclaims.corpora.annotation.event_answers check FILE...``
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from geoclaims.records import RELATION_LABELS

TYPES = frozenset(RELATION_LABELS) - {"NONE"}
MODALITIES = frozenset({"asserted", "reported", "hedged", "intended", "future", "hypothetical"})
CODE = re.compile(r"^(?:[A-Z]{3})$")


def pool_items(answer_path: Path) -> dict[str, dict]:
    """The pool items of the batch an answer file answers (``<batch>.pN.<who>.jsonl`` -> ``<batch>.jsonl``)."""
    batch = answer_path.name.split(".")[0]
    pool = answer_path.parent.parent / f"{batch}.jsonl"
    return {item["item"]: item for item in map(json.loads, pool.read_text(encoding="utf-8").splitlines())}


def quote_span(sentence: str, quote: str, *, near: int | None = None) -> tuple[int, int] | None:
    """(start, end) of ``quote`` in ``sentence``; among several, the one nearest ``near``. Whole-word
    occurrences come first: "he" is not found inside "the" when it also stands alone."""
    if not quote:
        return None
    starts = [m.start() for m in re.finditer(re.escape(quote), sentence)]
    if not starts:
        return None
    whole = [s for s in starts if not (quote[0].isalnum() and s > 0 and sentence[s - 1].isalnum())
             and not (quote[-1].isalnum() and s + len(quote) < len(sentence) and sentence[s + len(quote)].isalnum())]
    starts = whole or starts
    best = min(starts, key=lambda s: abs(s - near)) if near is not None else starts[0]
    return best, best + len(quote)


def event_problems(event: dict, sentence: str) -> list[str]:
    problems = []
    if event.get("type") not in TYPES:
        problems.append(f"type {event.get('type')!r} is not one of the 18 PLOVER types")
    if event.get("modality", "asserted") not in MODALITIES:
        problems.append(f"modality {event.get('modality')!r} unknown")
    if quote_span(sentence, event.get("trigger") or "") is None:
        problems.append(f"trigger {event.get('trigger')!r} not found in the sentence")
    for role in ("sources", "targets"):
        for mention in event.get(role) or []:
            if not isinstance(mention, dict) or quote_span(sentence, mention.get("text") or "") is None:
                problems.append(f"{role[:-1]} {mention!r} not found in the sentence")
            elif mention.get("code") is not None and not CODE.match(str(mention["code"])):
                problems.append(f"{role[:-1]} code {mention.get('code')!r} is not ISO3/IGO/NGO/IMG/null")
    if not event.get("sources") and not event.get("targets"):
        problems.append("an event needs a source or a target")
    return problems


def check_file(path: Path) -> list[str]:
    """Every problem of one answer file, as 'line N: ...' messages."""
    items = pool_items(path)
    problems, seen = [], set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            answer = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"line {number}: not JSON ({exc})")
            continue
        item = items.get(answer.get("item"))
        if item is None:
            problems.append(f"line {number}: unknown item {answer.get('item')!r}")
            continue
        seen.add(item["item"])
        for event in answer.get("events") or []:
            problems += [f"line {number} ({item['item']}): {p}" for p in event_problems(event, item["text"])]
    problems += [f"item {missing} has no answer" for missing in sorted(set(items) - seen)]
    return problems


def _mention(sentence: str, base: int, mention: dict, near: int | None) -> dict:
    start, end = quote_span(sentence, mention["text"], near=near)
    return {"span": [base + start, base + end], "code": mention.get("code")}


def to_record(item: dict, answer: dict, *, annotator: str) -> dict:
    """A stand-off event record (no text) for one answered pool item."""
    sentence, base = item["text"], item["sentence"][0]
    events = []
    for event in answer.get("events") or []:
        if event_problems(event, sentence):
            continue
        trigger = quote_span(sentence, event["trigger"])
        events.append({
            "type": event["type"], "trigger": [base + trigger[0], base + trigger[1]],
            "sources": [_mention(sentence, base, m, trigger[0]) for m in event.get("sources") or []],
            "targets": [_mention(sentence, base, m, trigger[0]) for m in event.get("targets") or []],
            "negated": bool(event.get("negated", False)), "modality": event.get("modality", "asserted")})
    return {"id": item["item"], "corpus": item["corpus"], "doc_id": item["doc_id"], "sentence": item["sentence"],
            "sha1": item["sha1"], "skip": bool(answer.get("skip", False)), "events": events, "annotator": annotator}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Check event-round answer files.")
    parser.add_argument("command", choices=["check"])
    parser.add_argument("files", nargs="+", type=Path)
    args = parser.parse_args(argv)
    bad = 0
    for path in args.files:
        problems = check_file(path)
        bad += len(problems)
        print(f"{path}: {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for problem in problems:
            print(f"  {problem}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

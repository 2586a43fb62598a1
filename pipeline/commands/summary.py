"""``geoclaims summary DIR``: who did what to whom, why and where, then counts by type and reject."""
from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Iterable

from ..store import ClaimStore


EXAMPLES = """\
examples:
  geoclaims summary out/demo
  geoclaims summary out/demo --limit 5
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("store", type=Path, metavar="DIR", help="a claim store written by extract")
    parser.add_argument("--limit", type=int, default=None, help="show at most this many claims")


def run(args: argparse.Namespace) -> int:
    store = ClaimStore.open_for_read(args.store)
    print(render_summary(store.iter_claims(), store.iter_rejects(), limit=args.limit), end="")
    return 0


def _actor(mention: dict | None) -> str:
    if not mention:
        return "-"
    target = mention.get("code") or "?"
    name = mention.get("name")
    if name and name != mention.get("text"):
        target = f"{target} ({name})"
    return f"{mention.get('text')!r} -> {target}"


def _what(predicate: dict) -> str:
    flags = [predicate.get("modality") or "asserted"]
    if predicate.get("negated"):
        flags.insert(0, "NEGATED")
    return f"{predicate.get('type')} {predicate.get('text')!r} [{', '.join(flags)}]"


def render_claim(number: int, claim: dict) -> str:
    """The readable block for one claim."""
    motive = claim.get("motive")
    evidence = claim.get("evidence") or {}
    lines = [
        f"#{number} {claim.get('claim_id')}",
        f"  who:   {_actor(claim.get('subject'))}",
        f"  what:  {_what(claim.get('predicate') or {})}",
        f"  whom:  {_actor(claim.get('object'))}",
        f"  why:   {repr(motive['text']) if motive else '-'}",
        f"  where: {claim.get('article_id')} [{evidence.get('start')}:{evidence.get('end')}], "
        f"confidence {float(claim.get('confidence') or 0):.2f}",
    ]
    if claim.get("time"):
        lines.insert(5, f"  when:  {claim['time']['value']} ({claim['time']['text']!r})")
    if claim.get("attribution"):
        lines.insert(5, f"  said by: {_actor(claim['attribution'])}")
    return "\n".join(lines) + "\n"


def render_summary(claims: Iterable[dict], rejects: Iterable[dict], *, limit: int | None = None) -> str:
    """The whole summary text: claim blocks, then counts by type and by reject code."""
    blocks, types = [], Counter()
    for number, claim in enumerate(claims, start=1):
        types[(claim.get("predicate") or {}).get("type")] += 1
        if limit is None or number <= limit:
            blocks.append(render_claim(number, claim))
    reject_codes = Counter((r.get("code"), r.get("reason")) for r in rejects)
    total = sum(types.values())
    if limit is not None and total > limit:
        blocks.append(f"... {total - limit} more claims\n")
    parts = ["\n".join(blocks), f"\nclaims by type ({total}):\n"]
    parts += [f"  {t:<12} {n}\n" for t, n in sorted(types.items(), key=lambda x: (-x[1], str(x[0])))]
    parts.append(f"rejects by code ({sum(reject_codes.values())}):\n")
    parts += [f"  {c} {n:>5}  {why}\n" for (c, why), n in sorted(reject_codes.items())]
    return "".join(parts)

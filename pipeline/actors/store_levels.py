"""The same claims with their codes re-resolved at each level of actor resolution: a before/after on real news.

``python -m geoclaims.actors.store_levels STORE ARTICLES EVENT_GOLD`` parses the store's articles (JSON
Lines as given to ``extract``, ``published`` set) and re-resolves every claim's subject and object span
three ways, as ``gold_eval`` does with the gold's spans: ``table`` (the team table alone: what the
pipeline resolved before issue 14), ``roles`` (plus PETRARCH2's dated roles) and ``links`` (plus the
in-article links: what ``extract`` does now; the run checks that this level gives every stored code).
For each level it prints ``evaluate actors``'s report on those codes. The claims themselves (spans,
and which candidates passed the political-claim rule) stay those of the store, so the ``table`` line is
"these claims, coded by the table alone", not a run of the old pipeline. Last, per side, how often the
gold's own span resolves (``resolve_span``) to the gold code for the mentions the store matched and for
the others: whether the pipeline's spans or the choice of mentions make its accuracy.
"""
from __future__ import annotations

import copy
import json
import sys
from collections.abc import Callable
from pathlib import Path

from .resolve import resolve_in_table, resolve_span
from .role_table import RoleTable

PARTS = ("subject", "object")


def resolvers() -> dict[str, Callable]:
    """Level name -> span resolver (``gold_eval.LEVELS``'s order)."""
    no_roles = RoleTable({})
    return {"table": lambda span: resolve_in_table(span, roles=no_roles), "roles": resolve_in_table,
            "links": resolve_span}


def relevel(claims: list[dict], docs: dict[str, object], resolver: Callable) -> tuple[list[dict], int]:
    """Copies of ``claims`` whose subject and object codes come from ``resolver`` over their spans, and the
    number of mentions whose new code differs from the stored one (claims of articles without a Doc are dropped)."""
    out, changed = [], 0
    for claim in claims:
        doc = docs.get(str(claim["article_id"]))
        if doc is None:
            continue
        claim = copy.deepcopy(claim)
        for part in PARTS:
            mention = claim.get(part)
            if mention is None:
                continue
            span = doc.char_span(mention["start"], mention["end"], alignment_mode="expand")
            actor = resolver(span) if span is not None else None
            code = actor.code if actor is not None else None
            changed += code != mention.get("code")
            mention["code"] = code
        out.append(claim)
    return out, changed


def gold_span_accuracy(claims: list[dict], docs: dict[str, object], records: list[dict]) -> dict[tuple, list[int]]:
    """(side, "matched"|"unmatched") -> [gold mentions, right with the gold's span] (articles with a Doc)."""
    from .store_eval import SIDES, best_claim

    by_article: dict[str, list[dict]] = {}
    for claim in claims:
        by_article.setdefault(str(claim["article_id"]), []).append(claim)
    counts: dict[tuple, list[int]] = {(side, key): [0, 0] for side in SIDES for key in ("matched", "unmatched")}
    for record in records:
        doc = docs.get(record["doc_id"])
        for event in record["events"] if doc is not None else []:
            for side, part in SIDES.items():
                for span, code in event[side]:
                    gold_span = doc.char_span(*span, alignment_mode="expand")
                    actor = resolve_span(gold_span) if gold_span is not None else None
                    found = best_claim(by_article.get(record["doc_id"], []), part, span, record["sentence"])
                    row = counts[side, "matched" if found else "unmatched"]
                    row[0] += 1
                    row[1] += (actor.code if actor is not None else None) == code
    return counts


def main(argv: list[str]) -> int:
    from geoclaims.nlp import build_nlp

    from ..store import ClaimStore
    from .gold_eval import parse_articles
    from .store_eval import format_report, read_event_gold, score_actors

    if len(argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    store, articles_file, gold_file = map(Path, argv)
    claims = list(ClaimStore.open_for_read(store).iter_claims())
    records = read_event_gold(gold_file)
    wanted = {str(c["article_id"]) for c in claims} | {r["doc_id"] for r in records}
    texts = {}
    for line in articles_file.read_text(encoding="utf-8").splitlines():
        if line.strip() and (record := json.loads(line))["id"] in wanted:
            texts[record["id"]] = record
    docs = parse_articles(build_nlp(), texts)
    for level, resolver in resolvers().items():
        coded, changed = relevel(claims, docs, resolver)
        print(f"== {level}: {changed} stored codes changed")
        print(format_report(score_actors(coded, records)))
    for (side, key), (total, right) in gold_span_accuracy(claims, docs, records).items():
        print(f"{side:8} {key:9} gold mentions {total}: right with the gold's span {right} ({right / max(1, total):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

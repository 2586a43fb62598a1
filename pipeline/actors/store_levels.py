"""The same claims with their codes re-resolved at each level of actor resolution: a before/after on real news.

``python -m geoclaims.actors.store_levels STORE ARTICLES EVENT_GOLD`` parses the store's articles (JSON
Lines as given to ``extract``, ``published`` set) and re-resolves every claim's subject and object span
three ways, as ``gold_eval`` does with the gold's spans: ``table`` (the team table alone: what the
pipeline resolved before issue 14), ``roles`` (plus PETRARCH2's dated roles) and ``links`` (plus the
in-article links: what ``extract`` does now; the run checks that this level gives every stored code).
For each level it prints ``evaluate actors``'s report on those codes. The claims themselves (spans,
and which candidates passed the political-claim rule) stay those of the store, so the ``table`` line is
"these claims, coded as before", not a run of the old pipeline.
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
    wanted = {str(c["article_id"]) for c in claims}
    texts = {}
    for line in articles_file.read_text(encoding="utf-8").splitlines():
        if line.strip() and (record := json.loads(line))["id"] in wanted:
            texts[record["id"]] = record
    docs = parse_articles(build_nlp(), texts)
    records = read_event_gold(gold_file)
    for level, resolver in resolvers().items():
        coded, changed = relevel(claims, docs, resolver)
        print(f"== {level}: {changed} stored codes changed")
        print(format_report(score_actors(coded, records)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

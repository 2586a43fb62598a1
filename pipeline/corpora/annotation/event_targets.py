"""A targeted event round: whole articles chosen for the types the gold lacks, annotated whole.

The first event round drew articles at random, so thin types (MOBILIZE, CONCEDE, THREATEN, RETREAT ...)
got few events. This round ranks the not yet annotated articles of a split by how often their
sentences use the words of each thin type (``TYPE_CUES``: a cue is a hint, not a label) and picks them
greedily until each type's expected count covers its deficit. The chosen articles are then annotated
**whole** (every sentence with an actor, ``event_pool.article_items``), so their sentences without an
event stay in the gold as real NONE items; only the choice of articles is biased, and the README says so.

``python -m geoclaims.corpora.annotation.event_targets --split train --floor 150 --articles 110 --first-number 448
--out DIR --skip-pool EARLIER_POOL`` (a pool); ``--only FILE`` pools exactly the listed articles;
``--choose-held-out 70 --need "MOBILIZE=45,THREATEN=42,..." --skip-pool POOL`` chooses 2004–2010 articles for
test (the 2011+ test years hold too few deployments, threats, withdrawals and battles) and writes their ids
to ``corpora/annotations/events/test-held-out.txt``, which ``wikinews_splits`` puts in test with their
near-duplicate clusters. The v0.3 rounds ran exactly these commands (README "The event gold").
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

from ..event_gold import iter_event_records

TYPE_CUES = {
    "MOBILIZE": r"\b(deploy\w*|mobili[sz]\w*|reinforcements?|troops? (?:were |was )?sent|military (?:exercise|drill)s?|"
                r"drills|put (?:on|its \w+ on) (?:high )?alert|warships?|massing)\b",
    "CONCEDE": r"\b(resign\w*|apologi[sz]\w*|conced\w*|stepp?\w* down|admitt?\w*|compromis\w*|"
               r"back(?:ed|s)? down|gave in|accepted defeat|pardon\w*|amnesty)\b",
    "THREATEN": r"\b(threat\w*|ultimatum|warn\w* (?:that|of)|vow\w* to retaliate)\b",
    "RETREAT": r"\b(withdr[ae]w\w*|withdrawal|pull\w* out|retreat\w*|lift\w* (?:the |its )?(?:ban|sanctions|embargo)|"
               r"releas\w* (?:\w+ )?(?:prisoners|hostages|detainees)|evacuat\w*|ceasefire)\b",
    "FIGHT": r"\b(clash\w*|fighting|battl\w*|shell(?:ing|ed)|exchang\w* fire|offensive|airstrikes?|rebels?|insurgents?)\b",
    "AID": r"\b(aid|humanitarian|donat\w*|relief|assistance|bail-?out|grants?)\b",
    "SANCTION": r"\b(sanction\w*|embargo\w*|tariffs?|expel\w*|boycott\w*|sever\w* (?:diplomatic )?ties|"
                r"suspend\w*|banned|ban on)\b",
    "COERCE": r"\b(arrest\w*|detain\w*|raid\w*|seiz\w*|deport\w*|crackdown|jail\w*|imprison\w*|censor\w*|"
              r"nationali[sz]\w*|confiscat\w*)\b",
    "COOPERATE": r"\b(cooperat\w*|co-operat\w*|joint\w*|partnership|collaborat\w*|extradit\w*|alliance)\b",
    "INVESTIGATE": r"\b(investigat\w*|probe\w*|inquiry|inquest|audit\w*)\b",
    "CONSULT": r"\b(talks|met with|summit|visit\w*|negotiat\w*|meeting)\b",
    "SUPPORT": r"\b(endors\w*|support\w*|prais\w*|welcom\w*|recogni[sz]\w*)\b",
    "AGREE": r"\b(agree\w*|signed|treaty|accord|deal)\b",
    "REJECT": r"\b(reject\w*|refus\w*|veto\w*|denied|deny|denies)\b",
    "PROTEST": r"\b(protest\w*|demonstrat\w*|rall(?:y|ies)|strikes?|march\w*)\b",
    "ASSAULT": r"\b(attack\w*|bomb\w*|kill\w*|shot|assassinat\w*)\b",
}
CUES = {label: re.compile(pattern, re.IGNORECASE) for label, pattern in TYPE_CUES.items()}
YIELD_PER_CUE = 0.35  # expected gold events per cue hit (a guess, used only to stop picking)
MAX_SENTENCES = 30


def gold_counts(split: str) -> Counter:
    """Events per type in the committed Wikinews gold of a split."""
    return Counter(e["type"] for r in iter_event_records(split) for e in r.get("events") or [])


def deficits(split: str, floor: int) -> dict[str, float]:
    counts = gold_counts(split)
    return {label: float(floor - counts[label]) for label in CUES if counts[label] < floor}


def cue_hits(text: str, cues: dict[str, re.Pattern] | None = None) -> Counter:
    return Counter({label: len(pattern.findall(text)) for label, pattern in (cues or CUES).items()})


def with_extra_cues(extra: dict[str, str]) -> dict[str, re.Pattern]:
    """``CUES`` with each type's pattern in ``extra`` added as an alternative (one round's own cue words)."""
    if not extra:
        return CUES
    return {label: re.compile(f"(?:{TYPE_CUES[label]})|(?:{extra[label]})" if label in extra else TYPE_CUES[label],
                              re.IGNORECASE) for label in TYPE_CUES}


def pick_articles(articles, need: dict[str, float], count: int, cues: dict[str, re.Pattern] | None = None) -> list:
    """Greedy: the article whose (capped) cue hits cover most of what is still needed, ``count`` times."""
    need = dict(need)
    scored = [(a, cue_hits(a.text, cues)) for a in articles]
    chosen = []
    while scored and len(chosen) < count and any(v > 0 for v in need.values()):
        def gain(entry):
            hits = entry[1]
            return sum(min(hits[t], 4) * YIELD_PER_CUE for t in need if need[t] > 0 and hits[t])
        best = max(scored, key=lambda e: (gain(e), -len(e[0].text), e[0].id))
        if gain(best) == 0:
            break
        scored.remove(best)
        chosen.append(best[0])
        for label in need:
            need[label] -= min(best[1][label], 4) * YIELD_PER_CUE
    return chosen


def build_targeted_pool(out: Path, split: str, *, floor: int, count: int, first_number: int,
                        batch_size: int = 60, only: set[str] | None = None, skip_pools: tuple[Path, ...] = (),
                        need: dict[str, float] | None = None, extra_cues: dict[str, str] | None = None) -> dict:
    """Pool batches for ``count`` articles of ``split`` chosen for its deficits under ``floor`` (or for
    ``need``, events per type, with ``extra_cues`` added to the cue words; or, with ``only``, exactly those
    articles), skipping articles with gold records or in ``skip_pools``."""
    from geoclaims.nlp import build_nlp

    from .event_pool import article_items, drawn_articles, write_batches

    done = annotated_doc_ids(list(skip_pools))
    candidates = drawn_articles(split, 10**6, seed=7, skip=done)
    need = need or deficits(split, floor)
    if only is not None:
        chosen = [a for a in candidates if a.id in only]
    else:
        chosen = pick_articles(candidates, need, count * 2, with_extra_cues(extra_cues or {}))
    nlp = build_nlp()
    per_article, known = [], annotated_sentences()
    for article in chosen:
        items = article_items(nlp, article, split)
        if items and len(items) <= MAX_SENTENCES and not any(item["sha1"] in known for item in items):
            per_article.append(items)  # an article under another id whose sentences are in the gold already: skipped
        if len(per_article) == count:
            break
    for n, items in enumerate(per_article):
        for k, item in enumerate(items):
            item["item"] = f"{split}-{first_number + n:03d}-{k:02d}"
    out.mkdir(parents=True, exist_ok=True)
    first_batch = len(list(out.glob(f"{split}-*.jsonl")))
    paths = write_batches(per_article, out, split, batch_size=batch_size, first_batch=first_batch)
    return {"split": split, "need": need, "articles": len(per_article),
            "sentences": sum(len(i) for i in per_article), "batches": [p.name for p in paths]}


def annotated_sentences() -> set[str]:
    """The sentence hashes (``sha1``) of every gold record: Wikinews repeats some articles under new ids."""
    return {r["sha1"] for split in ("train", "dev", "test") for r in iter_event_records(split)}


def annotated_doc_ids(pool_dirs: list[Path]) -> set[str]:
    """Articles that already have gold records (any split) or sit in an annotation pool."""
    done = {r["doc_id"] for split in ("train", "dev", "test") for r in iter_event_records(split)}
    for folder in pool_dirs:
        for path in Path(folder).glob("*.jsonl"):
            done.update(json.loads(line)["doc_id"] for line in path.read_text(encoding="utf-8").splitlines())
    return done


def held_out_candidates(pool_dirs: list[Path], *, before_year: int) -> list:
    """Train-split articles older than ``before_year`` whose near-duplicate cluster holds no annotated
    or pooled article: moving their clusters to test leaks nothing the model was trained or tuned on."""
    from ..neardup import near_duplicate_clusters
    from ..wikinews import article_year, iter_wikinews_articles, wikinews_splits

    articles = {a.id: a for a in iter_wikinews_articles()}
    clusters = near_duplicate_clusters({d: a.text for d, a in articles.items()})
    touched = {clusters[d] for d in annotated_doc_ids(pool_dirs) if d in clusters}
    splits, seen_titles, found = wikinews_splits(), set(), []
    for doc_id, article in articles.items():
        if (splits[doc_id] != "train" or clusters[doc_id] in touched or (article_year(article) or 9999) >= before_year
                or len(article.text) < 300 or (article.title or doc_id) in seen_titles):
            continue
        seen_titles.add(article.title or doc_id)
        found.append(article)
    return sorted(found, key=lambda a: a.id)


def choose_held_out(pool_dirs: list[Path], need: dict[str, float], count: int, *, before_year: int = 2011) -> list[str]:
    """Doc ids of ``count`` held-out test articles chosen greedily for ``need`` (at most ``MAX_SENTENCES`` long)."""
    candidates = [a for a in held_out_candidates(pool_dirs, before_year=before_year)
                  if a.text.count(". ") < MAX_SENTENCES]
    return [a.id for a in pick_articles(candidates, need, count)]


def parse_need(value: str) -> dict[str, float]:
    """``"MOBILIZE=31,THREATEN=29"`` -> {"MOBILIZE": 31.0, "THREATEN": 29.0}."""
    pairs = [part.split("=") for part in value.split(",") if part]
    return {label.strip(): float(number) for label, number in pairs}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "dev", "test"], required=True)
    parser.add_argument("--floor", type=int, required=True, help="events per type the split should reach")
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--first-number", type=int, required=True,
                        help="article number of the first item id (after the earlier rounds' numbers)")
    parser.add_argument("--out", type=Path, default=Path("build/annotation/events-targeted"))
    parser.add_argument("--batch-size", type=int, default=60)
    parser.add_argument("--only", type=Path, help="a file of doc ids: pool exactly these articles (e.g. the held-out test list)")
    parser.add_argument("--skip-pool", type=Path, action="append", default=[],
                        help="an earlier round's pool folder whose articles are not drawn again")
    parser.add_argument("--choose-held-out", type=int, metavar="N",
                        help="instead of a pool: choose N 2004–2010 train-split articles for test (for --need) "
                             "and write their ids to the held-out list (geoclaims.corpora.wikinews.HELD_OUT_TEST)")
    parser.add_argument("--need", type=parse_need, default={},
                        help='events per type to draw for (instead of the --floor deficits): "MOBILIZE=45,THREATEN=42"')
    parser.add_argument("--extra-cue", action="append", default=[], metavar="TYPE=REGEX",
                        help="a cue pattern added to TYPE's for this round (e.g. trade restrictions for SANCTION)")
    args = parser.parse_args(argv)
    if args.choose_held_out:
        from ..wikinews import HELD_OUT_TEST

        ids = choose_held_out(list(args.skip_pool), args.need, args.choose_held_out)
        HELD_OUT_TEST.write_text("".join(i + "\n" for i in sorted(ids)), encoding="utf-8")
        print(json.dumps({"held_out": len(ids), "file": str(HELD_OUT_TEST)}))
        return
    only = set(args.only.read_text(encoding="utf-8").split()) if args.only else None
    extra = dict(cue.split("=", 1) for cue in args.extra_cue)
    print(json.dumps(build_targeted_pool(args.out, args.split, floor=args.floor, count=args.articles,
                                         first_number=args.first_number, batch_size=args.batch_size, only=only,
                                         skip_pools=tuple(args.skip_pool), need=args.need or None,
                                         extra_cues=extra)))


if __name__ == "__main__":
    main()

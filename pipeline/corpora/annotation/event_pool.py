"""The event annotation pool: whole Wikinews articles, every sentence that holds an actor.

``python -m geoclaims.corpora.annotation.event_pool --out build/annotation/events`` draws articles from each
split of ``geoclaims.corpora.wikinews`` (seeded), parses them the way the pipeline does
(``geoclaims.nlp.build_nlp``: en_core_web_sm + the actor ruler), and keeps every sentence with an
actor entity, so that the sentences without an event are real ones, not ones picked by keyword. Items
are written in batches of whole articles (``<split>-NN.jsonl``); an item carries the sentence text
(the pool is a build artefact, never committed) and the stand-off offsets the labelled records keep.
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from ..standoff import text_sha1

ACTOR_LABELS = ("GPE", "NORP", "ORG", "PERSON")
MIN_CHARS = 300


def drawn_articles(split: str, count: int, *, seed: int, skip: set[str] = frozenset()):
    """``count`` articles of a split, seeded, with enough text to annotate."""
    from ..wikinews import iter_wikinews_articles, wikinews_splits

    splits = wikinews_splits()
    seen_titles: set[str] = set()
    pool = []
    for article in iter_wikinews_articles():
        if splits[article.id] != split or article.id in skip or len(article.text) < MIN_CHARS:
            continue
        if (article.title or article.id) in seen_titles:
            continue  # the same article in two category files
        seen_titles.add(article.title or article.id)
        pool.append(article)
    random.Random(seed).shuffle(pool)
    return pool[:count]


def article_items(nlp, article, split: str) -> list[dict]:
    """One item per sentence with an actor entity, with the previous sentence as context."""
    doc = nlp(article.text)
    items, previous = [], ""
    for sentence in doc.sents:
        actors = [e.text for e in sentence.ents if e.label_ in ACTOR_LABELS]
        text = sentence.text.strip()
        if actors and len(text) > 20:
            start = sentence.start_char + (len(sentence.text) - len(sentence.text.lstrip()))
            items.append({"corpus": "wikinews", "doc_id": article.id, "split": split,
                          "sentence": [start, start + len(text)], "sha1": text_sha1(text),
                          "title": article.title, "published": article.published,
                          "context": previous[-400:], "text": text, "actors": actors})
        previous = text
    return items


def write_batches(items_by_article: list[list[dict]], out: Path, split: str, *, batch_size: int,
                  first_batch: int = 0) -> list[Path]:
    paths, batch, number = [], [], first_batch

    def flush():
        nonlocal batch, number
        if batch:
            path = out / f"{split}-{number:02d}.jsonl"
            path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in batch), encoding="utf-8")
            paths.append(path)
            batch, number = [], number + 1

    for items in items_by_article:
        batch.extend(items)
        if len(batch) >= batch_size:
            flush()
    flush()
    return paths


def build_pool(out: Path, counts: dict[str, int], *, seed: int = 7, batch_size: int = 60,
               offsets: dict[str, int] | None = None) -> dict[str, int]:
    """Batches for ``counts[split]`` articles per split, after the first ``offsets[split]`` drawn ones
    (a later round extends an earlier one: same seed, same order, new articles, new batch numbers)."""
    from geoclaims.nlp import build_nlp

    nlp = build_nlp()
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for split, count in counts.items():
        offset = (offsets or {}).get(split, 0)
        articles = drawn_articles(split, offset + count, seed=seed)[offset:]
        per_article = [article_items(nlp, a, split) for a in articles]
        per_article = [items for items in per_article if items]
        for n, items in enumerate(per_article):
            for k, item in enumerate(items):
                item["item"] = f"{split}-{offset + n:03d}-{k:02d}"
        first = len(list(out.glob(f"{split}-*.jsonl")))
        write_batches(per_article, out, split, batch_size=batch_size, first_batch=first)
        sizes[split] = sum(len(i) for i in per_article)
    return sizes


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/annotation/events"))
    parser.add_argument("--test", type=int, default=45, help="articles drawn from the test split")
    parser.add_argument("--dev", type=int, default=40)
    parser.add_argument("--train", type=int, default=160)
    parser.add_argument("--batch-size", type=int, default=60)
    parser.add_argument("--offset", type=int, nargs=3, default=(0, 0, 0), metavar=("TEST", "DEV", "TRAIN"),
                        help="skip this many drawn articles per split (a later round)")
    args = parser.parse_args(argv)
    sizes = build_pool(args.out, {"test": args.test, "dev": args.dev, "train": args.train},
                       batch_size=args.batch_size, offsets=dict(zip(("test", "dev", "train"), args.offset)))
    print(json.dumps(sizes))


if __name__ == "__main__":
    main()

"""The annotation pool: candidate pairs drawn the way the pipeline draws them, for the team to label.

``python -m geoclaims.corpora.annotation.pool --out build/annotation`` parses sentences of Reuters-21578
(trade, grain, crude and other international topics), BBC business and politics, and Multi-CoPED,
takes every pipeline candidate pair, and picks sentences so that each PLOVER type is likely to be
represented (the CAMEO rules' guess steers the draw, it is never shown to annotators), plus a random
draw of sentences as they come. Items carry the text (the pool is a build artefact, never committed)
and the stand-off offsets that the labelled records keep.
"""
from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from pathlib import Path

from ..standoff import text_sha1

REUTERS_TOPICS = ("trade", "grain", "wheat", "crude", "ship", "money-fx", "sugar", "oilseed", "veg-oil",
                  "corn", "coffee", "cocoa", "gas", "nat-gas", "iron-steel", "jobs", "ipi")


def pool_documents(max_reuters: int, max_bbc: int):
    """(corpus, doc_id, text) triples in a fixed order."""
    from ..bbc import iter_bbc_articles
    from ..multicoped import iter_class_sentences
    from ..reuters import iter_reuters_articles

    for n, article in enumerate(iter_reuters_articles(topics=REUTERS_TOPICS)):
        if n >= max_reuters:
            break
        yield "reuters21578", article.id, article.text
    for n, article in enumerate(iter_bbc_articles(sections=("business", "politics"))):
        if n >= max_bbc:
            break
        yield "bbc_news", article.id, article.text
    for sid, text, _ in iter_class_sentences():
        yield "multicoped_cameo", sid, text


def sentence_items(corpus: str, doc_id: str, doc, rules) -> list[dict]:
    from geoclaims.candidates import candidate_pairs

    items = []
    for cand in candidate_pairs(doc):
        sent = cand.sentence
        guess = rules.label(sent, cand.subject, cand.object, doc[cand.predicate.root])
        items.append({
            "corpus": corpus, "doc_id": doc_id,
            "sentence": [sent.start_char, sent.end_char], "sha1": text_sha1(sent.text),
            "subject": [cand.subject.start_char, cand.subject.end_char],
            "object": [cand.object.start_char, cand.object.end_char],
            "predicate": [cand.predicate.start, cand.predicate.end],
            "sentence_text": sent.text, "subject_text": cand.subject.text, "object_text": cand.object.text,
            "predicate_text": cand.predicate.text, "_guess": guess.type if guess else "NONE",
        })
    return items


def draw(by_sentence: dict, *, per_type: int, random_sentences: int, pairs_per_sentence: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    keys = sorted(by_sentence)
    by_type = defaultdict(list)
    for key in keys:
        for guess in {i["_guess"] for i in by_sentence[key]} - {"NONE"}:
            by_type[guess].append(key)
    chosen: list = []
    for label in sorted(by_type):
        options = [k for k in by_type[label] if k not in chosen]
        chosen += rng.sample(options, min(per_type, len(options)))
    rest = [k for k in keys if k not in set(chosen)]
    chosen += rng.sample(rest, min(random_sentences, len(rest)))
    items = []
    for key in chosen:
        pairs = sorted(by_sentence[key], key=lambda i: (i["_guess"] == "NONE", i["subject"], i["object"]))
        items += pairs[:pairs_per_sentence]
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("build/annotation"))
    parser.add_argument("--max-reuters", type=int, default=2500)
    parser.add_argument("--max-bbc", type=int, default=400)
    parser.add_argument("--per-type", type=int, default=30)
    parser.add_argument("--random-sentences", type=int, default=80)
    parser.add_argument("--pairs-per-sentence", type=int, default=4)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    from geoclaims.nlp import build_nlp
    from geoclaims.relations.silver import CameoRules

    nlp, rules = build_nlp(), CameoRules.from_shared()
    docs = list(pool_documents(args.max_reuters, args.max_bbc))
    by_sentence = defaultdict(list)
    for (corpus, doc_id, _), doc in zip(docs, nlp.pipe((t for _, _, t in docs), batch_size=64)):
        for item in sentence_items(corpus, doc_id, doc, rules):
            by_sentence[(corpus, doc_id, tuple(item["sentence"]))].append(item)
    items = draw(by_sentence, per_type=args.per_type, random_sentences=args.random_sentences,
                 pairs_per_sentence=args.pairs_per_sentence, seed=args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    with (args.out / "pool.jsonl").open("w", encoding="utf-8") as out:
        for n, item in enumerate(items):
            out.write(json.dumps({"item": f"p{n:05d}", **item}, ensure_ascii=False) + "\n")
    counts = defaultdict(int)
    for item in items:
        counts[item["_guess"]] += 1
    print(f"{len(items)} pairs from {len(by_sentence)} sentences with candidates; guesses: {dict(sorted(counts.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

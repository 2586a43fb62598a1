"""The silver relation training set: candidate pairs from public news, labelled by the CAMEO rules.

Reuters-21578 (topics with international content) and BBC business + politics go through the team's
spaCy pipeline and ``candidate_pairs``; every candidate gets the rule label (PLOVER type) or NONE; each
type is capped and NONE subsampled to about 1.5x the typed count. Multi-CoPED pairs (source span as
subject, target span as object) are added where the rule label is allowed by the sentence's coarse
class. Output: RelationExample JSON Lines under build/silver/ (never committed).

    python -m geoclaims.relations.silver_data --out build/silver/relations.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, islice
from pathlib import Path

from tqdm import tqdm

from geoclaims.records import NONE_LABEL, PLOVER_TYPES
from geoclaims.relations.encoding import RelationExample
from geoclaims.relations.plover import load_mapping
from geoclaims.relations.silver import CameoRules

REUTERS_TOPICS = ("grain", "wheat", "corn", "trade", "crude", "ship", "money-fx", "nat-gas", "sugar",
                  "coffee", "cocoa", "oilseed", "veg-oil", "reserves", "bop", "tin", "rubber")
BBC_SECTIONS = ("business", "politics")
NONE_RATIO = 1.5
# Multi-CoPED coarse class -> CAMEO root codes (quad classes plus statements)
COARSE_ROOTS = {0: ("01",), 1: ("02", "03", "04", "05"), 2: ("06", "07", "08"),
                3: ("09", "10", "11", "12", "13"), 4: ("14", "15", "16", "17", "18", "19", "20")}


@lru_cache(maxsize=1)
def coarse_class_types() -> dict[int, frozenset[str]]:
    """Coarse class -> the PLOVER types its CAMEO codes map to."""
    mapping = load_mapping()
    return {cls: frozenset(t for code, t in mapping.items() if code[:2] in roots)
            for cls, roots in COARSE_ROOTS.items()}


def coarse_class_allows(cls: int, plover_type: str) -> bool:
    """Whether a sentence of Multi-CoPED coarse class ``cls`` can hold an event of ``plover_type``."""
    return plover_type in coarse_class_types().get(cls, frozenset())


def load_pipeline():
    """The team's pipeline without the relation component."""
    from geoclaims.nlp import build_nlp

    return build_nlp(relations=False)


def news_articles(max_docs: int | None = None) -> Iterator:
    from geoclaims.corpora.bbc import iter_bbc_articles
    from geoclaims.corpora.reuters import iter_reuters_articles

    articles = chain(iter_reuters_articles(topics=REUTERS_TOPICS), iter_bbc_articles(sections=BBC_SECTIONS))
    return islice(articles, max_docs)


def candidate_examples(doc, doc_id: str, rules: CameoRules) -> Iterator[RelationExample]:
    """One RelationExample per candidate pair of a parsed doc, offsets relative to the sentence."""
    from geoclaims.candidates import candidate_pairs

    for cand in candidate_pairs(doc):
        token = doc[cand.predicate.root] if cand.predicate is not None else None
        found = rules.label(cand.sentence, cand.subject, cand.object, token)
        yield pair_example(cand.sentence, cand.subject, cand.object, found.type if found else NONE_LABEL,
                           source="silver", doc_id=doc_id, example_id=f"{doc_id}-{cand.subject.start}-{cand.object.start}")


def pair_example(sentence, subject, obj, label: str, *, source: str, doc_id: str, example_id: str) -> RelationExample:
    base = sentence.start_char
    return RelationExample(example_id=example_id, text=sentence.text,
                           subject=(subject.start_char - base, subject.end_char - base),
                           object=(obj.start_char - base, obj.end_char - base),
                           label=label, weight=1.0, source=source, doc_id=doc_id)


def role_pairs(sentence) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(subject, object) char spans of a Multi-CoPED sentence: sources x targets, and reciprocal pairs."""
    pairs = [(s, t) for s in sentence.sources for t in sentence.targets]
    recip = sentence.reciprocals
    return pairs + [(a, b) for a in recip for b in recip if a != b]


def multicoped_examples(nlp, rules: CameoRules) -> Iterator[RelationExample]:
    """Multi-CoPED pairs whose rule label the sentence's coarse class allows (class kept in the id)."""
    from geoclaims.corpora.multicoped import iter_multicoped

    sentences = [s for s in iter_multicoped() if s.coarse_class is not None and role_pairs(s)]
    for sent, doc in zip(sentences, nlp.pipe(s.text for s in sentences)):
        for n, (subj_off, obj_off) in enumerate(role_pairs(sent)):
            subject = doc.char_span(*subj_off, alignment_mode="expand")
            obj = doc.char_span(*obj_off, alignment_mode="expand")
            if subject is None or obj is None or subject.sent.start != obj.sent.start:
                continue
            found = rules.label(subject.sent, subject, obj)
            if found and coarse_class_allows(sent.coarse_class, found.type):
                yield pair_example(subject.sent, subject, obj, found.type, source="multicoped",
                                   doc_id=sent.sentence_id, example_id=f"{sent.sentence_id}-c{sent.coarse_class}-{n}")


def balance(examples: Iterable[RelationExample], per_type_cap: int, seed: int) -> list[RelationExample]:
    """Cap each type at ``per_type_cap``; keep about NONE_RATIO x the typed count of NONE."""
    rng = random.Random(seed)
    by_label: dict[str, list[RelationExample]] = {}
    for example in examples:
        by_label.setdefault(example.label, []).append(example)
    kept: list[RelationExample] = []
    for label in PLOVER_TYPES:
        group = by_label.get(label, [])
        kept += rng.sample(group, per_type_cap) if len(group) > per_type_cap else group
    nones = by_label.get(NONE_LABEL, [])
    n_none = min(len(nones), round(NONE_RATIO * len(kept)))
    return kept + rng.sample(nones, n_none)


def build_silver(out_path: str | Path, *, max_docs: int | None = None, per_type_cap: int = 1500,
                 seed: int = 0, multicoped: bool = True, progress: bool = True) -> dict[str, int]:
    """Write the silver set to ``out_path`` (JSON Lines); return the count per label."""
    nlp, rules = load_pipeline(), CameoRules.from_shared()
    articles = list(news_articles(max_docs))
    docs = nlp.pipe(((a.text, a.id) for a in articles), as_tuples=True, batch_size=32)
    pool: list[RelationExample] = []
    for doc, doc_id in tqdm(docs, total=len(articles), desc="silver", disable=not progress):
        pool.extend(candidate_examples(doc, doc_id, rules))
    kept = balance(pool, per_type_cap, seed)
    if multicoped:
        kept += list(multicoped_examples(nlp, rules))
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as handle:
        for example in kept:
            handle.write(json.dumps(example.to_dict(), ensure_ascii=False) + "\n")
    counts = Counter(e.label for e in kept)
    return dict(sorted(counts.items()))


def iter_silver_examples(path: str | Path, split: str | None = None, typed_only: bool = False) -> Iterator[RelationExample]:
    """The RelationExamples of a silver JSON Lines file.

    With ``split``, only examples from documents of that gold split (so silver never leaks dev or test
    documents into training), and none for a pair the team annotated (gold supersedes silver).
    ``typed_only`` drops the rules' NONE examples (the gold data has NONE pairs enough).
    """
    from geoclaims.corpora.standoff import document_split, gold_pair_keys

    annotated = gold_pair_keys() if split else frozenset()
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                example = RelationExample.from_dict(json.loads(line))
                if typed_only and example.label == "NONE":
                    continue
                if split and (document_split(example.doc_id) != split or
                              (example.text.strip(), tuple(example.subject), tuple(example.object)) in annotated):
                    continue
                yield example


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the silver relation set (CAMEO rules -> PLOVER).")
    parser.add_argument("--out", default="build/silver/relations.jsonl")
    parser.add_argument("--max-docs", type=int, default=None)
    parser.add_argument("--per-type-cap", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-multicoped", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build_silver(args.out, max_docs=args.max_docs, per_type_cap=args.per_type_cap,
                          seed=args.seed, multicoped=not args.no_multicoped)
    for label, n in counts.items():
        print(f"{label:12s} {n:6d}")
    print(f"total {sum(counts.values())} examples in {time.perf_counter() - started:.0f} s -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

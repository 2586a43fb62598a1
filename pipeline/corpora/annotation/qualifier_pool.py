"""The qualifier annotation round: gold events of the dev and test splits, with their context, for
the team to mark negation, modality, attribution, time and motive; and the merge back to stand-off.

``python -m geoclaims.corpora.annotation.qualifier_pool pool --out build/qualifiers`` writes ``pool-N.jsonl``
chunks (a build artefact with text, never committed): one item per gold event (label not NONE) whose
document falls in the dev or test split, with a context window around the sentence (the motive may sit
in a neighbouring sentence), the publication date where the corpus has one, and the labels the
relation round already gave (negated, modality, motive) for the annotator to check.

``python -m geoclaims.corpora.annotation.qualifier_pool merge LABELS... --out FILE`` turns the annotators'
answers, which quote text (``"attribution": "Peskov"``), into stand-off records with character
offsets into the document (the occurrence nearest to the event's sentence inside the window); an
answer whose quote is not found is reported and left out, never guessed.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..qualifier_gold import document_published
from ..standoff import corpus_texts, iter_records, record_split, text_sha1

WINDOW_BEFORE, WINDOW_AFTER = 500, 700
SPANS = ("attribution", "time", "motive")


def context_window(text: str, start: int, end: int) -> tuple[int, int]:
    """A window around [start, end) cut at whitespace, so the words at its edges are whole."""
    lo, hi = max(0, start - WINDOW_BEFORE), min(len(text), end + WINDOW_AFTER)
    while lo > 0 and not text[lo - 1].isspace() and lo < start:
        lo += 1
    while hi < len(text) and not text[hi].isspace() and hi > end:
        hi -= 1
    return lo, hi


def _quote(text: str, span) -> str | None:
    return text[span[0]:span[1]] if span else None


def pool_item(record: dict, text: str, published: str | None) -> dict:
    s0, s1 = record["sentence"]
    lo, hi = context_window(text, s0, s1)
    return {
        "pair": record["id"], "corpus": record["corpus"], "doc_id": record["doc_id"],
        "split": record_split(record),
        "published": published, "label": record["label"],
        "sentence": text[s0:s1], "subject": _quote(text, record["subject"]),
        "object": _quote(text, record["object"]), "predicate": _quote(text, record["predicate"]),
        "context": text[lo:s0] + "[[" + text[s0:s1] + "]]" + text[s1:hi],
        "relation_round": {"negated": record["negated"], "modality": record["modality"],
                           "motive": _quote(text, record.get("motive"))},
    }


def build_pool(out: Path, *, chunks: int = 3) -> int:
    items = []
    for record in iter_records():
        if record["label"] == "NONE":
            continue
        if record_split(record) not in ("dev", "test"):
            continue
        text = corpus_texts(record["corpus"])[record["doc_id"]]
        items.append(pool_item(record, text, document_published(record["corpus"], record["doc_id"])))
    out.mkdir(parents=True, exist_ok=True)
    for n in range(chunks):
        with (out / f"pool-{n + 1}.jsonl").open("w", encoding="utf-8") as handle:
            for item in items[n::chunks]:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


def locate(text: str, quote: str, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """Offsets of ``quote`` in ``text`` nearest to the sentence, inside the context window; None if absent."""
    lo, hi = context_window(text, *sentence)
    best, at = None, text.find(quote, lo)
    while at != -1 and at + len(quote) <= hi:
        distance = 0 if sentence[0] <= at < sentence[1] else min(abs(at - sentence[0]), abs(at - sentence[1]))
        if best is None or distance < best[0]:
            best = (distance, at)
        at = text.find(quote, at + 1)
    return (best[1], best[1] + len(quote)) if best else None


def standoff_record(answer: dict, record: dict, text: str, problems: list[str]) -> dict | None:
    sentence = tuple(record["sentence"])
    out = {"pair": record["id"], "corpus": record["corpus"], "doc_id": record["doc_id"],
           "sha1": text_sha1(text[sentence[0]:sentence[1]]),
           "negated": bool(answer["negated"]), "modality": answer["modality"]}
    for key in SPANS:
        quote = (answer.get(key) or "").strip()
        span = locate(text, quote, sentence) if quote else None
        if quote and span is None:
            problems.append(f"{record['id']}: {key} quote not found: {quote!r}")
            return None
        out[key] = list(span) if span else None
    out["attribution_code"] = answer.get("attribution_code") if out["attribution"] else None
    out["time_value"] = answer.get("time_value") if out["time"] else None
    out["annotator"] = answer.get("annotator", "q")
    return out


def merge(label_files: list[Path], out: Path) -> tuple[int, list[str]]:
    records = {r["id"]: r for r in iter_records()}
    problems: list[str] = []
    merged = []
    for path in label_files:
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            answer = json.loads(line)
            record = records.get(answer["pair"])
            if record is None:
                problems.append(f"{answer['pair']}: no such relation record")
                continue
            text = corpus_texts(record["corpus"])[record["doc_id"]]
            found = standoff_record(answer, record, text, problems)
            if found:
                merged.append(found)
    merged.sort(key=lambda r: r["pair"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in merged), encoding="utf-8")
    return len(merged), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    pool = sub.add_parser("pool")
    pool.add_argument("--out", type=Path, default=Path("build/qualifiers"))
    pool.add_argument("--chunks", type=int, default=3)
    merge_parser = sub.add_parser("merge")
    merge_parser.add_argument("labels", nargs="+", type=Path)
    merge_parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "pool":
        print(json.dumps({"items": build_pool(args.out, chunks=args.chunks), "out": str(args.out)}))
        return 0
    count, problems = merge(args.labels, args.out)
    for problem in problems:
        print(problem)
    print(json.dumps({"records": count, "problems": len(problems), "out": str(args.out)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

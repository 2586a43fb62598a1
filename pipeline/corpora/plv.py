"""PLV train (Hu et al., ACL 2024): human-coded PLOVER pairs, with the team's stand-off decisions.

``../shared/data/plv_train/PLV_train.tsv`` holds 1,050 (source, target) pairs in news sentences with
a 2018 PLOVER root code. Our records (``corpora/annotations/plv/plv-train.jsonl``, no text) keep per
row: ``row`` (0-based data row of the TSV), ``sentence_id``, ``sha1`` of the sentence, the source and
target offsets, ``gold_root``, our ``label`` (the root mapped to our 18 types; one-to-many roots
decided from the sentence, with ``decision``), and ``other_events`` of the sentence (event-round
format, offsets into the sentence), so that the sentence's other mention pairs can serve as negatives.
Split: PLV has no documents; sentences are clustered as near-duplicates (``neardup``) and split
dev 15% / train 85% (its test split is held back by its authors and is not here).
"""
from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from . import REPO_ROOT, shared_data_dir
from .standoff import text_sha1

RECORDS = REPO_ROOT / "corpora" / "annotations" / "plv" / "plv-train.jsonl"
_TAG = re.compile(r"</?[st]>")


def plv_path() -> Path:
    return shared_data_dir() / "plv_train" / "PLV_train.tsv"


@lru_cache(maxsize=1)
def plv_rows() -> list[dict]:
    csv.field_size_limit(10**9)
    with plv_path().open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def marked_spans(marked: str, sentence: str) -> dict[str, tuple[int, int] | None]:
    """Offsets in ``sentence`` of the ``<s>`` source and ``<t>`` target (first marking of each)."""
    found = {}
    for role in ("s", "t"):
        match = re.search(rf"<{role}>(.*?)</{role}>", marked)
        words = _TAG.sub("", match.group(1)).strip() if match else ""
        before = _TAG.sub("", marked[:match.start()]) if match else ""
        starts = [m.start() for m in re.finditer(re.escape(words), sentence)] if words else []
        found[role] = None if not starts else (min(starts, key=lambda s: abs(s - len(before))),) * 1
        if found[role] is not None:
            found[role] = (found[role][0], found[role][0] + len(words))
    return found


def iter_records(path: Path = RECORDS) -> Iterator[dict]:
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


@lru_cache(maxsize=1)
def plv_splits() -> dict[str, str]:
    """sentence_id -> train/dev, near-duplicate sentences together."""
    from .neardup import cluster_split

    texts = {}
    for row in plv_rows():
        texts.setdefault(row["sentence_id"], row["sentence"])
    return cluster_split(texts, test_share=0, dev_share=15)


def iter_plv_sentences(split: str = "train") -> Iterator[dict]:
    """One item per PLV sentence of the split: ``text`` and its gold ``events`` (offsets in the text)."""
    rows, splits = plv_rows(), plv_splits()
    by_sentence: dict[str, list[dict]] = defaultdict(list)
    for record in iter_records():
        if split in ("all", splits[record["sentence_id"]]):
            by_sentence[record["sentence_id"]].append(record)
    for sentence_id, records in sorted(by_sentence.items()):  # the coded pair has no trigger: None
        text = rows[records[0]["row"]]["sentence"]
        if text_sha1(text) != records[0]["sha1"]:
            raise ValueError(f"PLV sentence {sentence_id}: hash mismatch (the TSV changed)")
        events = []
        for r in records:
            events.append({"type": r["label"], "trigger": None, "sources": [{"span": r["source"], "code": None}],
                           "targets": [{"span": r["target"], "code": None}]})
            events += r.get("other_events") or []
        yield {"sentence_id": sentence_id, "text": text, "events": events}


def record_from_answer(row_index: int, answer: dict, *, annotator: str) -> dict | None:
    """Our stand-off record for one TSV row and the annotator's answer (None if the marks cannot be found)."""
    from .annotation.event_answers import to_record

    row = plv_rows()[row_index]
    spans = marked_spans(row["marked_sentence"], row["sentence"])
    if spans["s"] is None or spans["t"] is None:
        return None
    item = {"item": str(row_index), "corpus": "plv", "doc_id": row["sentence_id"], "sentence": [0, len(row["sentence"])],
            "sha1": text_sha1(row["sentence"]), "text": row["sentence"]}
    others = to_record(item, {"events": answer.get("other_events") or []}, annotator=annotator)["events"]
    return {"row": row_index, "sentence_id": row["sentence_id"], "sha1": item["sha1"], "source": list(spans["s"]),
            "target": list(spans["t"]), "gold_root": row["gold_root"], "label": answer["label"],
            "decision": answer.get("decision", ""), "other_events": others, "annotator": annotator}


def merge_answers(folder: Path, out: Path = RECORDS) -> dict[str, int]:
    records, missing = [], 0
    for path in sorted(folder.glob("plv-*.jsonl")):
        annotator = path.name.split(".")[1]
        for answer in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            record = record_from_answer(int(answer["row"]), answer, annotator=annotator)
            if record is None:
                missing += 1
            else:
                records.append(record)
    records.sort(key=lambda r: r["row"])
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    return {"records": len(records), "marks_not_found": missing}


if __name__ == "__main__":
    print(json.dumps(merge_answers(Path("build/annotation/plv/answers"))))


def write_plv_claim_gold(split: str, out: Path) -> dict:
    """Each PLV sentence of ``split`` as an article (``plv-<sentence_id>``, the sentence as its text) and
    its human-coded pairs as sentence gold (``geoclaims.events.sentences``): type, source and target spans."""
    rows, splits = plv_rows(), plv_splits()
    coded: dict[str, list[dict]] = defaultdict(list)
    for record in iter_records():
        if splits[record["sentence_id"]] == split:
            coded[record["sentence_id"]].append(record)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as articles, \
            (out / "gold.jsonl").open("w", encoding="utf-8") as gold:
        for sentence_id, records in sorted(coded.items()):
            article_id = f"plv-{sentence_id}"
            articles.write(json.dumps({"id": article_id, "text": rows[records[0]["row"]]["sentence"]},
                                      ensure_ascii=False) + "\n")
            for r in records:
                gold.write(json.dumps({"id": article_id, "event": r["label"], "gold_root": r["gold_root"],
                                       "source_span": r["source"], "target_span": r["target"]}) + "\n")
    return {"sentences": len(coded), "pairs": sum(len(v) for v in coded.values())}

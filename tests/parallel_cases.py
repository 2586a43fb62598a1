"""Shared by the parallel-engine tests: a cheap deterministic processor and a small real input.

``WordPairProcessor`` stands in for the claim extractor where the test is about the engine, not the
models: one claim-like record per pair of neighbouring capitalised words, and a failure on any article
that mentions "Brazil" (so the GC115 per-article fallback runs in the workers too).
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path




class WordPairProcessor:
    def identity(self) -> dict:
        return {"name": "word-pairs", "version": "1"}

    def extract(self, articles: list) -> list:
        if any("Brazil" in a.text for a in articles):
            raise RuntimeError("Brazil in batch")  # the engine retries article by article
        return [self._claims(a) for a in articles]

    @staticmethod
    def _claims(article) -> list[dict]:
        words = [w for w in article.text.split() if w[:1].isupper()][:6]
        return [{"claim_id": hashlib.sha256(f"{article.id}|{a}|{b}".encode()).hexdigest()[:12],
                 "article_id": article.id, "subject": a, "object": b} for a, b in zip(words, words[1:])]


def make_processor() -> WordPairProcessor:
    return WordPairProcessor()


def reuters_input(folder: Path, n: int = 40) -> Path:
    """The first ``n`` Reuters-21578 articles with a body as JSON Lines, plus a duplicate and a bad line."""
    from geoclaims.corpora.reuters import iter_reuters_articles

    from environment_checks import need_shared

    need_shared("reuters21578")
    records = []
    for article in iter_reuters_articles():
        records.append({"id": article.id, "text": article.text, "title": article.title})
        if len(records) == n:
            break
    records.insert(5, dict(records[2], id="copy-of-2"))
    path = folder / "reuters.jsonl"
    lines = [json.dumps(r) for r in records]
    lines.insert(9, "{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def store_files(root: Path) -> dict[str, bytes]:
    """Every file of a store (relative path -> bytes)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


SMALL_CHUNKS = {"chunk_size": 6}

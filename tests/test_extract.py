"""The batch driver with a small deterministic processor (test data for the store mechanics)."""
import json
from pathlib import Path

import pytest

from geoclaims.config import defaults
from geoclaims.errors import GeoclaimsError
from geoclaims.extract import run_extract
from geoclaims.records import Claim, Mention, Predicate, Span
from geoclaims.store import ClaimStore


class FirstWordProcessor:
    """One claim per article: its first word CONSULTs its last word. Fails on 'boom'."""

    def __init__(self, model="first-word 1"):
        self.model, self.seen = model, []

    def identity(self):
        return {"version": "test", "model": self.model, "config_hash": "none"}

    def extract(self, articles):
        self.seen.extend(a.id for a in articles)
        if any("boom" in a.text for a in articles):
            raise RuntimeError("boom")
        return [[first_word_claim(a)] for a in articles]


def first_word_claim(article):
    words = article.text.split()
    first, last = words[0], words[-1]
    start, end = article.text.index(first), article.text.rindex(last)
    return Claim(claim_id=f"{article.id}#0", article_id=article.id,
                 subject=Mention(first, start, start + len(first)),
                 predicate=Predicate("CONSULT", "consult", "consults"),
                 object=Mention(last, end, end + len(last)),
                 evidence=Span(article.text, 0, len(article.text)), confidence=0.5,
                 extractor={"version": "test", "model": "first-word 1"})


def write_articles(path: Path, n: int, extra: list[str] = ()) -> Path:
    lines = [json.dumps({"id": f"a{i}", "text": f"Country{i} met with Partner{i} about trade."})
             for i in range(n)]
    path.write_text("\n".join([*lines, *extra]) + "\n", encoding="utf-8")
    return path


def config(chunk_size=4):
    cfg = defaults()
    cfg["chunk_size"] = chunk_size
    return cfg


def test_run_writes_store_and_counts(tmp_path: Path):
    src = write_articles(tmp_path / "in.jsonl", 10, ['{"id": "a1", "text": "dup id"}', "not json",
                                                      '{"id": "z", "text": "Country3 met with Partner3 about trade."}',
                                                      '{"id": "b", "text": "boom goes it"}'])
    result = run_extract([src], tmp_path / "out", FirstWordProcessor(), config())
    counts = result.counts.to_dict()
    assert counts == {"read": 14, "processed": 10, "claims": 10,
                      "rejected": {"GC101": 1, "GC106": 1, "GC107": 1, "GC115": 1}}
    store = ClaimStore.open_for_read(tmp_path / "out")
    manifest = store.manifest()
    assert manifest["chunks"] == 4 and manifest["invariant"]["holds"] is True
    assert manifest["inputs"][0]["format"] == "jsonl" and manifest["extractor"]["model"] == "first-word 1"
    assert [c["article_id"] for c in store.iter_claims()] == [f"a{i}" for i in range(10)]
    assert [r["code"] for r in store.iter_rejects()] == ["GC106", "GC101", "GC107", "GC115"]


def test_rerun_does_no_work_and_writes_nothing(tmp_path: Path):
    src = write_articles(tmp_path / "in.jsonl", 9)
    run_extract([src], tmp_path / "out", FirstWordProcessor(), config())
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    again = FirstWordProcessor()
    result = run_extract([src], tmp_path / "out", again, config())
    assert again.seen == [] and result.chunks_processed == 0 and result.wrote_manifest is False
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (tmp_path / "out").rglob("*") if p.is_file()}
    assert after == before


def test_resume_after_lost_chunk_redoes_only_it_and_keeps_dedup(tmp_path: Path):
    src = write_articles(tmp_path / "in.jsonl", 12, ['{"id": "a0", "text": "late duplicate id"}'])
    run_extract([src], tmp_path / "full", FirstWordProcessor(), config())
    run_extract([src], tmp_path / "cut", FirstWordProcessor(), config())
    for marker in sorted((tmp_path / "cut" / "done").glob("part-0000[23]-*")):
        marker.unlink()  # as if killed before chunks 2 and 3 committed
    (tmp_path / "cut" / "manifest.json").unlink()
    again = FirstWordProcessor()
    run_extract([src], tmp_path / "cut", again, config())
    assert again.seen == ["a8", "a9", "a10", "a11"]  # a0 again in chunk 3 -> GC106 from restored state
    for name in ("manifest.json", "rejects.jsonl"):
        assert (tmp_path / "cut" / name).read_bytes() == (tmp_path / "full" / name).read_bytes()
    full, cut = ClaimStore(tmp_path / "full"), ClaimStore(tmp_path / "cut")
    assert list(cut.iter_claims()) == list(full.iter_claims())
    assert [r["code"] for r in cut.iter_rejects()] == ["GC106"]


def test_other_model_or_config_is_refused(tmp_path: Path):
    src = write_articles(tmp_path / "in.jsonl", 3)
    run_extract([src], tmp_path / "out", FirstWordProcessor(), config())
    with pytest.raises(GeoclaimsError, match="GC205"):
        run_extract([src], tmp_path / "out", FirstWordProcessor(model="other 2"), config())
    with pytest.raises(GeoclaimsError, match="GC205"):
        run_extract([src], tmp_path / "out", FirstWordProcessor(), config(chunk_size=5))


def test_missing_input_writes_nothing(tmp_path: Path):
    with pytest.raises(GeoclaimsError, match="GC201"):
        run_extract([tmp_path / "nope.jsonl"], tmp_path / "out", FirstWordProcessor(), config())
    assert not (tmp_path / "out").exists()


def test_empty_input_gives_empty_store(tmp_path: Path):
    src = tmp_path / "empty.jsonl"
    src.write_text("")
    result = run_extract([src], tmp_path / "out", FirstWordProcessor(), config())
    assert result.counts.to_dict() == {"read": 0, "processed": 0, "rejected": {}, "claims": 0}
    assert ClaimStore.open_for_read(tmp_path / "out").manifest()["parts"] == []

"""Claims of events with no target (``"object": null``) go through cat, summary, aggregate, every export,
SPARQL, the plot and the HTML pages."""
from __future__ import annotations

import json
from pathlib import Path

from graph_stores import mention

from geoclaims.cli import main
from geoclaims.config import defaults
from geoclaims.extract import run_extract

TEXT = "Iran threatened to close the strait. Thousands of protesters marched in Tehran."


class NoTargetProcessor:
    def identity(self) -> dict:
        return {"version": "test", "model": "scripted no-target 1"}

    def extract(self, articles) -> list:
        return [[self.claim(a.id, a.text, "Iran", "Iran", "IRN", "THREATEN", 0),
                 self.claim(a.id, a.text, "protesters", None, None, "PROTEST", 1)] for a in articles]

    @staticmethod
    def claim(article_id, text, subject, name, code, type_, n) -> dict:
        start = text.index(subject)
        return {"schema_version": 1, "claim_id": f"{article_id}-{n}", "article_id": article_id,
                "subject": mention(subject, text, name, code, None),
                "predicate": {"type": type_, "lemma": type_.lower(), "text": type_.lower(), "negated": False,
                              "modality": "asserted", "start": start, "end": start + len(subject)},
                "object": None, "motive": None, "attribution": None, "confidence": 0.8,
                "evidence": {"text": text, "start": 0, "end": len(text)},
                "extractor": {"version": "test", "model": "scripted no-target 1"}, "time": None}


def test_claims_without_object_go_through_every_consumer(tmp_path: Path, capsys):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "n1", "text": TEXT, "published": "2019-05-01", "source": "X"}) + "\n")
    config = defaults()
    config["language"]["short_text_chars"] = 10_000
    store = tmp_path / "store"
    run_extract([source], store, NoTargetProcessor(), config)
    assert main(["cat", str(store)]) == 0
    claims = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [c["object"] for c in claims] == [None, None]
    assert main(["summary", str(store)]) == 0
    assert "THREATEN" in capsys.readouterr().out
    agg = tmp_path / "agg"
    assert main(["aggregate", str(store), "--out", str(agg)]) == 0
    for target, out in (("neo4j", "neo"), ("rdf", "g.nt"), ("graphml", "g.graphml"), ("parquet", "pq")):
        assert main(["export", str(store), "--to", target, "--out", str(tmp_path / out), "--agg", str(agg)]) == 0
    capsys.readouterr()
    assert main(["graph", "query", str(tmp_path / "g.nt"), "SELECT (COUNT(*) AS ?n) WHERE { ?c a gc:Claim }"]) == 0
    assert capsys.readouterr().out == "?n\n2\n"
    assert main(["graph", "plot", str(store), "--out", str(tmp_path / "g.png")]) == 0
    assert main(["show", str(store), "--input", str(source), "--html-dir", str(tmp_path / "html")]) == 0
    assert (tmp_path / "html" / "index.html").is_file()

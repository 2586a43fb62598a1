from __future__ import annotations

import json

import pytest

from geoclaims.cli import main
from geoclaims.relations.evaluate import evaluate_relations


@pytest.mark.slow
def test_evaluate_writes_reports(relation_model_dir, tiny_relations_path, tmp_path, capsys):
    out = tmp_path / "eval"
    metrics = evaluate_relations(relation_model_dir, str(tiny_relations_path), out, device="cpu")
    assert 0.0 <= metrics["micro"]["f1"] <= 1.0 and 0.0 <= metrics["ece"] <= 1.0
    assert "micro" in capsys.readouterr().out
    saved = json.loads((out / "metrics.json").read_text())
    assert saved["micro"] == metrics["micro"] and saved["n"] == 36
    rows = [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]
    assert len(rows) == 36 and rows[0]["example_id"] == "tiny-00"
    assert set(rows[0]) == {"example_id", "gold", "predicted", "probability"}
    assert sum(rows[0]["probability"].values()) == pytest.approx(1.0, abs=1e-4)
    confusion = (out / "confusion.tsv").read_text().splitlines()
    assert len(confusion) == 1 + len(metrics["labels"])
    assert sum(int(x) for line in confusion[1:] for x in line.split("\t")[1:]) == 36


@pytest.mark.slow
def test_evaluate_command_line(relation_model_dir, tiny_relations_path, tmp_path):
    code = main(["evaluate", "relations", "--model", str(relation_model_dir), "--data", str(tiny_relations_path),
                 "--out", str(tmp_path / "e"), "--device", "cpu"])
    assert code == 0 and (tmp_path / "e" / "metrics.json").is_file()


@pytest.mark.shared("conll04")  # the data is read before the missing model is noticed
def test_command_line_errors(tmp_path, capsys):
    assert main(["evaluate", "relations", "--model", str(tmp_path), "--data", "conll04:dev"]) == 2
    assert "GC204" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("epochz = 3\n")
    assert main(["train", "relations", "--config", str(bad)]) == 2
    assert "GC203" in capsys.readouterr().err

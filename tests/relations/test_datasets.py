from __future__ import annotations

import json

import pytest

from geoclaims.errors import GeoclaimsError
from geoclaims.relations.datasets import full_name, load_examples, parse_data_arg
from geoclaims.relations.encoding import RelationExample


def _write(path, examples):
    path.write_text("".join(json.dumps(e.to_dict()) + "\n" for e in examples))


def test_jsonl_reader_with_source_and_weight_override(tmp_path):
    path = tmp_path / "x.jsonl"
    _write(path, [RelationExample("a", "Ruritania sanctioned Borduria.", (0, 9), (21, 29), "SANCTION")])
    [plain] = load_examples([{"name": "jsonl", "path": str(path)}])
    assert plain.source == "gold" and plain.weight == 1.0 and plain.label == "SANCTION"
    [silver] = load_examples([{"name": "geoclaims.datasets.jsonl.v1", "path": str(path), "source": "silver",
                               "weight": 0.3}])
    assert silver.source == "silver" and silver.weight == 0.3 and silver.subject == (0, 9)


def test_jsonl_reader_errors(tmp_path):
    with pytest.raises(GeoclaimsError, match="GC208"):
        load_examples([{"name": "jsonl", "path": str(tmp_path / "missing.jsonl")}])
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"example_id": "x"}\n')
    with pytest.raises(GeoclaimsError, match="GC208"):
        load_examples([{"name": "jsonl", "path": str(bad)}])


def test_unknown_dataset_name_and_bad_option():
    with pytest.raises(GeoclaimsError, match="GC208"):
        load_examples([{"name": "geoclaims.datasets.nope.v1"}])
    with pytest.raises(GeoclaimsError, match="GC208"):
        load_examples([{"name": "conll04", "colour": "red"}])


def test_names_and_command_line_specs(tmp_path):
    assert full_name("gold") == "geoclaims.datasets.gold.v1"
    assert full_name("geoclaims.datasets.gold.v1") == "geoclaims.datasets.gold.v1"
    assert parse_data_arg("gold:test") == {"name": "gold", "split": "test"}
    assert parse_data_arg("conll04") == {"name": "conll04"}
    assert parse_data_arg(str(tmp_path / "a.jsonl")) == {"name": "jsonl", "path": str(tmp_path / "a.jsonl")}


def test_gold_and_silver_hooks_are_registered_lazily(tmp_path):
    with pytest.raises(GeoclaimsError, match="GC208"):
        load_examples([{"name": "gold", "split": "no-such-split"}])
    path = tmp_path / "silver.jsonl"
    _write(path, [RelationExample("s", "Ruritania sanctioned Borduria.", (0, 9), (21, 29), "SANCTION", 1.0, "silver")])
    try:
        examples = load_examples([{"name": "silver", "path": str(path)}])
    except GeoclaimsError as err:  # silver_data not importable in this checkout
        pytest.skip(str(err))
    assert [e.source for e in examples] == ["silver"]

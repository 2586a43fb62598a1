"""The v0.1 pair gold relabelled by the settled confusions keeps its old label, and says why (issue 11)."""
from __future__ import annotations

import json
from pathlib import Path

from geoclaims.records import RELATION_LABELS

# this checkout's records, whichever checkout the geoclaims package was installed from
ANNOTATIONS = Path(__file__).resolve().parents[2] / "corpora" / "annotations" / "relations"

RELABEL_KEYS = {"label_v1", "relabel_reason", "negated_v1"}


def committed_records() -> list[dict]:
    records = []
    for path in sorted(ANNOTATIONS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def test_relabelled_records_keep_a_valid_different_old_label_and_a_reason():
    relabelled = [r for r in committed_records() if "label_v1" in r]
    assert relabelled, "no relabelled record found"
    for record in relabelled:
        assert record["label"] in RELATION_LABELS, record["id"]
        assert record["label_v1"] in RELATION_LABELS, record["id"]
        assert record["label"] != record["label_v1"], record["id"]
        reason = record.get("relabel_reason")
        assert isinstance(reason, str) and reason.strip() and "\n" not in reason, record["id"]


def test_relabel_fields_come_only_with_a_relabel():
    for record in committed_records():
        if "label_v1" not in record:
            assert not RELABEL_KEYS & set(record), record["id"]
        if "negated_v1" in record:
            assert record["negated_v1"] != record["negated"], record["id"]

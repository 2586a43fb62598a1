"""The targeted event round: cue counting, greedy article choice, and merging a later round."""
from __future__ import annotations

import json
from types import SimpleNamespace

from geoclaims.corpora.annotation.event_targets import CUES, cue_hits, pick_articles, with_extra_cues
from geoclaims.corpora.event_gold import merge


def article(doc_id: str, text: str) -> SimpleNamespace:
    return SimpleNamespace(id=doc_id, text=text)


def test_cue_hits_counts_each_type_cue_in_the_text():
    hits = cue_hits("Troops were deployed to the border; the army deployed tanks. Talks are to resume.")
    assert hits["MOBILIZE"] == 2 and hits["CONSULT"] == 1 and hits["SANCTION"] == 0


def test_pick_articles_prefers_what_is_still_needed_and_stops_when_covered():
    articles = [article("a", "The minister resigned. He resigned again."),
                article("b", "Troops were deployed. More troops were deployed. Warships were deployed."),
                article("c", "The weather was fine.")]
    chosen = pick_articles(articles, {"MOBILIZE": 1.0, "CONCEDE": 0.5}, 5)
    assert [a.id for a in chosen] == ["b", "a"]  # b covers MOBILIZE first; c has no cue and is never taken
    assert [a.id for a in pick_articles(articles, {"MOBILIZE": 1.0}, 5)] == ["b"]


def test_a_rounds_extra_cue_words_add_to_a_types_own():
    text = "Washington set import quotas on Chinese textiles; Beijing imposed tariffs."
    assert cue_hits(text)["SANCTION"] == 1
    cues = with_extra_cues({"SANCTION": r"\bimport quotas?\b"})
    assert cue_hits(text, cues)["SANCTION"] == 2 and cue_hits(text, cues)["CONSULT"] == cue_hits(text)["CONSULT"]
    articles = [article("a", "Talks resumed."), article("b", "The import quotas stay.")]
    assert [a.id for a in pick_articles(articles, {"SANCTION": 1.0}, 5, cues)] == ["b"]
    assert pick_articles(articles, {"SANCTION": 1.0}, 5) == []
    assert with_extra_cues({}) is CUES


def write_lines(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_merge_append_adds_a_round_to_the_records_already_there(tmp_path):
    root, folder = tmp_path / "gold", tmp_path / "round"
    (folder / "answers").mkdir(parents=True)
    root.mkdir()
    old = {"id": "train-000-00", "corpus": "wikinews", "doc_id": "d0", "sentence": [0, 10], "sha1": "x",
           "skip": False, "events": [], "annotator": "ann1"}
    write_lines(root / "wikinews-train.jsonl", [old])
    text = "Iran deployed troops."
    item = {"item": "train-400-00", "corpus": "wikinews", "doc_id": "d1", "sentence": [5, 5 + len(text)],
            "sha1": "y", "text": text, "context": "", "title": "t"}
    write_lines(folder / "train-00.jsonl", [item])
    answer = {"item": "train-400-00", "skip": False, "events": [
        {"type": "MOBILIZE", "trigger": "deployed", "sources": [{"text": "Iran", "code": "IRN"}], "targets": [],
         "negated": False, "modality": "asserted"}]}
    write_lines(folder / "answers" / "train-00.p1.ann14.jsonl", [answer])
    assert merge(folder, root=root, append=True, selection="targeted") == {"train": 2}
    records = [json.loads(line) for line in (root / "wikinews-train.jsonl").read_text().splitlines()]
    assert [r["id"] for r in records] == ["train-000-00", "train-400-00"]
    new = records[1]
    assert new["selection"] == "targeted" and new["annotator"] == "ann14" and "selection" not in records[0]
    assert new["events"][0]["trigger"] == [5 + 5, 5 + 13] and new["events"][0]["sources"][0]["code"] == "IRN"


def test_quote_span_prefers_a_whole_word_to_a_match_inside_another_word():
    from geoclaims.corpora.annotation.event_answers import quote_span

    sentence = "Then the minister said he would resign."
    assert quote_span(sentence, "he", near=30) == (23, 25)
    assert quote_span("Other", "he") == (2, 4)  # no whole word: the only occurrence still counts


def test_parse_need_reads_type_counts():
    from geoclaims.corpora.annotation.event_targets import parse_need

    assert parse_need("MOBILIZE=31, THREATEN=2.5") == {"MOBILIZE": 31.0, "THREATEN": 2.5}

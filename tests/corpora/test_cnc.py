"""The CNC span reader: markup -> plain text offsets, malformed rows, and the real file's counts."""
from __future__ import annotations

import pytest

from geoclaims.corpora.cnc import CncRelation, MalformedMarkup, iter_cnc_spans, parse_marked

TEXT = "In 2009 , riots broke out , and in their wake , mass arrests were made ."
MARKED = "In 2009 , <ARG0>riots broke out</ARG0> , and <SIG0>in their wake</SIG0> , <ARG1>mass arrests were made</ARG1> ."


def test_parse_marked_gives_offsets_into_the_plain_text():
    relation = parse_marked(MARKED, TEXT)
    assert TEXT[slice(*relation.cause)] == "riots broke out"
    assert TEXT[slice(*relation.effect)] == "mass arrests were made"
    assert [TEXT[a:b] for a, b in relation.signals] == ["in their wake"]


def test_nested_signal_and_several_signals():
    text = "Police fired to foil the march and so , as a result , it ended ."
    marked = ("<ARG1>Police fired</ARG1> <ARG0><SIG0>to</SIG0> foil the march</ARG0> and <SIG1>so</SIG1> , "
              "as a result , it ended .")
    relation = parse_marked(marked, text)
    assert relation == CncRelation((13, 30), (0, 12), ((13, 15), (35, 37)))
    assert text[13:30] == "to foil the march" and text[35:37] == "so"


@pytest.mark.parametrize("marked, problem", [
    ("<ARG0>riots</ARG0> broke out", "ARG1"),
    ("<ARG0>riots <ARG1>broke out</ARG0>", "unclosed"),
    ("riots</ARG0> <ARG1>broke out</ARG1>", "without opening"),
    ("<ARG0>riots</ARG0> <ARG1>broke</ARG1> in", "give back"),
])
def test_malformed_markup_is_refused(marked, problem):
    with pytest.raises(MalformedMarkup, match=problem):
        parse_marked(marked, "riots broke out")


def test_grouped_rows_with_several_relations_and_bad_ones(tmp_path):
    header = "corpus,doc_id,sent_id,eg_id,index,text,causal_text_w_pairs,num_rs\n"
    good = ("<ARG1>mass arrests were made</ARG1> after <ARG0>riots</ARG0> .",
            "<ARG0>mass arrests were made</ARG0> , so <ARG1>people fled</ARG1> .")
    text = "mass arrests were made after riots ."
    rows = [f'cnc,train_01_2,7,0,x,"{text}","{list(good)}",2\n',
            'cnc,train_01_2,8,0,x,"Nothing happened .",[],0\n',
            'cnc,train_01_3,9,0,x,"a b .","[\'<ARG0>a</ARG0> c .\']",1\n']
    (tmp_path / "train_subtask2_grouped.csv").write_text(header + "".join(rows), encoding="utf-8-sig")
    skipped: list = []
    sentences = list(iter_cnc_spans(tmp_path, skipped=skipped))
    assert [s.sentence_id for s in sentences] == ["train_01_2_7", "train_01_2_8", "train_01_3_9"]
    first = sentences[0]
    assert first.causal == 1 and len(first.relations) == 1  # the second relation's text differs
    assert sentences[1].causal == 0 and sentences[1].relations == ()
    assert [sid for sid, _ in skipped] == ["train_01_2_7", "train_01_3_9"]


@pytest.mark.slow
@pytest.mark.shared("causal_news_corpus")
def test_real_file_counts_match_source_md():
    skipped: list = []
    sentences = list(iter_cnc_spans(skipped=skipped))
    assert len(sentences) == 3075
    assert sum(len(s.relations) for s in sentences) == 2257
    assert sum(s.causal for s in sentences) == 1624
    assert skipped == []
    for sentence in sentences:
        for relation in sentence.relations:
            for start, end in (relation.cause, relation.effect, *relation.signals):
                assert 0 <= start < end <= len(sentence.text)
                assert sentence.text[start:end] == sentence.text[start:end].strip()
